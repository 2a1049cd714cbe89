#!/usr/bin/env bash
# One GPU-machine command: generate data, train, export, check, evaluate one domain's embedded world model.
# DOMAIN=terminal (default: bash sessions) or DOMAIN=mcp (sessions of the MCP server server-memory). Everything
# worth keeping lands in $OUT (at most 8 files, each well under 16 MB); NAME is agentworld-terminal or
# agentworld-mcp:
#   NAME.gguf                             the model, Q8_0
#   NAME.reference.json                   PyTorch greedy outputs on held-out prompts (node test compares)
#   summary.json, eval.json               training summary; held-out accuracy by family (final and during)
#   extension-eval.json                   accuracy on the held-out grammar extension (raw model, no routing)
#   heldout.jsonl.gz, extension.jsonl.gz  the held-out sessions, for `npm run bench:embedded` on a CPU
#   run.log                               everything printed
#
# Usage, from the repository root with the domain's generator bundle carried along (terminal: .device/datagen,
# `npm run datagen:bundle`; mcp: .device/datagen-mcp, `npm run datagen:mcp:bundle`):
#   bash training/gpu-run.sh [TRAIN_MINUTES, default 6]
#   DOMAIN=mcp bash training/gpu-run.sh [TRAIN_MINUTES]
# The whole run takes about TRAIN_MINUTES + 2.5 minutes; keep it under the 10-minute command limit.
set -euo pipefail

MINUTES="${1:-6}"
DOMAIN="${DOMAIN:-terminal}"
case "$DOMAIN" in
  terminal)
    NAME=agentworld-terminal
    default_datagen="bash .device/datagen/run.sh"
    default_heldout_seed=7001
    default_extension_seed=7002
    # Bounds of every set's sessions: the generator's own defaults.
    session_args=()
    # The model's shape: train.py's defaults (hidden 384, 8 layers, 6 heads, FFN 1024: 14.4 M parameters).
    shape_args=()
    ;;
  mcp)
    NAME=agentworld-mcp
    default_datagen="bash .device/datagen-mcp/run.sh"
    default_heldout_seed=7101
    default_extension_seed=7102
    # Sessions of at most 1900 bytes of calls and results, as the terminal's (sequences stay under 2048 ids).
    session_args=(--max-session-bytes 1900)
    # Smaller than the terminal model: hidden 256, 6 layers, 4 heads of 64, FFN 768: 5.25 M parameters (Q8_0 ≈ 5.6 MB).
    shape_args=(--hidden 256 --layers 6 --heads 4 --ffn 768)
    ;;
  *)
    echo "gpu-run.sh: DOMAIN must be terminal or mcp (not '$DOMAIN')" >&2
    exit 2
    ;;
esac
OUT="${OUT:-/tmp/agentworld-out}"
WORK="${WORK:-/tmp/agentworld-work}"
DATAGEN="${DATAGEN:-$default_datagen}"
TRAIN_WORKERS="${TRAIN_WORKERS:-13}"
HELDOUT_WORKERS="${HELDOUT_WORKERS:-12}"
HELDOUT_SEED="${HELDOUT_SEED:-$default_heldout_seed}"
EXTENSION_SEED="${EXTENSION_SEED:-$default_extension_seed}"
TRAIN_SEED="${TRAIN_SEED:-1}"
# Families the training stream draws more often, e.g. "wc=3,ls=2" (held-out sets always keep the grammar's mix).
# Terminal only: the mcp generator has no --emphasis.
TRAIN_EMPHASIS="${TRAIN_EMPHASIS:-}"
# For a dry run on a CPU: TRAIN_ARGS=--smoke PARITY_ARGS=--no-hf EVAL_ARGS="--turns 32 --max-new 64"
# REFERENCE_ARGS="--count 8 --max-new 48" TRAIN_WORKERS=2 HELDOUT_WORKERS=2 (the terminal also takes
# DATAGEN="node --import tsx src/data-generation/terminal/main.ts"; mcp: "node --import tsx src/data-generation/mcp/main.ts").
TRAIN_ARGS="${TRAIN_ARGS:-}"
REFERENCE_ARGS="${REFERENCE_ARGS:-}"
PARITY_ARGS="${PARITY_ARGS:-}"
EVAL_ARGS="${EVAL_ARGS:-}"
# The matrices' type in the exported file: q8_0, or q5_0 for a model whose Q8_0 file would pass 16 MB (the byte
# embeddings and the output head stay Q8_0).
EXPORT_TYPE="${EXPORT_TYPE:-q8_0}"
if [ "$DOMAIN" = mcp ] && [ -n "$TRAIN_EMPHASIS" ]; then
  echo "gpu-run.sh: TRAIN_EMPHASIS is for the terminal generator only" >&2
  exit 2
fi

mkdir -p "$OUT" "$WORK"
export PYTHONUNBUFFERED=1
started=$(date +%s)
stage() { echo "=== [$(($(date +%s) - started)) s] $*"; }

run() {

stage "machine ($DOMAIN model $NAME)"
nvidia-smi -L || true
python3 -c 'import torch, numpy; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), "numpy", numpy.__version__)'
python3 -c 'import transformers; print("transformers", transformers.__version__)' || true
nproc

if [ "${SKIP_PARITY:-0}" != 1 ]; then
  stage "transformers vs TinyLlama parity, GGUF round trip"
  python3 training/check_parity.py $PARITY_ARGS
fi

stage "held-out sessions (seeds $HELDOUT_SEED and $EXTENSION_SEED, never used for training)"
$DATAGEN --out "$WORK/heldout" --seed "$HELDOUT_SEED" --count 400 --workers "$HELDOUT_WORKERS" "${session_args[@]}"
$DATAGEN --out "$WORK/extension" --seed "$EXTENSION_SEED" --count 200 --workers "$HELDOUT_WORKERS" --grammar extension \
  "${session_args[@]}"

stage "generator in the background ($TRAIN_WORKERS workers) while training for $MINUTES minutes"
# Past the training time by the longest wait for the first sessions (train.py --wait-seconds) and a margin; the
# generator is stopped when training ends.
duration=$(python3 -c "print(int($MINUTES * 60 + 120))")
# Niced: on a machine shared with the trainer, the generator's processes must not starve the thread that feeds
# the GPU (at full priority, 11 terminal workers cut training throughput to a third).
emphasis=()
[ -n "$TRAIN_EMPHASIS" ] && emphasis=(--emphasis "$TRAIN_EMPHASIS")
nice -n 19 $DATAGEN --out "$WORK/train" --seed "$TRAIN_SEED" --workers "$TRAIN_WORKERS" --duration-seconds "$duration" \
  "${session_args[@]}" "${emphasis[@]}" > "$WORK/datagen.log" 2>&1 &
generator=$!
python3 training/train.py --data "$WORK/train" --heldout "$WORK/heldout" --out "$WORK/run" --minutes "$MINUTES" \
  "${shape_args[@]}" $TRAIN_ARGS
kill "$generator" 2>/dev/null || true
wait "$generator" 2>/dev/null || true
echo "generator log (end):"
tail -n 5 "$WORK/datagen.log" || true

stage "export"
python3 training/export_gguf.py "$WORK/run" "$OUT/$NAME.gguf" --type "$EXPORT_TYPE" --name "$NAME"
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
