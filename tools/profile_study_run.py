"""Issue #31 item 5: where the time of one pretrained-study run goes, end to end.

Trains one all-MiniLM-L6-v2 student of `kd+augpro-mix` with the pretrained study's own settings (read from one of its
archived run folders, default RTE: 250 held-out rows evaluated every 50 steps, batch 32, max_len 128; checkpoints as
that config has them, or every `--checkpoint-every` steps) from the study's fine-tuned teacher, under cProfile, and
writes `nbs/results/bench/profile_study_run.json`: the wall time of the process by phase (imports, tokenizer and data,
models, compiling the step, the steps, evaluation, checkpoints, saving), each phase's share, and the cost of one
evaluation and one checkpoint projected onto the study's full budget.

    python tools/profile_study_run.py --steps 100 --teacher runs/pretrained/rte/teacher --checkpoint-every 100
    python tools/profile_study_run.py --config nbs/results/pretrained/cola/eps-fgsm/eps0.03/config.yaml \
        --teacher runs/pretrained/cola/teacher --method kd --steps 300 --study-steps 2400 \
        --out nbs/results/bench/profile_study_run_cola.json

Run it with nothing else on the machine (the JSON records the other load before it started).
"""
import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
from augpro.bench import environment  # noqa: E402  (importing augpro is a phase of the run)
from augpro.config import TrainConfig  # noqa: E402
from augpro.distill import distill  # noqa: E402
import yaml  # noqa: E402
IMPORT_S = time.perf_counter() - T0

# phase: the functions whose cumulative time it is (qualified by file and name in cProfile's table)
PHASES = {
    "tokenizer and data (read, hold out, encode)": [("distill.py", "prepare_run")],
    "models (teacher load, student build)": [("distill.py", "_teacher_model"), ("encoders.py", "build_model")],
    "set up the step (optimizer state, shardings; XLA compiles at the first step)": [("distill.py", "compile_step")],
    "final model, results.json, TensorBoard": [("distill.py", "_finish")],
}


def cumulative(stats: pstats.Stats, file_end: str, name: str) -> float:
    "Cumulative seconds of the function `name` defined in a file ending with `file_end` (0 when never called)."
    return sum(v[3] for (f, _, n), v in stats.stats.items() if n == name and f.endswith(file_end))


def projected(out: dict, study_steps: int) -> dict:
    """The run's fixed costs, mean step, cost per evaluation and per checkpoint carried over to the study's budget
    (`study_steps`, an evaluation every `eval_every`, a checkpoint every `checkpoint_every` and at the end): the share
    of that run's time spent on evaluation, on checkpoints, and on anything but the steps."""
    phases, steps, every, ckpt_every = out["phases_s"], out["steps"], out["eval_every"], out["checkpoint_every"]
    evaluation, checkpoints, later = (phases["evaluation (held-out rows, best model saved)"], phases["checkpoints"],
                                      phases["later steps"])
    saves = lambda n: n // ckpt_every + (n % ckpt_every != 0)   # on the cadence, and at the end
    per_eval, per_ckpt, step = evaluation / max(steps // every, 1), checkpoints / saves(steps), later / max(steps - 1, 1)
    fixed = out["total_s"] - later - evaluation - checkpoints
    n_evals, n_ckpts = study_steps // every, saves(study_steps)
    total = fixed + step * (study_steps - 1) + per_eval * n_evals + per_ckpt * n_ckpts
    return {"one_evaluation_s": round(per_eval, 3), "one_checkpoint_s": round(per_ckpt, 3),
            "study_projection": {"steps": study_steps, "evaluations": n_evals, "checkpoints": n_ckpts, "total_s": round(total, 1),
                                 "evaluation_share": round(per_eval * n_evals / total, 4),
                                 "checkpoint_share": round(per_ckpt * n_ckpts / total, 4),
                                 "not_the_steps_share": round(1 - step * (study_steps - 1) / total, 4)}}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--teacher", default="runs/pretrained/rte/teacher", help="the study's fine-tuned teacher (run folder)")
    p.add_argument("--config", default="nbs/results/pretrained/rte/lr-tuning/lr0.0001/config.yaml",
                   help="an archived run of the study whose settings the profiled run takes (method and steps aside)")
    p.add_argument("--method", default="kd+augpro-mix")
    p.add_argument("--steps", type=int, default=100, help="steps of the profiled run (the study's runs take 700)")
    p.add_argument("--study-steps", type=int, default=700, help="the study's budget, for the projection")
    p.add_argument("--checkpoint-every", type=int, default=None,
                   help="steps between checkpoints (default: the config's run.checkpoint_every, as the study saves them)")
    p.add_argument("--out", default="nbs/results/bench/profile_study_run.json")
    a = p.parse_args(argv)
    env = environment()   # versions, CPU, and the other load just before
    base = TrainConfig.from_dict(yaml.safe_load(Path(a.config).read_text()))
    work = Path(tempfile.mkdtemp())
    cfg = base.override({"method": a.method, "optim.steps": a.steps, "optim.warmup_steps": a.steps // 10,
                         "run.checkpoint_every": a.checkpoint_every or base.run.checkpoint_every, "run.progress": False,
                         "run.run_dir": str(work / "run")})
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    run = distill(cfg, teacher=a.teacher)
    prof.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(prof)
    phases = {name: sum(cumulative(stats, f, n) for f, n in fns) for name, fns in PHASES.items()}
    time_s = run.results.time_s
    # the loop's phases by the run's own clock (results.json's time_s), as fit counts them
    phases["evaluation (held-out rows, best model saved)"] = time_s["evaluation"]
    phases["checkpoints"] = time_s["checkpoints"]
    phases["the first step (compiles the step)"] = time_s["first step (compiles)"]
    phases["later steps"] = time_s["later steps"]
    phases["batches (host side, between steps)"] = time_s["data prefetch (inside the steps)"]
    phases["other (locks, run folder, logging)"] = wall - sum(phases.values())
    phases = {"imports": IMPORT_S, **phases}
    total = IMPORT_S + wall
    out = {
        "what": f"one pretrained-study student run ({a.method}, {cfg.task}, all-MiniLM-L6-v2 teacher, its first 3 layers as "
                f"the student), {a.steps} steps, profiled end to end",
        "environment": env, "steps": a.steps, "eval_every": cfg.run.eval_every, "checkpoint_every": cfg.run.checkpoint_every,
        "train_examples": run.results.train_examples, "median_step_time_s": run.results.median_step_time_s,
        "mean_step_time_s": round(time_s["later steps"] / max(a.steps - 1, 1), 4), "total_s": round(total, 3),
        "phases_s": {k: round(v, 3) for k, v in phases.items()},
        "phases_share": {k: round(v / total, 4) for k, v in phases.items()},
        "config": cfg.to_dict(),
    }
    out = {**out, **projected(out, a.study_steps)}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps({k: out[k] for k in ("total_s", "phases_share", "study_projection")}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
