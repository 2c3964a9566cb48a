"""Build the BERT parity fixture that `nbs/08_bert.ipynb` tests against, without torch at test time.

Needs torch and transformers, which are NOT project dependencies. Use a separate virtual environment:

    python3 -m venv /tmp/refenv
    /tmp/refenv/bin/pip install torch==2.13.0 transformers safetensors numpy
    /tmp/refenv/bin/python tools/make_bert_fixture.py          # writes tests/fixtures/bert_tiny/

What it writes (about 0.2 MB):
- tests/fixtures/bert_tiny/config.json, model.safetensors: a small random `BertForSequenceClassification`
  (vocabulary 99, hidden 32, 3 layers, 4 heads, intermediate 37, 40 positions, 2 token types, 3 labels),
  saved by transformers' `save_pretrained`: the encoder's keys carry the `bert.` prefix, the head is
  `classifier.*`. Every LayerNorm scale and bias and every dense bias is perturbed away from transformers'
  1 / 0 initialisation, so that the loader has to get each of them right;
- tests/fixtures/bert_tiny/reference.npz: sentence-pair inputs with both token types and padded rows, the
  longest row at max_position_embeddings, and transformers' outputs for them in eval mode (no dropout):
    input_ids, attention_mask, token_type_ids   [B, L] int32
    hidden_states     [num_layers + 1, B, L, H]  the embedding output (after its LayerNorm), then each layer's
    last_hidden_state [B, L, H]                  (= hidden_states[-1])
    pooler_output     [B, H]
    logits            [B, num_labels]
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForSequenceClassification

ROOT = Path(__file__).resolve().parents[1]

CONFIG = dict(vocab_size=99, hidden_size=32, num_hidden_layers=3, num_attention_heads=4, intermediate_size=37,
              max_position_embeddings=40, type_vocab_size=2, hidden_act="gelu", hidden_dropout_prob=0.1,
              attention_probs_dropout_prob=0.1, layer_norm_eps=1e-12, initializer_range=0.02, num_labels=3,
              pad_token_id=0)
CLS, SEP = 2, 3
PAIRS = ((19, 18), (11, 6), (5, 0), (1, 1))   # (first segment, second segment) lengths; 0: a single sentence


def inputs(rng: np.random.Generator, vocab: int, max_len: int):
    "Token ids, the 0/1 mask and token types of `[CLS] a [SEP] b [SEP]` rows, padded with id 0 to the longest."
    rows = []
    for a, b in PAIRS:
        ids = [CLS, *rng.integers(4, vocab, a), SEP] + ([*rng.integers(4, vocab, b), SEP] if b else [])
        types = [0] * (a + 2) + [1] * (b + 1 if b else 0)
        rows.append((ids, types))
    L = max(len(ids) for ids, _ in rows)
    assert L == max_len, (L, max_len)
    out = {k: np.zeros((len(rows), L), np.int32) for k in ("input_ids", "attention_mask", "token_type_ids")}
    for i, (ids, types) in enumerate(rows):
        out["input_ids"][i, :len(ids)] = ids
        out["attention_mask"][i, :len(ids)] = 1
        out["token_type_ids"][i, :len(ids)] = types
    return out


def build(seed: int = 0):
    "The random model (eval mode) and transformers' outputs on the fixture's inputs."
    torch.manual_seed(seed)
    model = BertForSequenceClassification(BertConfig(**CONFIG, attn_implementation="eager")).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif name.endswith(".bias"):
                p.copy_(0.1 * torch.randn_like(p))
    ref = inputs(np.random.default_rng(seed), CONFIG["vocab_size"], CONFIG["max_position_embeddings"])
    t = {k: torch.from_numpy(v.astype(np.int64)) for k, v in ref.items()}
    with torch.no_grad():
        out = model(**t, output_hidden_states=True)
        base = model.bert(**t)
    hidden = torch.stack(out.hidden_states)
    assert hidden.shape[0] == CONFIG["num_hidden_layers"] + 1
    assert torch.equal(base.last_hidden_state, hidden[-1])
    ref.update(hidden_states=hidden.numpy(), last_hidden_state=base.last_hidden_state.numpy(),
               pooler_output=base.pooler_output.numpy(), logits=out.logits.numpy())
    return model, ref


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures", help="parent folder of bert_tiny/")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    model, ref = build(args.seed)
    out = args.out / "bert_tiny"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        for name in ("config.json", "model.safetensors"):
            shutil.copy(Path(tmp) / name, out / name)
    np.savez_compressed(out / "reference.npz", **ref)
    from safetensors.numpy import load_file
    keys = sorted(load_file(out / "model.safetensors"))
    assert all(k.startswith(("bert.", "classifier.")) for k in keys) and "classifier.weight" in keys, keys
    size = sum(p.stat().st_size for p in out.iterdir())
    print(json.dumps({"written": [str(p.relative_to(ROOT)) for p in sorted(out.iterdir())], "total_bytes": size,
                      "keys": len(keys)}, indent=1))
    assert size < 1_000_000, f"fixture is {size} bytes; keep it under 1 MB"


if __name__ == "__main__":
    main()
