"""Check that the study's runs compute the same numbers with glibc keeping freed memory (run.sh's GLIBC_TUNABLES).

    python tools/study_snapshot/check_allocator.py [SNAPSHOT_DIR] [OUT_JSON]

From the study's code snapshot (default ../study_code, built by run.sh) and with its CoLA teacher, it trains short
students with the config of an archived CoLA run, once with glibc's malloc defaults and once with run.sh's settings,
each in a fresh process, and compares every step's metrics and every array of the checkpoint at the last step, bit
for bit. It writes what it found (with each process's page faults and median step time) to OUT_JSON (default
nbs/results/pretrained/allocator_check.json)."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUNABLES = "glibc.malloc.trim_threshold=1099511627776:glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1"   # as run.sh
CONFIG = str(ROOT / "nbs" / "results" / "pretrained" / "cola" / "eps-fgsm" / "eps0.03" / "config.yaml")   # an archived CoLA run
TEACHER = "runs/pretrained/cola/teacher"
METHODS = ("kd+fgsm", "kd+augpro-mix+augpro-fgsm")   # FGSM's gradient; both projections
STEPS = 12

TRAIN = """
import json, resource, statistics, sys, yaml
from pathlib import Path
from augpro.config import TrainConfig
from augpro.distill import distill
import augpro, os
assert augpro.__file__.startswith(os.environ["PYTHONPATH"]), augpro.__file__   # the snapshot's code, as run.sh checks
method, run_dir, config, teacher, steps = sys.argv[1:6]
changes = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {}   # more settings, e.g. {"model.pack_tokens": true}
cfg = TrainConfig.from_dict(yaml.safe_load(Path(config).read_text()))
cfg = cfg.override({"method": method, "run.run_dir": run_dir, "run.log_every": 1, **changes})
distill(cfg, teacher=teacher, stop_at=int(steps))
times = [json.loads(l)["step_time_s"] for l in Path(run_dir, "metrics.jsonl").read_text().splitlines() if '"train"' in l]
print(json.dumps({"minor_page_faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt,
                  "median_step_s": round(statistics.median(times[1:]), 3)}))
"""

COMPARE = """
import json, sys
from pathlib import Path
import jax, numpy as np, orbax.checkpoint as ocp
a, b, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
def records(run):
    return [{k: v for k, v in json.loads(l).items() if k not in ("step_time_s", "examples_per_s")}
            for l in (run / "metrics.jsonl").read_text().splitlines()]
def arrays(run):   # the training state's arrays (parameters, optimizer state, step)
    return jax.tree.leaves(ocp.PyTreeCheckpointer().restore(run / "checkpoints" / step / "state"))
def meta(run):     # the run's own record beside them, less its clock
    m = json.loads((run / "checkpoints" / step / "meta" / "metadata").read_text())
    return {k: v for k, v in m.items() if k != "elapsed_s"}
ra, rb, xa, xb = records(a), records(b), arrays(a), arrays(b)
same = len(xa) == len(xb) and all(np.array_equal(np.asarray(x), np.asarray(y)) for x, y in zip(xa, xb)) and meta(a) == meta(b)
keys_a, keys_b = set().union(*ra), set().union(*rb)   # code of another version may log other keys
shared = [[{k: v for k, v in r.items() if k in keys_a & keys_b} for r in rs] for rs in (ra, rb)]
print(json.dumps({"metrics_records": len(ra), "metrics_equal": ra == rb, "shared_keys_equal": shared[0] == shared[1],
                  "keys_only_first": sorted(keys_a - keys_b), "keys_only_second": sorted(keys_b - keys_a),
                  "differing": {k: max(abs(x[k] - y[k]) for x, y in zip(*shared) if k in x and k in y)
                                for k in sorted(keys_a & keys_b)
                                if any(k in x and k in y and x[k] != y[k] for x, y in zip(*shared))},
                  "checkpoint_arrays": len(xa), "checkpoint_equal": same}))
"""


def run(code, args, tunables, code_dir: Path):
    "Run `code` with `args` in a fresh process on the augpro in `code_dir`, with `tunables` (None: glibc's defaults)."
    env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES" and not k.startswith("MALLOC_")}
    env.update(PYTHONPATH=str(code_dir), HF_HUB_OFFLINE="1", AUGPRO_DATA=env.get("AUGPRO_DATA", str(ROOT.parent / "shared" / "data")))
    if tunables:
        env["GLIBC_TUNABLES"] = tunables
    else:   # glibc's defaults, also for a snapshot new enough to keep freed memory itself
        env["AUGPRO_MALLOC"] = "system"
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=code_dir, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    snap = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "study_code").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "nbs" / "results" / "pretrained" / "allocator_check.json")
    commit = (snap / "COMMIT").read_text().strip()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for method in METHODS:
            sides = {}
            for name, tunables in (("glibc defaults", None), ("run.sh", TUNABLES)):
                sides[name] = run(TRAIN, [method, f"{tmp}/{method}-{len(sides)}", CONFIG, TEACHER, str(STEPS)], tunables, snap)
            same = run(COMPARE, [f"{tmp}/{method}-0", f"{tmp}/{method}-1", str(STEPS)], None, snap)
            results[method] = {**same, **{f"{k}: {n}": v for n, s in sides.items() for k, v in s.items()}}
            print(method, results[method], flush=True)
    out.write_text(json.dumps({"what": __doc__.splitlines()[0], "snapshot": commit, "config": str(Path(CONFIG).relative_to(ROOT)), "teacher": TEACHER,
                               "steps": STEPS, "glibc_tunables": TUNABLES, "methods": results}, indent=1) + "\n")
    print(f"wrote {out}")
    return 0 if all(r["metrics_equal"] and r["checkpoint_equal"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
