"""Check `augpro export --format hf` against transformers itself: export a BERT student, load the folder with
transformers' `AutoModelForSequenceClassification` and `AutoTokenizer` in a scratch environment, and compare the
token ids and the logits with augpro's on real SST-2 dev sentences.

PyTorch and transformers are not augpro dependencies, so the transformers side runs in another interpreter:

    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install torch==2.13.0 transformers safetensors numpy
    python tools/check_hf_export.py RUN_OR_MODEL_FOLDER --peer-python /tmp/peer/bin/python

Prints one JSON object: the largest logit difference, whether every id matched, and the versions."""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np

PEER = r"""
import json, sys
import numpy as np, torch, transformers
from transformers import AutoModelForSequenceClassification, AutoTokenizer
folder, texts = sys.argv[1], json.loads(sys.argv[2])
tok = AutoTokenizer.from_pretrained(folder)
model = AutoModelForSequenceClassification.from_pretrained(folder, attn_implementation="eager").eval()
enc = tok(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
with torch.no_grad():
    logits = model(**enc).logits.numpy()
print(json.dumps({"ids": enc["input_ids"].tolist(), "mask": enc["attention_mask"].tolist(), "logits": logits.tolist(),
                  "class": type(model).__name__, "transformers": transformers.__version__, "torch": torch.__version__}))
"""


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", help="a finished run folder or a saved model folder (a BERT student)")
    p.add_argument("--peer-python", required=True, help="a Python with torch and transformers")
    p.add_argument("--rows", type=int, default=32, help="SST-2 dev sentences to compare (default 32)")
    args = p.parse_args()
    import jax.numpy as jnp
    from augpro.data import load_glue
    from augpro.encoders import export_model, load_model
    from augpro.wordpiece import load_wordpiece

    texts = load_glue("sst2", "dev").texts["sentence"][: args.rows]
    with tempfile.TemporaryDirectory() as tmp:
        out = export_model(args.source, Path(tmp) / "hf")
        peer = json.loads(subprocess.run([args.peer_python, "-c", PEER, str(out), json.dumps(texts)], check=True,
                                         capture_output=True, text=True).stdout.strip().splitlines()[-1])
        ours_tok = load_wordpiece(out)
        ids = np.array(peer["ids"], np.int32)
        same_ids = all(ours_tok.encode(t) == [i for i, m in zip(row, keep) if m]
                       for t, row, keep in zip(texts, peer["ids"], peer["mask"]))
        model = load_model(next(d for d in (Path(args.source) / "final_model", Path(args.source)) if d.is_dir()))
        logits = np.asarray(model(jnp.asarray(ids), jnp.asarray(np.array(peer["mask"], np.int32))))
    diff = float(np.abs(logits - np.array(peer["logits"], np.float32)).max())
    print(json.dumps({"rows": len(texts), "ids_equal": same_ids, "max_abs_logit_diff": diff, "within_1e-4": diff <= 1e-4,
                      "transformers_class": peer["class"], "transformers": peer["transformers"], "torch": peer["torch"]}))


if __name__ == "__main__":
    main()
