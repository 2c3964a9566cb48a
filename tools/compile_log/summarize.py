"""Sum a compile log of tools/compile_log/sitecustomize.py per notebook: compile seconds, programs, cache hits and misses, processes."""
import json, sys, collections
recs = [json.loads(l) for l in open(sys.argv[1])]
comp = collections.defaultdict(float); n = collections.Counter(); hits = collections.Counter(); miss = collections.Counter()
procs = collections.defaultdict(set)
for r in recs:
    procs[r["nb"]].add(r["pid"])
    if r["event"] == "/jax/core/compile/backend_compile_duration":
        comp[r["nb"]] += r["s"]; n[r["nb"]] += 1
    elif r["event"] == "/jax/compilation_cache/cache_hits":
        hits[r["nb"]] += 1
    elif r["event"] == "/jax/compilation_cache/cache_misses":
        miss[r["nb"]] += 1
tot = 0
for nb in sorted(comp, key=lambda k: -comp[k]):
    tot += comp[nb]
    print(f"{nb:32s} compile {comp[nb]:7.1f}s in {n[nb]:4d} programs; cache hits {hits[nb]:4d} misses {miss[nb]:4d}; {len(procs[nb])} processes")
print("total compile", round(tot, 1))
