"""Run every notebook's test cells with nbdev's own test machinery: one pytest test per notebook.

Each notebook runs in its own process (`nbdev_test --path`), so a notebook that sets XLA flags cannot affect
another, and a failure names its notebook and shows the cell. Every process shares augpro's persistent compilation
cache (`augpro.files.compilation_cache_dir`), so a program that several notebooks compile is compiled once; the cache
keeps every program, however fast it compiled (JAX keeps only those over a second by default), since each fresh process
a test starts compiles dozens of small programs that the one before it compiled already; and each process shares the
worker's answer to whether static figures can be drawn here (`augpro.report.static_images_available`), so a browser
is tried once per worker rather than in every notebook and every run a notebook starts.

The notebooks' tests compile with `augpro.testing.TEST_XLA_FLAGS` (added to any XLA_FLAGS already set): LLVM at
optimisation level 0, and XLA:CPU's older loop emitters for fused kernels. XLA builds the same programs, whose machine
code it then makes in less time. Most of a test's time is compiling tiny programs; what the programs compute is what the
tests check, and the numbers move at most within float rounding, which every tolerance allows (00a_testing measures
it). Benchmarks (`#| slow`, not run here) and users' runs keep XLA's defaults.

A notebook that runs past `TIMEOUT_S` fails, naming itself, instead of holding the suite until CI's own limit."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 1200   # a notebook's test cells take at most a few minutes here; past this, it hangs: fail it, naming it
# the chapters (nbs/NN_*.ipynb, each exporting one module) and the studies (nbs/studies/*.ipynb)
NOTEBOOKS = sorted(p for pattern in ("*.ipynb", "studies/*.ipynb") for p in (ROOT / "nbs").glob(pattern)
                   if not p.name.startswith("_"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "nbs")) for p in NOTEBOOKS])
def test_notebook(notebook):
    nbdev_test = Path(sys.executable).parent / "nbdev_test"
    from augpro.files import enable_compilation_cache   # imports no JAX; sets JAX_COMPILATION_CACHE_DIR for the children
    from augpro.report import static_images_available
    from augpro.testing import TEST_XLA_FLAGS
    enable_compilation_cache()
    static_images_available()   # tried once per worker: the notebooks, and the processes they start, read its answer
    flags = os.environ.get("XLA_FLAGS", "")
    env = dict(os.environ, XLA_FLAGS=flags if TEST_XLA_FLAGS in flags else f"{flags} {TEST_XLA_FLAGS}".strip())
    env.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
    try:
        proc = subprocess.run([str(nbdev_test), "--path", str(notebook), "--do_print"], cwd=ROOT,
                              capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        so_far = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or ""
        pytest.fail(f"{notebook.name} did not finish in {TIMEOUT_S} s (a hang?); its output so far:\n{so_far}", pytrace=False)
    if proc.returncode != 0:
        pytest.fail(f"{notebook.name} failed its test cells:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
