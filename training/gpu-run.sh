#!/usr/bin/env bash
# One GPU-machine command: generate data, train, export, check, evaluate. Everything worth keeping lands in
# $OUT (at most 8 files, each well under 16 MB):
#   agentworld-terminal.gguf              the model, Q8_0
#   agentworld-terminal.reference.json    PyTorch greedy outputs on held-out prompts (node test compares)
#   summary.json, eval.json               training summary; held-out accuracy by family (final and during)
#   extension-eval.json                   accuracy on the held-out grammar extension (raw model, no routing)
#   heldout.jsonl.gz, extension.jsonl.gz  the held-out sessions, for `npm run bench:embedded` on a CPU
#   run.log                               everything printed
#
# Usage, from the repository root with the generator bundle carried along (.device/datagen, see
# src/data-generation/terminal):  bash training/gpu-run.sh [TRAIN_MINUTES, default 6]
# The whole run takes about TRAIN_MINUTES + 2.5 minutes; keep it under the 10-minute command limit.
set -euo pipefail

MINUTES="${1:-6}"
OUT="${OUT:-/tmp/agentworld-out}"
WORK="${WORK:-/tmp/agentworld-work}"
DATAGEN="${DATAGEN:-bash .device/datagen/run.sh}"
TRAIN_WORKERS="${TRAIN_WORKERS:-13}"
HELDOUT_SEED="${HELDOUT_SEED:-7001}"
EXTENSION_SEED="${EXTENSION_SEED:-7002}"
TRAIN_SEED="${TRAIN_SEED:-1}"
# Families the training stream draws more often, e.g. "wc=3,ls=2" (held-out sets always keep the grammar's mix).
TRAIN_EMPHASIS="${TRAIN_EMPHASIS:-}"
NAME=agentworld-terminal
# For a dry run on a CPU: TRAIN_ARGS=--smoke PARITY_ARGS=--no-hf EVAL_ARGS="--turns 32 --max-new 64"
# REFERENCE_ARGS="--count 8 --max-new 48" DATAGEN="node --import tsx src/data-generation/terminal/main.ts"
TRAIN_ARGS="${TRAIN_ARGS:-}"
REFERENCE_ARGS="${REFERENCE_ARGS:-}"
PARITY_ARGS="${PARITY_ARGS:-}"
EVAL_ARGS="${EVAL_ARGS:-}"

mkdir -p "$OUT" "$WORK"
export PYTHONUNBUFFERED=1
started=$(date +%s)
stage() { echo "=== [$(($(date +%s) - started)) s] $*"; }

run() {

stage "machine"
nvidia-smi -L || true
python3 -c 'import torch, numpy; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), "numpy", numpy.__version__)'
python3 -c 'import transformers; print("transformers", transformers.__version__)' || true
nproc

if [ "${SKIP_PARITY:-0}" != 1 ]; then
  stage "transformers vs TinyLlama parity, GGUF round trip"
  python3 training/check_parity.py $PARITY_ARGS
fi

stage "held-out sessions (seeds $HELDOUT_SEED and $EXTENSION_SEED, never used for training)"
$DATAGEN --out "$WORK/heldout" --seed "$HELDOUT_SEED" --count 400 --workers 12
$DATAGEN --out "$WORK/extension" --seed "$EXTENSION_SEED" --count 200 --workers 12 --grammar extension

stage "generator in the background ($TRAIN_WORKERS workers) while training for $MINUTES minutes"
duration=$(python3 -c "print(int($MINUTES * 60 + 20))")
# Niced: on a machine shared with the trainer, the generator's bash processes must not starve the thread that feeds
# the GPU (at full priority, 11 workers cut training throughput to a third).
emphasis=()
[ -n "$TRAIN_EMPHASIS" ] && emphasis=(--emphasis "$TRAIN_EMPHASIS")
nice -n 19 $DATAGEN --out "$WORK/train" --seed "$TRAIN_SEED" --workers "$TRAIN_WORKERS" --duration-seconds "$duration" "${emphasis[@]}" \
  > "$WORK/datagen.log" 2>&1 &
generator=$!
python3 training/train.py --data "$WORK/train" --heldout "$WORK/heldout" --out "$WORK/run" --minutes "$MINUTES" $TRAIN_ARGS
kill "$generator" 2>/dev/null || true
wait "$generator" 2>/dev/null || true
echo "generator log (end):"
tail -n 5 "$WORK/datagen.log" || true

stage "export"
python3 training/export_gguf.py "$WORK/run" "$OUT/$NAME.gguf" --type q8_0 --name "$NAME"
ls -l "$OUT/$NAME.gguf"

stage "reference outputs"
python3 training/reference_outputs.py --gguf "$OUT/$NAME.gguf" --heldout "$WORK/heldout" \
  --out "$OUT/$NAME.reference.json" --count 64 $REFERENCE_ARGS

stage "grammar extension (raw model, no routing)"
python3 training/evaluate.py --run "$WORK/run" --sessions "$WORK/extension" --out "$OUT/extension-eval.json" --turns 2000 $EVAL_ARGS

stage "collect"
cp "$WORK/run/summary.json" "$OUT/summary.json"
cp "$WORK/run/eval.json" "$OUT/eval.json" 2>/dev/null || true
cat "$WORK"/heldout/*.jsonl | gzip -9 > "$OUT/heldout.jsonl.gz"
cat "$WORK"/extension/*.jsonl | gzip -9 > "$OUT/extension.jsonl.gz"
ls -l "$OUT"
stage "done"
}

run 2>&1 | tee "$OUT/run.log"
