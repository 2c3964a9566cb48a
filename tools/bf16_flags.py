"""Does any XLA flag route bfloat16 matmuls to this CPU's bfloat16 units? Runs `augpro bench bfloat16-matmul` once per
setting of `augpro.peer.XLA_BF16_FLAGS` (XLA reads its flags once per process) and writes one JSON.

    python tools/bf16_flags.py --out nbs/results/bench/bfloat16_flags.json
"""
import argparse
import json
import os
import subprocess
import sys

from augpro.peer import XLA_BF16_FLAGS

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python tools/bf16_flags.py", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2048, help="the matmul's size (default: 2048)")
    parser.add_argument("--out", default="bfloat16_flags.json", help="the JSON file to write (default: bfloat16_flags.json)")
    args = parser.parse_args()
    runs = []
    for flags in XLA_BF16_FLAGS:
        proc = subprocess.run([sys.executable, "-m", "augpro.bench", "bfloat16-matmul", "--n", str(args.n)],
                              capture_output=True, text=True, env={**os.environ, "XLA_FLAGS": flags})
        if proc.returncode:
            sys.exit(f"python tools/bf16_flags.py: XLA_FLAGS={flags!r} failed: {proc.stderr.strip().splitlines()[-1]}")
        runs.append(json.loads(proc.stdout))
        print(f"XLA_FLAGS={flags!r}: bfloat16 / float32 {runs[-1]['bfloat16_over_float32']}, dots "
              f"{runs[-1]['dot_paths']['bfloat16']['dots']}", file=sys.stderr)
    with open(args.out, "w") as f:
        json.dump({"n": args.n, "runs": runs}, f, indent=1)
