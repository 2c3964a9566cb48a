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


SUITE_TIMES = ROOT / "nbs" / "results" / "bench" / "suite.json"   # written by tools/time_suite.py


def worksteal_order(seconds: list[float], workers: int) -> list[int]:
    """An order of tests (given each one's expected seconds) for pytest-xdist's `worksteal`: it hands the first
    ⌊k/n⌋ tests to one worker, the next to another, and so on, and an idle worker steals from the end of another's
    queue. So each worker's share is filled greedily, longest test first, to the share with the fewest seconds that
    has room, and each share starts with its longest: the long tests begin at once, and the short ones end the run."""
    sizes, left = [], len(seconds)
    for remaining in range(workers, 0, -1):   # the split worksteal makes (xdist.scheduler.worksteal.check_schedule)
        sizes.append(left // remaining)
        left -= sizes[-1]
    shares, totals = [[] for _ in sizes], [0.0] * len(sizes)
    for i in sorted(range(len(seconds)), key=lambda i: -seconds[i]):
        w = min((w for w in range(len(sizes)) if len(shares[w]) < sizes[w]), key=lambda w: totals[w])
        shares[w].append(i)
        totals[w] += seconds[i]
    return [i for share in shares for i in share]


def pytest_collection_modifyitems(config, items):
    """Order the tests by `worksteal_order` from the notebooks' last measured times: a notebook not measured yet counts
    as the median one, and a test that is not a notebook's (a unit test of the tests' own code) as instant."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))   # set in every worker: all collect the same order
    if workers < 2 or not SUITE_TIMES.is_file():
        return
    import json
    import statistics
    measured = json.loads(SUITE_TIMES.read_text()).get("notebooks_s", {})
    median = statistics.median(measured.values()) if measured else 0.0
    seconds = [measured.get(item.callspec.id, median) if item.originalname == "test_notebook" else 0.0 for item in items]
    order = worksteal_order(seconds, workers)
    items[:] = [items[i] for i in order]
