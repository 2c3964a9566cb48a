# A diagnostic, not part of augpro: with DIAG_LOG=FILE and this folder on PYTHONPATH, every Python process (and those
# it starts) appends a JSON line per JAX compile and compilation-cache hit or miss, with the notebook of the suite that
# started it (nbdev_test --path). tools/compile_log/summarize.py FILE sums them per notebook.
#   DIAG_LOG=/tmp/compile.jsonl PYTHONPATH=tools/compile_log python tools/time_suite.py /tmp/suite.json
import json, os, sys
argv = sys.argv
for i, a in enumerate(argv):
    if a == "--path" and i + 1 < len(argv):
        os.environ["DIAG_NB"] = os.path.basename(argv[i + 1]); break
LOG = os.environ.get("DIAG_LOG")

if LOG:
    import importlib.abc, importlib.machinery
    class _Hook(importlib.abc.MetaPathFinder):
        done = False
        def find_spec(self, name, path, target=None):
            if name != "jax._src.monitoring" or _Hook.done:
                return None
            _Hook.done = True
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            orig = spec.loader.exec_module
            def exec_module(module):
                orig(module)
                nb = os.environ.get("DIAG_NB", "?")
                who = " ".join(os.path.basename(a) for a in argv[:3])[:120]
                def write(rec):
                    with open(LOG, "a") as f:
                        f.write(json.dumps({"nb": nb, "pid": os.getpid(), "who": who, **rec}) + "\n")
                def dur(event, secs, **kw):
                    if "compile" in event or "cache" in event:
                        write({"event": event, "s": secs})
                def ev(event, **kw):
                    if "cache" in event:
                        write({"event": event})
                module.register_event_duration_secs_listener(dur)
                module.register_event_listener(ev)
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, _Hook())
