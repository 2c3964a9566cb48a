"""Is this machine ready for the paper's runs? One JSON (issue #18): EncT5-large forward+backward MFU in bfloat16 at
batch 64 x 128; the projection of 512 x 128 tokens against the 32,128 x 1,024 table (time, memory); the kd+augpro-mix
step large -> small at batch 512 x 128 (ms per step, hours for 0.6 M steps); host batching against that step.

    python tools/accelerator_check.py                 # the paper's shapes (an accelerator: under 8 minutes)
    python tools/accelerator_check.py --size tiny     # toy shapes, for a CPU (the test suite runs this)

The code is `augpro bench accelerator` (notebook 17e_accelerator); this script only writes its JSON to a file by default.
"""
import sys

from augpro.bench import main_one

if __name__ == "__main__":
    sys.exit(main_one("accelerator", sys.argv[1:], prog="python tools/accelerator_check.py", out="accelerator_check.json"))
