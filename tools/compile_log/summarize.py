"""Sum a compile log of tools/compile_log/sitecustomize.py: compile seconds, programs, cache hits and misses and processes,
per notebook (printed), and with --json OUT also by compile time and per process (the inventory files in
nbs/results/bench/suite_history/).

    python tools/compile_log/summarize.py LOG.jsonl [--json OUT.json]
"""
import collections
import json
import sys

COMPILE, HIT, MISS = ("/jax/core/compile/backend_compile_duration", "/jax/compilation_cache/cache_hits",
                      "/jax/compilation_cache/cache_misses")


def tally(recs, key) -> dict:
    "compile_s, programs, cache hits, misses and processes of the records grouped by key(record)."
    out = collections.defaultdict(lambda: {"compile_s": 0.0, "programs": 0, "cache_hits": 0, "cache_misses": 0, "pids": set()})
    for r in recs:
        d = out[key(r)]
        d["pids"].add(r["pid"])
        if r["event"] == COMPILE:
            d["compile_s"] += r["s"]; d["programs"] += 1
        elif r["event"] == HIT:
            d["cache_hits"] += 1
        elif r["event"] == MISS:
            d["cache_misses"] += 1
    return {k: {"compile_s": round(v["compile_s"], 1), "programs": v["programs"], "cache_hits": v["cache_hits"],
                "cache_misses": v["cache_misses"], "processes": len(v["pids"])} for k, v in out.items()}


def main(path, out=None):
    recs = [json.loads(l) for l in open(path)]
    by_nb = dict(sorted(tally(recs, lambda r: r["nb"]).items(), key=lambda kv: -kv[1]["compile_s"]))
    for nb, d in by_nb.items():
        if d["programs"]:
            print(f"{nb:32s} compile {d['compile_s']:7.1f}s in {d['programs']:4d} programs; cache hits {d['cache_hits']:4d} "
                  f"misses {d['cache_misses']:4d}; {d['processes']} processes")
    seconds = [r["s"] for r in recs if r["event"] == COMPILE]
    print("total compile", round(sum(seconds), 1))
    if out:
        bins = {}
        for lo, hi in ((0, 0.05), (0.05, 0.2), (0.2, 0.5), (0.5, 1), (1, float("inf"))):
            sel = [s for s in seconds if lo <= s < hi]
            bins[f"[{lo}, {'inf' if hi == float('inf') else hi}) s"] = {"programs": len(sel), "seconds": round(sum(sel), 1)}
        who = {r["pid"]: r["who"] for r in recs}
        by_proc = collections.defaultdict(list)
        for (nb, pid), d in sorted(tally(recs, lambda r: (r["nb"], r["pid"])).items(), key=lambda kv: kv[0][1]):
            if d["programs"]:
                by_proc[nb].append({"pid": pid, "who": who[pid], **{k: v for k, v in d.items() if k != "processes"}})
        json.dump({"what": f"JAX backend compiles logged by tools/compile_log/sitecustomize.py ({path})",
                   "total_compile_s": round(sum(seconds), 1), "programs": len(seconds), "by_compile_time": bins,
                   "by_notebook": by_nb, "by_process": dict(by_proc),
                   "note": "processes in the order they started (pid); a cache miss is a program written to the cache, a "
                           "hit one read from it"}, open(out, "w"), indent=1)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[args.index("--json") + 1] if "--json" in args else None)
