"""Build the T5 1.1 parity fixture that `nbs/07_checkpoints.ipynb` (and the relative-position buckets in
`nbs/06_enct5.ipynb`) test against, without torch at test time.

Needs torch and transformers, which are NOT project dependencies. Use a separate virtual environment:

    python3 -m venv /tmp/refenv
    /tmp/refenv/bin/pip install torch==2.13.0 transformers safetensors numpy
    /tmp/refenv/bin/python tools/make_t5_fixture.py            # writes tests/fixtures/t5_tiny{,_bin}/

What it writes (about 0.7 MB in all):
- tests/fixtures/t5_tiny/config.json, model.safetensors: a small random T5 1.1 model in the Hugging Face
  layout (gated-GELU, heads * d_kv != d_model, 3 encoder layers, 2 decoder layers so that the loader has
  to pick decoder layer 0 and ignore the rest, an untied lm_head that the loader must ignore);
- tests/fixtures/t5_tiny_bin/config.json, pytorch_model.bin: the same weights in torch's zip format, for
  the torch-free `.bin` reader;
- tests/fixtures/t5_tiny/reference.npz: inputs with padding, at lengths beyond max_distance so every
  bucket of T5's log-spaced relative positions is used, and transformers' outputs for them:
    input_ids, attention_mask        [B, L] int32
    encoder_hidden                   [B, L, d_model]  T5EncoderModel's last_hidden_state
    decoder_block0                   [B, 1, d_model]  decoder layer 0's output for decoder input id 0
    decoder_hidden                   [B, 1, d_model]  decoder.final_layer_norm(decoder_block0): the
                                                      one-decoder-layer EncT5 head's output
    relpos, buckets_bidirectional, buckets_causal   transformers' relative-position buckets for
                                                      relative positions -300..300 (32 buckets, max 128)
"""
from __future__ import annotations

import argparse
import copy
import json
import shutil
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from transformers import T5Config, T5EncoderModel, T5ForConditionalGeneration
from transformers.models.t5.modeling_t5 import T5Attention

ROOT = Path(__file__).resolve().parents[1]

CONFIG = dict(vocab_size=128, d_model=32, d_kv=12, num_heads=4, d_ff=40, num_layers=3, num_decoder_layers=2,
              relative_attention_num_buckets=32, relative_attention_max_distance=128, dropout_rate=0.1,
              layer_norm_epsilon=1e-6, feed_forward_proj="gated-gelu", tie_word_embeddings=False,
              decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
LENGTHS = (150, 97, 33, 9)   # unpadded lengths of the batch rows; the longest exceeds max_distance (128)


def _capture(store: dict):
    "A forward hook that keeps a block's output hidden state (and returns None, so it changes nothing)."
    def hook(module, inputs, output):
        store["out"] = output[0].clone()
    return hook


def build(seed: int = 0):
    "The random model, its inputs and transformers' outputs."
    torch.manual_seed(seed)
    cfg = T5Config(**CONFIG)
    model = T5ForConditionalGeneration(cfg).eval()
    rng = np.random.default_rng(seed)
    L = max(LENGTHS)
    ids = np.zeros((len(LENGTHS), L), np.int64)
    mask = np.zeros((len(LENGTHS), L), np.int64)
    for i, n in enumerate(LENGTHS):
        ids[i, :n - 1] = rng.integers(3, cfg.vocab_size, n - 1)
        ids[i, n - 1] = cfg.eos_token_id
        mask[i, :n] = 1
    block0 = {}
    hook = model.decoder.block[0].register_forward_hook(_capture(block0))
    with torch.no_grad():
        tids, tmask = torch.from_numpy(ids), torch.from_numpy(mask)
        enc = model.encoder(input_ids=tids, attention_mask=tmask).last_hidden_state
        dec_in = torch.zeros((len(LENGTHS), 1), dtype=torch.long)   # decoder input id 0
        model.decoder(input_ids=dec_in, encoder_hidden_states=enc, encoder_attention_mask=tmask)
        dec_block0 = block0["out"]
        dec_hidden = model.decoder.final_layer_norm(dec_block0)
    hook.remove()
    with torch.no_grad():
        # The decoder's self-attention sees one position, so its softmax is 1 whatever the bias is:
        # perturbing (a copy of) the decoder's relative-position table must not change anything.
        probe = copy.deepcopy(model)
        rel = probe.decoder.block[0].layer[0].SelfAttention.relative_attention_bias.weight
        rel.add_(torch.randn_like(rel) * 10)
        got = {}
        probe.decoder.block[0].register_forward_hook(_capture(got))
        probe.decoder(input_ids=dec_in, encoder_hidden_states=enc, encoder_attention_mask=tmask)
        assert torch.equal(got["out"], dec_block0), "the decoder self-attention bias mattered for one position"
        # T5EncoderModel with the same weights must give the same encoder output.
        enc_only = T5EncoderModel(T5Config(**CONFIG)).eval()   # a fresh config: the constructor edits the one it gets
        missing, _ = enc_only.load_state_dict(
            {k: v for k, v in model.state_dict().items() if not k.startswith(("decoder.", "lm_head"))}, strict=False)
        assert not [k for k in missing if "embed_tokens" not in k], missing
        enc_only.shared.weight.copy_(model.shared.weight)
        assert torch.equal(enc_only(input_ids=tids, attention_mask=tmask).last_hidden_state, enc)
    rp = torch.arange(-300, 301)
    buckets = {f"buckets_{name}": T5Attention._relative_position_bucket(rp, bidirectional=bi, num_buckets=32,
                                                                         max_distance=128).numpy().astype(np.int32)
               for name, bi in (("bidirectional", True), ("causal", False))}
    ref = dict(input_ids=ids.astype(np.int32), attention_mask=mask.astype(np.int32),
               encoder_hidden=enc.numpy(), decoder_block0=dec_block0.numpy(), decoder_hidden=dec_hidden.numpy(),
               relpos=rp.numpy().astype(np.int32), **buckets)
    return model, ref


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures", help="parent folder of t5_tiny/ and t5_tiny_bin/")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    model, ref = build(args.seed)
    st_dir, bin_dir = args.out / "t5_tiny", args.out / "t5_tiny_bin"
    for d in (st_dir, bin_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    # The files look like google/t5-v1_1-*'s: a config.json with the same keys (it has no
    # relative_attention_max_distance, so readers must default it to 128), and an untied lm_head.weight that
    # EncT5 does not use. transformers v5 always ties lm_head to the embedding, so we write the files directly.
    hf_config = {"architectures": ["T5ForConditionalGeneration"], "d_ff": CONFIG["d_ff"], "d_kv": CONFIG["d_kv"],
                 "d_model": CONFIG["d_model"], "decoder_start_token_id": 0, "dropout_rate": CONFIG["dropout_rate"],
                 "eos_token_id": 1, "feed_forward_proj": "gated-gelu", "initializer_factor": 1.0,
                 "is_encoder_decoder": True, "layer_norm_epsilon": CONFIG["layer_norm_epsilon"], "model_type": "t5",
                 "num_decoder_layers": CONFIG["num_decoder_layers"], "num_heads": CONFIG["num_heads"],
                 "num_layers": CONFIG["num_layers"], "output_past": True, "pad_token_id": 0,
                 "relative_attention_num_buckets": CONFIG["relative_attention_num_buckets"],
                 "tie_word_embeddings": False, "vocab_size": CONFIG["vocab_size"]}
    for d in (st_dir, bin_dir):
        (d / "config.json").write_text(json.dumps(hf_config, indent=2, sort_keys=True) + "\n")
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    state["lm_head.weight"] = torch.randn_like(state["shared.weight"])
    save_file({k: v for k, v in state.items() if not k.endswith("embed_tokens.weight")}, st_dir / "model.safetensors",
              metadata={"format": "pt"})
    # torch's zip format, as the older checkpoints on the hub ship it, with the tied embed_tokens copies too.
    torch.save(state, bin_dir / "pytorch_model.bin")
    np.savez_compressed(st_dir / "reference.npz", **ref)
    size = sum(p.stat().st_size for d in (st_dir, bin_dir) for p in d.iterdir())
    print(json.dumps({"written": [str(p.relative_to(ROOT)) for d in (st_dir, bin_dir) for p in sorted(d.iterdir())],
                      "total_bytes": size}, indent=1))
    assert size < 2_000_000, f"fixture is {size} bytes; keep it under 2 MB"


if __name__ == "__main__":
    main()
