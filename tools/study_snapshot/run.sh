#!/usr/bin/env bash
# Rebuild the code snapshot that runs the pretrained study (nbs/studies/pretrained.ipynb) and run the study from it.
#
#   nohup bash tools/study_snapshot/run.sh [SNAPSHOT_DIR] [TASKS] > study.log 2>&1 &
#
# SNAPSHOT_DIR (default ../study_code) is built once: augpro at 4e706d7 (the commit the study started from), with the
# study notebook's later edits to how runs are made (pretrained.patch: checkpoints at every evaluation, the ε rule and its grid widening,
# CoLA's doubled budget, the plateau gate, and a teacher retrained on another CPU kept beside the first). Its runs/ is a link to this checkout's runs/, so a run's run_dir stays
# relative, and finished runs are archived into this checkout's nbs/results/pretrained. TASKS (default "[cola]") is a
# YAML list: a session that runs only CoLA does not retrain RTE's teacher. Render the report from this checkout after.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SNAP="$(realpath -m "${1:-$ROOT/../study_code}")"   # normalised: the import check below compares paths
TASKS="${2:-[cola]}"
if [ ! -d "$SNAP/augpro" ]; then
  mkdir -p "$SNAP" "$ROOT/runs"
  git -C "$ROOT" archive 4e706d7 | tar -x -C "$SNAP"
  patch -d "$SNAP" -p0 --no-backup-if-mismatch < "$ROOT/tools/study_snapshot/pretrained.patch"
  ln -sfn "$ROOT/runs" "$SNAP/runs"
  echo "4e706d7 + tools/study_snapshot/pretrained.patch of $(git -C "$ROOT" rev-parse --short HEAD)" > "$SNAP/COMMIT"
fi
source "$ROOT/.venv/bin/activate"
cd "$SNAP"
export AUGPRO_DATA="${AUGPRO_DATA:-$ROOT/../shared/data}" HF_HUB_OFFLINE=1 PYTHONPATH="$SNAP"
# glibc keeps freed memory for reuse instead of returning it to the kernel after every step, as augpro.files now does with
# mallopt (the snapshot predates it): no page faults per step, the same numbers bit for bit (`augpro bench allocator`, nbs/results/bench/allocator.json)
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.trim_threshold=1099511627776:glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1"
echo "GLIBC_TUNABLES=$GLIBC_TUNABLES"
python -c "import augpro; assert augpro.__file__.startswith('$SNAP'), augpro.__file__"
python -m papermill nbs/studies/pretrained.ipynb "$SNAP/pretrained_run.ipynb" -k python3 --cwd "$SNAP" \
  -p results_dir "$ROOT/nbs/results/pretrained" --log-output -y "tasks: $TASKS"
