"""Shared pytest set-up: find the offline data folder, and refuse to run CI without it."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    data = os.environ.get("AUGPRO_DATA", "").strip()
    if data:
        # A relative AUGPRO_DATA means relative to where pytest was started (the README runs
        # `AUGPRO_DATA=../shared/data pytest` from the repository root). The notebooks run in
        # subprocesses from nbs/, so they get the absolute path.
        data = str(Path(data).expanduser().resolve())
        os.environ["AUGPRO_DATA"] = data
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        if not data or not (Path(data) / "glue").is_dir():
            raise pytest.UsageError(
                f"CI=true but AUGPRO_DATA={data!r} is not a data folder with glue/ inside. "
                "Set AUGPRO_DATA to the shared data folder (e.g. ../shared/data): in CI, "
                "data-dependent tests must never skip silently.")
