"""Time the imports that every notebook run pays, with and without the `rfc3987` package that the `dev` extra adds.

    python tools/bench_imports.py [OUT_JSON]   (default nbs/results/bench/imports.json)

jsonschema, which nbformat imports (and so papermill, and plotly when it sets a notebook renderer), checks IRIs with
`rfc3987` when it is installed, and otherwise with `rfc3987-syntax`, which builds some forty Lark parsers when it is
imported (jsonschema issue #1428). JupyterLab pulls in `rfc3987-syntax` (through jupyter-events). Each import runs
`REPEATS` times in a fresh process, alternating with a process in which `rfc3987` cannot be imported
(`sys.modules['rfc3987'] = None`), so the one difference between the two sides is the package."""
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from augpro.bench import environment, other_cpu_load   # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "nbs" / "results" / "bench" / "imports.json")
IMPORTS = ("import nbformat", "import papermill", "import plotly.io as pio; pio.renderers.default = 'plotly_mimetype'")
REPEATS = 5
SIDES = {"with rfc3987": "", "without rfc3987": "import sys; sys.modules['rfc3987'] = None; "}


def seconds(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    load_before = other_cpu_load()
    baseline = [seconds("pass") for _ in range(REPEATS)]
    rows = {}
    for stmt in IMPORTS:
        times = {side: [] for side in SIDES}
        for _ in range(REPEATS):
            for side, prefix in SIDES.items():
                times[side].append(seconds(prefix + stmt))
        rows[stmt] = {side: round(statistics.median(t), 3) for side, t in times.items()}
    OUT.write_text(json.dumps({"what": __doc__.splitlines()[0], "environment": environment(), "other_cpu_load_before": load_before,
                               "repeats": REPEATS, "python_start_s": round(statistics.median(baseline), 3),
                               "median_s": rows}, indent=1) + "\n")
    for stmt, r in rows.items():
        print(f"{stmt[:60]:60s} {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
