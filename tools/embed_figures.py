"""Give every plotly figure stored in executed notebooks an HTML rendition, so that
`jupyter nbconvert --to html` shows it offline.

Notebooks executed since the renderer setting (`pio.renderers.default = "plotly_mimetype+notebook"`)
already store both renditions; this brings notebooks executed before it to the same state without
running them again. It uses plotly's own `to_html`: plotly.js is embedded once, with the first
figure, and every figure keeps its JSON rendition for JupyterLab.

    python tools/embed_figures.py nbs/*.ipynb
"""
import json
import sys
from pathlib import Path

import nbformat
import plotly.io as pio

PLOTLY_JSON = "application/vnd.plotly.v1+json"


def embed_figures(path: Path) -> int:
    "Add text/html to the figures of one notebook that lack it; returns how many were added."
    nb = nbformat.read(str(path), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if PLOTLY_JSON in o.get("data", {})]
    has_js = any("text/html" in o.get("data", {}) and "Plotly.newPlot" in o["data"]["text/html"]
                 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    added = 0
    for o in outputs:
        if "text/html" in o["data"]:
            continue
        fig = pio.from_json(json.dumps(o["data"][PLOTLY_JSON]), skip_invalid=True)
        o["data"]["text/html"] = pio.to_html(fig, include_plotlyjs=not has_js, full_html=False)
        has_js, added = True, added + 1
    if added:
        nbformat.write(nb, str(path))
    return added


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        n = embed_figures(Path(arg))
        print(f"{arg}: {n} figure(s) given an HTML rendition")
