"""Overhead of each sweep launcher (#30): seconds from handing a run to the launcher to its first training step, for a
tiny student (papermill starts a kernel, the kernel imports augpro and JAX, the step compiles from the warm cache),
on local, Ray (a cluster of this machine) and SLURM through submitit's local executor. Writes JSON.

    AUGPRO_DATA=../shared/data python tools/bench_launchers.py OUT.json [--work DIR]
"""
import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path


def first_step_after(run_dir: Path, t0: float, timeout: float = 600) -> float:
    "Seconds from t0 until the run's metrics.jsonl holds its first train record."
    path = run_dir / "metrics.jsonl"
    while time.time() - t0 < timeout:
        if path.is_file() and '"kind": "train"' in path.read_text():
            return time.time() - t0
        time.sleep(0.05)
    raise TimeoutError(f"{run_dir} logged no step in {timeout} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--work", default=None)
    a = ap.parse_args()
    from augpro.sweep import SweepSpec, experiment_notebooks, make_launcher, run_sweep, teacher_dir
    work = Path(a.work or tempfile.mkdtemp(prefix="augpro-bench-launchers-")).resolve()
    base = {"model.teacher": "tiny:num_layers=2", "model.student": "tiny", "data.tokenizer": "train:1000", "optim.steps": 5,
            "optim.warmup_steps": 0, "data.batch_size": 16, "data.eval_batch_size": 64, "data.max_len": 32,
            "run.eval_every": 5, "run.log_every": 1, "run.checkpoint_every": 100}
    spec = SweepSpec(out=str(work / "local"), tasks=["sst2"], methods=["kd"], seeds=[0], data_fractions=[0.02], base=base,
                     teacher={"optim.steps": 10, "data.data_fraction": 0.02, "run.eval_every": 10}, report=False)
    run_sweep(spec, progress=False)   # the teacher, and a warm compilation cache for every launcher after
    teacher = teacher_dir(spec.out, "sst2")
    out = {"what": "seconds from handing one tiny kd student to the launcher until its first training step", "runs": {}}
    cases = (("local", {}), ("ray", {"ray": {"address": "local", "num_cpus": 1}}),
             ("slurm", {"slurm": {"cluster": "local", "timeout_min": 10}}), ("local", {}))   # local twice: order effects show
    for i, (name, options) in enumerate(cases):
        s = SweepSpec(**{**spec.to_dict(), "out": str(work / f"{i}-{name}"), "teacher_dir": str(teacher), "launcher": name,
                         "seeds": [1], **options})
        t0 = time.time()
        launcher = make_launcher(s, jobs=1)
        start_s = time.time() - t0
        run = next(r for r in s.runs() if r.role == "student")
        t1 = time.time()
        th = threading.Thread(target=launcher.execute, args=(experiment_notebooks() / run.notebook, run.run_dir / run.notebook,
                                                             run.parameters()))
        th.start()
        first = first_step_after(run.run_dir, t1)
        th.join()
        out["runs"][f"{name}" + (" (again)" if name in out["runs"] else "")] = {"launcher start s": round(start_s, 2), "submit to first step s": round(first, 2)}
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
