"""Is one 2-thread run or two 1-thread runs at once faster on this machine? (#27: measure before using it)

Runs the pretrained study's CoLA `kd` student for 80 steps (a) alone with XLA's default threads, then (b) twice at
once, each pinned to one core with one XLA thread; writes the median step times and the throughput ratio as JSON.

    python tools/bench_threads.py OUT.json [--teacher runs/pretrained/cola/teacher/final_model] [--work DIR]
    python tools/bench_threads.py OUT.json --parse DIR   # only read the metrics of a finished bench in DIR
"""
import argparse, json, os, platform, statistics, subprocess, sys, tempfile
from pathlib import Path

ONE = r'''
import sys
from augpro.config import resolve
from augpro.distill import distill
out, teacher = sys.argv[1], sys.argv[2]
cfg = resolve("pretrained", {"task": "cola", "data.max_len": 128, "data.batch_size": 32, "data.length_buckets": [32, 64, 128],
    "data.holdout": 850, "model.teacher": "sentence-transformers/all-MiniLM-L6-v2",
    "model.student": "sentence-transformers/all-MiniLM-L6-v2:num_layers=3", "run.progress": False, "method": "kd",
    "run.seed": 0, "optim.steps": 80, "optim.warmup_steps": 8, "data.holdout_eval": "heldout", "run.eval_every": 1000,
    "run.checkpoint_every": 1000, "run.run_dir": out, "optim.learning_rate": 1e-4, "run.log_every": 1})
distill(cfg, teacher=teacher)
'''
SKIP = 10   # the first steps compile or warm up


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").is_file() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def median_step(run: Path) -> float:
    times = [json.loads(l)["step_time_s"] for l in open(run / "metrics.jsonl") if '"kind": "train"' in l]
    return statistics.median(times[SKIP:])


def bench(work: Path, teacher: str):
    script = work / "one.py"
    script.write_text(ONE)
    subprocess.run([sys.executable, script, work / "a", teacher], check=True)
    env = {**os.environ, "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"}
    procs = [subprocess.Popen(["taskset", "-c", str(core), sys.executable, script, work / f"b{core}", teacher], env=env)
             for core in (0, 1)]
    assert all(p.wait() == 0 for p in procs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--teacher", default="runs/pretrained/cola/teacher/final_model")
    ap.add_argument("--work", default=None, help="folder for the bench's runs (default: a temporary one)")
    ap.add_argument("--parse", default=None, help="only read a finished bench's folder")
    a = ap.parse_args()
    work = Path(a.parse or a.work or tempfile.mkdtemp())
    if not a.parse:
        bench(work, a.teacher)
    one = median_step(work / "a")
    two = [median_step(work / f"b{c}") for c in (0, 1)]
    out = {"what": "CoLA kd student (MiniLM 3 of 6 layers, teacher 6), batch 32, length buckets 32/64/128, 80 steps, "
                   f"median step time after the first {SKIP}",
           "cpu": cpu_name(), "cores": os.cpu_count(),
           "one 2-thread run: s/step": round(one, 4), "two 1-thread runs at once: s/step each": [round(t, 4) for t in two],
           "steps/s, one run": round(1 / one, 3), "steps/s, two runs together": round(sum(1 / t for t in two), 3)}
    out["throughput ratio (two runs / one)"] = round(out["steps/s, two runs together"] / out["steps/s, one run"], 3)
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
