"""Record the golden outputs that refactors must reproduce: `tests/fixtures/golden.json`.

For every registered method, every metric of every step of `augpro.distill.method_trace` (a tiny student
and teacher, one fixed batch, dropout off, 20 steps), and `augpro.projection.project`'s ids on a fixed
input for each similarity. The numbers are computed, never edited: rerun this script only when a change of
behaviour is intended, and say so in the commit. `13_distill.ipynb` checks today's code against the file,
in a fresh process with the same XLA flags as here.

    python tools/make_golden.py
"""
import json
import os
import sys
from pathlib import Path

# the flags of the notebooks' fresh-process tests (13_distill's run_python), so both compile the same programs.
# The file was recorded with LLVM at level 0 alone; the fusion-emitter flag came later, and moves the traces within
# float rounding (13_distill's check prints by how much; it allows 1e-4 relative).
from augpro.testing import xla_test_flags   # imports no JAX

os.environ["XLA_FLAGS"] = xla_test_flags(devices=1)

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "golden.json"
STEPS = 20


def golden() -> dict:
    "The golden outputs of the code as it is now."
    import jax
    import numpy as np

    from augpro.distill import METHODS, method_trace
    from augpro.projection import default_candidates, project

    rng = np.random.default_rng(0)
    reps, table = rng.normal(size=(4, 16, 32)).astype(np.float32), rng.normal(size=(300, 32)).astype(np.float32)
    return {
        "jax": jax.__version__, "steps": STEPS,
        "methods": {m: method_trace(m, steps=STEPS) for m in METHODS},
        "projection": {metric: np.asarray(project(reps, table, metric=metric, chunk_size=64,
                                                  candidates=default_candidates(300))).tolist()
                       for metric in ("cosine", "dot", "l2")},
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLDEN
    out.write_text(json.dumps(golden(), indent=0) + "\n")
    print(f"wrote {out}")
