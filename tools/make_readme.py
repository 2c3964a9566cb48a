"""Write README.md from nbs/index.ipynb (Quarto, and so `nbdev_readme`, cannot be installed here).

Usage: python tools/make_readme.py [--check]

It executes a copy of the notebook first (so the tables it renders from the code and from the committed
results are current), drops cells marked `#| hide`, shows only the markdown output of cells marked `#| echo: false`,
strips nbdev directives, rewrites image paths to be relative to the repository root, and converts
to markdown with nbconvert. `--check` exits 1 if README.md would change."""
import argparse
import copy
import sys
from pathlib import Path

import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parents[1]
SOURCE, TARGET = ROOT / "nbs" / "index.ipynb", ROOT / "README.md"
HEADER = "<!-- Generated from nbs/index.ipynb by `python tools/make_readme.py`: edit the notebook, not this file. -->\n\n"


def _directives(src: str) -> set[str]:
    return {line[3:].strip().split()[0] for line in src.splitlines() if line.startswith("#|") and line[3:].strip()}


def _executed() -> nbformat.NotebookNode:
    "The notebook, executed in nbs/ without its hidden cells (they check README.md, which is what we are writing)."
    from nbclient import NotebookClient
    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells = [c for c in nb.cells if "hide" not in _directives(c.source)]
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(SOURCE.parent)}}).execute()
    return nb


def render() -> str:
    nb = copy.deepcopy(_executed())
    cells = []
    for cell in nb.cells:
        if "hide" in _directives(cell.source) or "export" in _directives(cell.source):
            continue
        if cell.cell_type == "code" and "echo:" in _directives(cell.source):   # output only, as markdown
            text = "\n\n".join("".join(o.get("data", {}).get("text/markdown", "")) for o in cell.get("outputs", []))
            if text.strip():
                cells.append(nbformat.v4.new_markdown_cell(text))
            continue
        cell.source = "\n".join(l for l in cell.source.splitlines() if not l.startswith("#|")).strip()
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("](images/", "](nbs/images/").replace('src="images/', 'src="nbs/images/')
        cells.append(cell)
    nb.cells = cells
    body, _ = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(nb)
    lines = [l.rstrip() for l in body.strip().splitlines()]
    out, blank = [], False
    for l in lines:   # collapse runs of blank lines, so the output is stable
        if l or not blank:
            out.append(l)
        blank = not l
    return HEADER + "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("README.md is out of date: run `python tools/make_readme.py` and commit it.", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
