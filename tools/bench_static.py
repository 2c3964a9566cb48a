"""What static figures cost (#32: "the time it adds is measured"): kaleido's browser start, then the SVG of each figure,
for figures of the shapes augpro draws (a bar chart of methods × tasks, and training curves of 1,200 logged steps for
six methods), with their SVG sizes. Writes JSON.

    python tools/bench_static.py OUT.json [--figures 10]
"""
import argparse
import json
import os
import platform
import time
from pathlib import Path

import numpy as np
import plotly.graph_objects as go


def figures(n: int):
    rng = np.random.default_rng(0)
    methods = ["ft", "kd", "kd+mixup", "kd+augpro-mix", "kd+fgsm", "kd+augpro-fgsm"]
    bars = go.Figure([go.Bar(name=m, x=["cola", "rte"], y=rng.uniform(20, 60, 2)) for m in methods])
    curves = go.Figure([go.Scatter(x=np.arange(1200), y=np.cumsum(rng.normal(size=1200)), name=m) for m in methods])
    return [bars if i % 2 == 0 else curves for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--figures", type=int, default=10)
    a = ap.parse_args()
    from augpro.report import static_images_available, static_svg
    if not static_images_available():
        raise SystemExit("no static images here: pip install 'augpro[static]' and put a Chromium on the PATH")
    figs = figures(a.figures)
    t0 = time.perf_counter()
    static_svg(go.Figure())   # the browser starts with the first figure
    start_s = time.perf_counter() - t0
    times, sizes = [], []
    for fig in figs:
        t0 = time.perf_counter()
        sizes.append(len(static_svg(fig).encode()))
        times.append(time.perf_counter() - t0)
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.machine()) if Path("/proc/cpuinfo").is_file() else platform.machine()
    out = {"cpu": cpu, "cores": os.cpu_count(), "date": time.strftime("%Y-%m-%d"), "figures": len(figs),
           "browser start s": round(start_s, 2), "median s per figure": round(float(np.median(times)), 3),
           "bar chart SVG kB": round(sizes[0] / 1e3, 1), "curves SVG kB (6 x 1,200 points)": round(sizes[1] / 1e3, 1)}
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
