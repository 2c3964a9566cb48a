"""Would the study's runs be cheaper on today's augpro, padded or with `model.pack_tokens`, and at what cost to its numbers?

    python tools/study_snapshot/check_packing.py [SNAPSHOT_DIR] [OUT_JSON]

The study runs on a code snapshot (default ../study_code, built by run.sh) that predates `model.pack_tokens`. With its
CoLA teacher and the config of an archived CoLA run, this trains short students of each method three times, each in a
fresh process with run.sh's memory settings: on the snapshot; on this checkout, padded as the study is; and on this
checkout with `model.pack_tokens: true`. It compares the snapshot's run with this checkout's padded run, every step's
metrics and every array of the last checkpoint, bit for bit, and it times each run's steps (the median after the
first). The three sides run one after the other, in `ROUNDS` rounds, so a slow spell of the machine falls on all of
them; each side's time is the median over the rounds. Packing draws other dropout masks than padding
(`ModelConfig.pack_tokens`), so its runs are not compared bit for bit: a study switched to it would train on other
random draws from its first step. It writes OUT_JSON (default nbs/results/pretrained/packing_check.json)."""
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from check_allocator import COMPARE, CONFIG, TEACHER, TRAIN, TUNABLES, run

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("kd+fgsm", "kd+augpro-mix")   # the cheapest step with FGSM's second pass, and the projection
STEPS = 30
ROUNDS = 3
SIDES = {"snapshot": None, "this checkout, padded": {}, "this checkout, packed": {"model.pack_tokens": True}}


def checkout() -> str:
    "This checkout's commit, marked when it has changes not committed."
    git = lambda *a: subprocess.run(["git", "-C", str(ROOT), *a], capture_output=True, text=True).stdout.strip()
    return git("rev-parse", "--short", "HEAD") + (" (with changes not committed)" if git("status", "--porcelain", "--", "augpro") else "")


def main():
    snap = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "study_code").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "nbs" / "results" / "pretrained" / "packing_check.json")
    from augpro.bench import environment
    env_before, commit = environment(), checkout()   # before the runs, whose processes import this checkout's augpro
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for method in METHODS:
            rounds = []
            for k in range(ROUNDS):
                sides = {}
                for i, (name, changes) in enumerate(SIDES.items()):
                    args = [method, f"{tmp}/{method}-{k}-{i}", CONFIG, TEACHER, str(STEPS)] + ([] if changes is None else [json.dumps(changes)])
                    sides[name] = run(TRAIN, args, TUNABLES, snap if changes is None else ROOT)["median_step_s"]
                same = run(COMPARE, [f"{tmp}/{method}-{k}-0", f"{tmp}/{method}-{k}-1", str(STEPS)], None, ROOT)
                rounds.append({"median_step_s": sides, "snapshot_vs_padded": same})
                print(method, k, rounds[-1], flush=True)
            step = {name: round(statistics.median(r["median_step_s"][name] for r in rounds), 3) for name in SIDES}
            results[method] = {"median_step_s": step, "over_snapshot": {name: round(s / step["snapshot"], 3) for name, s in step.items()},
                               "rounds": rounds}
    out.write_text(json.dumps({"what": __doc__.splitlines()[0], "snapshot": (snap / "COMMIT").read_text().strip(),
                               "checkout": commit, "environment": env_before,
                               "config": str(Path(CONFIG).relative_to(ROOT)), "teacher": TEACHER, "steps": STEPS, "rounds": ROUNDS,
                               "glibc_tunables": TUNABLES, "methods": results}, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
