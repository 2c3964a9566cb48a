"""Check `augpro export --format hf` against transformers itself: export a model, load the folder with transformers in
a scratch environment, and compare with augpro on real SST-2 dev sentences.

- A BERT student: `AutoModelForSequenceClassification` and `AutoTokenizer`; the token ids and the logits.
- An EncT5 student: `T5EncoderModel` (the encoder's last hidden states) and `T5Tokenizer` (the ids); the logits come
  from the head file read by a PyTorch EncT5 built from transformers' T5 blocks, as `augpro.peer.torch_enct5` builds it.

PyTorch and transformers are not augpro dependencies, so the transformers side runs in another interpreter:

    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install torch==2.13.0 transformers safetensors numpy sentencepiece protobuf
    python tools/check_hf_export.py RUN_OR_MODEL_FOLDER --peer-python /tmp/peer/bin/python [--out RESULT.json]

Prints one JSON object: the largest differences, whether every id matched, and the versions."""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np

BERT_PEER = r"""
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

T5_PEER = r"""
import json, sys
import numpy as np, torch, transformers
from safetensors.torch import load_file
from transformers import T5Config, T5EncoderModel, T5Tokenizer
from transformers.models.t5 import modeling_t5 as t5
folder, texts = sys.argv[1], json.loads(sys.argv[2])
tok = T5Tokenizer.from_pretrained(folder, legacy=True)
enc_model = T5EncoderModel.from_pretrained(folder, attn_implementation="eager").eval()
batch = tok(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
config = json.loads(open(f"{folder}/config.json").read())
head = load_file(f"{folder}/{config['enct5_head']['file']}")
dec = T5Config(**{k: v for k, v in config.items() if k not in ("enct5_head", "architectures")}, is_decoder=True,
               num_decoder_layers=1)
dec._attn_implementation = "eager"
block = t5.T5Block(dec, has_relative_attention_bias=False, layer_idx=0).eval()
norm = t5.T5LayerNorm(dec.d_model, eps=dec.layer_norm_epsilon)
block.load_state_dict({k[len("decoder.block.0."):]: v for k, v in head.items() if k.startswith("decoder.block.0.")})
norm.load_state_dict({"weight": head["decoder.final_layer_norm.weight"]})
with torch.no_grad():
    hidden = enc_model(**batch).last_hidden_state
    y = head["decoder_input"].expand(hidden.shape[0], 1, -1)
    cross = t5.create_bidirectional_mask(config=dec, inputs_embeds=y, attention_mask=batch["attention_mask"],
                                         encoder_hidden_states=hidden)
    y = block(y, encoder_hidden_states=hidden, encoder_attention_mask=cross)[0]
    logits = (norm(y)[:, 0] @ head["head.weight"].T + head["head.bias"]).numpy()
print(json.dumps({"ids": batch["input_ids"].tolist(), "mask": batch["attention_mask"].tolist(), "hidden": hidden.numpy().tolist(),
                  "logits": logits.tolist(), "class": type(enc_model).__name__, "transformers": transformers.__version__,
                  "torch": torch.__version__}))
"""


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", help="a finished run folder or a saved model folder (a BERT or EncT5 student)")
    p.add_argument("--peer-python", required=True, help="a Python with torch, transformers and sentencepiece")
    p.add_argument("--rows", type=int, default=32, help="SST-2 dev sentences to compare (default 32)")
    p.add_argument("--out", help="also write the JSON to this file")
    args = p.parse_args()
    import jax.numpy as jnp
    from augpro.t5_tokenizer import load_tokenizer
    from augpro.tasks import load_glue
    from augpro.encoders import export_model, load_model

    texts = load_glue("sst2", "dev").texts["sentence"][: args.rows]
    with tempfile.TemporaryDirectory() as tmp:
        out = export_model(args.source, Path(tmp) / "hf")
        t5 = json.loads((out / "config.json").read_text())["architectures"] == ["T5EncoderModel"]
        peer = json.loads(subprocess.run([args.peer_python, "-c", T5_PEER if t5 else BERT_PEER, str(out), json.dumps(texts)],
                                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        ours_tok = load_tokenizer(out / ("spiece.model" if t5 else "vocab.txt"))
        same_ids = all(ours_tok.encode(t) == [i for i, m in zip(row, keep) if m]
                       for t, row, keep in zip(texts, peer["ids"], peer["mask"]))
        model = load_model(next(d for d in (Path(args.source) / "final_model", Path(args.source)) if d.is_dir()))
        ids, mask = jnp.asarray(np.array(peer["ids"], np.int32)), jnp.asarray(np.array(peer["mask"], np.int32))
        logits = np.asarray(model(ids, mask))
        result = {"family": "enct5" if t5 else "bert", "rows": len(texts), "ids_equal": same_ids}
        if t5:
            hidden, theirs = np.asarray(model.encode(model.embed(ids), mask)), np.array(peer["hidden"], np.float32)
            inside = np.array(peer["mask"], bool)
            result["max_abs_hidden_diff"] = float(np.abs(hidden - theirs)[inside].max())
    diff = float(np.abs(logits - np.array(peer["logits"], np.float32)).max())
    result.update({"max_abs_logit_diff": diff, "within_1e-4": diff <= 1e-4 and result.get("max_abs_hidden_diff", 0) <= 1e-4,
                   "transformers_class": peer["class"], "transformers": peer["transformers"], "torch": peer["torch"]})
    print(json.dumps(result))
    if args.out:
        Path(args.out).write_text(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
