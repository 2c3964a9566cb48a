"""Time the README's test command (#31's goal: at most 10 minutes on two idle cores) and write JSON.

It runs the README's test command (`.ci/run`'s last line) from the repository root, with an empty compilation
cache (a fresh XDG_CACHE_HOME, as on a new machine), and records the wall time, pytest's own time, each notebook's
seconds, whether every test passed, the machine (augpro.bench.environment, with the CPU load just before) and the
commit, and the CPU seconds the test processes used (user and system, of every process the command started and
waited for): divided by the cores, the least wall time that any scheduling of that work could take. Run it on an
otherwise idle machine; the index notebook renders the result in the README. Speeds differ between the processor
models of the project's machines: before timing on another model, keep the last timing of the old one as
nbs/results/bench/suite_<cpu>.json (the README renders each such file beside the latest).

    python tools/time_suite.py [OUT.json]    # default nbs/results/bench/suite.json
"""
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the README's test command: the last line of .ci/run, which nbs/index.ipynb checks against the README's test block
COMMAND = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
GOAL_S = 600


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "nbs" / "results" / "bench" / "suite.json"
    from augpro.bench import environment
    env_before = environment()   # includes the other CPU load just before
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "augpro", "nbs", "tests",
                                 ":!nbs/results"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory(prefix="augpro-suite-cache-") as cache:
        t0, used0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(["bash", "-c", COMMAND], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "XDG_CACHE_HOME": cache})
        wall, used = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    log = proc.stdout
    notebooks = {m.group(2): float(m.group(1))
                 for m in re.finditer(r"^([0-9.]+)s call +tests/test_notebooks.py::test_notebook\[(.+?)\]$", log, re.M)}
    summary = re.findall(r"^=+ (.*) in ([0-9.]+)s", log, re.M)
    result = {"what": "the README's test command on an empty compilation cache", "command": COMMAND,
              "commit": commit, "uncommitted_changes": dirty, "returncode": proc.returncode,
              "summary": summary[-1][0] if summary else None, "pytest_s": float(summary[-1][1]) if summary else None,
              "wall_s": round(wall, 1), "goal_s": GOAL_S,
              "cpu_user_s": round(used.ru_utime - used0.ru_utime, 1), "cpu_system_s": round(used.ru_stime - used0.ru_stime, 1),
              "notebooks_s": dict(sorted(notebooks.items(), key=lambda kv: -kv[1])),
              "environment": env_before}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    if proc.returncode != 0:   # name what failed: the timing is of a failing suite
        print("\n".join(re.findall(r"^(?:FAILED|ERROR) .*$", log, re.M)) or log[-3000:] + proc.stderr[-3000:])
    print(f"{result['summary']} in {result['pytest_s']} s (wall {result['wall_s']} s, goal {GOAL_S} s); wrote {out}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
