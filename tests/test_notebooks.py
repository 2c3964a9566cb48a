"""Run every notebook's test cells with nbdev's own test machinery: one pytest test per notebook.

Each notebook runs in its own process (`nbdev_test --path`), so a notebook that sets XLA flags cannot affect
another, and a failure names its notebook and shows the cell. Every process shares augpro's persistent compilation
cache (`augpro.files.compilation_cache_dir`), so a program that several notebooks compile is compiled once."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the chapters (nbs/NN_*.ipynb, each exporting one module) and the studies (nbs/studies/*.ipynb)
NOTEBOOKS = sorted(p for pattern in ("*.ipynb", "studies/*.ipynb") for p in (ROOT / "nbs").glob(pattern)
                   if not p.name.startswith("_"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "nbs")) for p in NOTEBOOKS])
def test_notebook(notebook):
    nbdev_test = Path(sys.executable).parent / "nbdev_test"
    from augpro.files import enable_compilation_cache   # imports no JAX; sets JAX_COMPILATION_CACHE_DIR for the children
    enable_compilation_cache()
    proc = subprocess.run([str(nbdev_test), "--path", str(notebook), "--do_print"], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ)
    if proc.returncode != 0:
        pytest.fail(f"{notebook.name} failed its test cells:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
