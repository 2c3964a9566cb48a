#!/usr/bin/env bash
# Time notebooks' test cells before and after a change, interleaved, each alone on an empty compilation cache, with the
# suite's XLA flags; appends "NB VARIANT wall S user S sys S" lines to OUT. Run it on an otherwise idle machine.
#   git worktree add /tmp/before HEAD~1
#   bash tools/ab_notebooks.sh /tmp/before . OUT 13_distill.ipynb 14_sweep.ipynb
# The variants' own settings come from their checkouts; each also gets the cache setting its tests/test_notebooks.py sets,
# and imports its own augpro (PYTHONPATH: the venv's editable install would give both variants this checkout's).
set -u
before=$(realpath "$1"); after=$(realpath "$2"); out=$(realpath -m "$3"); shift 3
source "$after/.venv/bin/activate"
export AUGPRO_STATIC_IMAGES=${AUGPRO_STATIC_IMAGES:-1} AUGPRO_DATA=${AUGPRO_DATA:-$after/../shared/data}
export XLA_FLAGS="--xla_backend_optimization_level=0 --xla_cpu_use_fusion_emitters=false"
for nb in "$@"; do
  for variant in before after; do
    root=$after; [ $variant = before ] && root=$before
    cache=$(mktemp -d)
    if grep -q '"JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0"' "$root/tests/test_notebooks.py"; then
      export JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS=0; else unset JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS; fi
    ( cd "$root" && PYTHONPATH=$root JAX_COMPILATION_CACHE_DIR=$cache /usr/bin/time -f "$nb $variant wall %e user %U sys %S" -a -o "$out" \
        nbdev_test --path "$root/nbs/$nb" > /dev/null 2>&1; echo "$nb $variant rc=$?" >> "$out" )
    rm -rf "$cache"
  done
done
