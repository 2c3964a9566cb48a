"""How much compile time do the test suite's XLA flags (`augpro.testing.TEST_XLA_FLAGS`) save? Writes one JSON.

For each setting (XLA's defaults, each test flag alone, both), a fresh process with the compilation cache off runs
`augpro.distill.method_trace(METHOD, steps=3)` (a tiny student and teacher, as the tests train them) and sums JAX's
backend-compile events: the time XLA spends making machine code, which is all that the flags change. The settings are
interleaved, `--repeats` rounds, so a slow spell of the machine falls on all of them.

    python tools/bench_test_flags.py --out nbs/results/bench/test_flags.json
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

from augpro.testing import TEST_XLA_FLAGS   # imports no JAX

BACKEND_COMPILE_EVENT = "/jax/core/compile/backend_compile_duration"   # JAX's event for XLA's compile (jax._src.dispatch)

CHILD = """
import json, time, jax.monitoring
spent = []
jax.monitoring.register_event_duration_secs_listener(lambda event, s, **kw: spent.append(s) if event == {event!r} else None)
from augpro.distill import method_trace
t0 = time.perf_counter()
method_trace({method!r}, steps=3)
print(json.dumps({{"backend_compile_s": sum(spent), "programs": len(spent), "trace_s": time.perf_counter() - t0}}))
"""


def settings() -> dict[str, str]:
    "Each flag of TEST_XLA_FLAGS alone, all of them, and none (XLA's defaults)."
    flags = TEST_XLA_FLAGS.split()
    return {"XLA defaults": "", **{f: f for f in flags}, "both (the tests' flags)": TEST_XLA_FLAGS}


def main():
    parser = argparse.ArgumentParser(prog="python tools/bench_test_flags.py", description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="kd+augpro-mix", help="the method whose tiny step is compiled (default: kd+augpro-mix)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved rounds over the settings (default: 3)")
    parser.add_argument("--out", default="test_flags.json", help="the JSON file to write (default: test_flags.json)")
    args = parser.parse_args()
    from augpro.bench import environment
    env_before = environment()
    runs = {name: [] for name in settings()}
    for _ in range(args.repeats):
        for name, flags in settings().items():
            env = {**os.environ, "XLA_FLAGS": flags, "AUGPRO_JAX_CACHE": "off"}
            env.pop("JAX_COMPILATION_CACHE_DIR", None)
            proc = subprocess.run([sys.executable, "-c", CHILD.format(method=args.method, event=BACKEND_COMPILE_EVENT)], capture_output=True, text=True, env=env)
            if proc.returncode:
                sys.exit(f"python tools/bench_test_flags.py: XLA_FLAGS={flags!r} failed: {proc.stderr.strip().splitlines()[-1]}")
            runs[name].append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if not runs[name][-1]["programs"]:
                sys.exit(f"python tools/bench_test_flags.py: JAX reported no {BACKEND_COMPILE_EVENT!r} event: "
                         "this JAX names its compile event otherwise; update BACKEND_COMPILE_EVENT")
            print(f"{name}: backend compile {runs[name][-1]['backend_compile_s']:.2f} s", file=sys.stderr)
    median = lambda name, key: round(statistics.median(r[key] for r in runs[name]), 3)
    base = median("XLA defaults", "backend_compile_s")
    result = {"what": f"XLA backend-compile seconds of method_trace({args.method!r}, steps=3) in a fresh process, cache off",
              "method": args.method, "repeats": args.repeats, "environment": env_before,
              "settings": {name: {"xla_flags": flags, "backend_compile_s_median": median(name, "backend_compile_s"),
                                  "over_defaults": round(median(name, "backend_compile_s") / base, 3),
                                  "programs": runs[name][0]["programs"], "runs": runs[name]}
                           for name, flags in settings().items()}}
    with open(args.out, "w") as f:
        f.write(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
