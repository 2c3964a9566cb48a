"""Follow the run config through one small `distill()` call (issue #29): every call of a function in augpro that
receives the config (a `TrainConfig`, one of its sections, or a `ResolvedRun`) is a stop; consecutive stops in one
module are one. A climb is a stop in a module on a higher layer of the import graph than the stop before it (the
layer of a module is one more than the highest layer of the augpro modules it imports); a return is a stop in a
module that the path had left before. Prints one JSON.

    python tools/config_climbs.py [--out FILE]      # with ../shared/data (GLUE) beside the repository, or AUGPRO_DATA
"""
import argparse
import ast
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

import augpro
from augpro.config import TrainConfig, resolve
from augpro.distill import distill, train_teacher

PKG = Path(augpro.__file__).parent


def layers() -> dict[str, int]:
    "Each augpro module's layer: 0 for one that imports no other augpro module, else one more than its highest import."
    deps = {}
    for f in PKG.glob("*.py"):
        if f.name.startswith("_"):
            continue
        names = set()
        for node in ast.parse(f.read_text()).body:   # top-level imports: the import graph, not a function's late import
            if isinstance(node, ast.ImportFrom) and (node.level == 1 or (node.module or "").startswith("augpro")):
                mod = (node.module or "").removeprefix("augpro").lstrip(".")
                if mod:
                    names.add(mod.split(".")[0])
                else:   # from . import x / from augpro import x
                    names.update(a.name for a in node.names)
        deps[f.stem] = {n for n in names if (PKG / f"{n}.py").is_file()}
    memo = {}
    def layer(m):
        if m not in memo:
            memo[m] = 0 if not deps[m] else 1 + max(layer(d) for d in deps[m])
        return memo[m]
    return {m: layer(m) for m in deps}


def config_types() -> tuple:
    "TrainConfig, the classes of its sections, and ResolvedRun where the trainer has one."
    sections = {type(getattr(TrainConfig(), f.name)) for f in dataclasses.fields(TrainConfig)}
    kinds = {TrainConfig} | {t for t in sections if dataclasses.is_dataclass(t)}
    import augpro.distill as d
    return tuple(kinds | ({d.ResolvedRun} if hasattr(d, "ResolvedRun") else set()))


def trace(fn) -> list[tuple[str, str]]:
    "The (module, function) of every call in augpro that receives the config, while `fn()` runs."
    kinds, stops = config_types(), []
    def profile(frame, event, arg):
        code = frame.f_code
        if event != "call" or not code.co_filename.startswith(str(PKG)):
            return
        args = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
        if any(isinstance(frame.f_locals.get(a), kinds) for a in args):
            stops.append((Path(code.co_filename).stem, code.co_name))
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return stops


def measure(stops: list[tuple[str, str]], layer: dict[str, int]) -> dict:
    path = [m for i, (m, _) in enumerate(stops) if i == 0 or stops[i - 1][0] != m]
    climbs = sum(layer[b] > layer[a] for a, b in zip(path, path[1:]))
    returns = sum(m in path[:i - 1] for i, m in enumerate(path) if i > 0)
    return {"stops": len(path), "calls": len(stops), "modules": sorted(set(path)), "climbs": climbs, "returns": returns,
            "path": path, "layers": {m: layer[m] for m in sorted(set(path))}}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(prog="python tools/config_climbs.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="also write the JSON to this file")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="augpro-climbs-"))
    small = resolve("cpu-demo", {"method": "kd+augpro-mix", "model.teacher": "tiny:num_layers=2", "model.student": "tiny",
                                 "data.tokenizer": "train:1000", "data.data_fraction": 0.02, "data.batch_size": 16,
                                 "data.eval_batch_size": 64, "data.max_len": 32, "optim.steps": 4, "optim.warmup_steps": 0,
                                 "run.eval_every": 2, "run.checkpoint_every": 100, "run.progress": False})
    train_teacher(small.override({"method": "ft", "run.run_dir": str(work / "teacher")}))
    student = small.override({"run.run_dir": str(work / "student")})
    stops = trace(lambda: distill(student, teacher=str(work / "teacher")))
    out = measure(stops, layers())
    text = json.dumps(out, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print(text)
    return out


if __name__ == "__main__":
    main()
