#!/usr/bin/env bash
# One GPU-machine command: generate data, train, export, check, evaluate one domain's embedded world model.
# DOMAIN=terminal (default: bash sessions) or DOMAIN=mcp (sessions of the MCP server server-memory). Everything
# worth keeping lands in $OUT (at most 8 files, each well under 16 MB); NAME is agentworld-terminal or
# agentworld-mcp:
#   NAME.gguf                             the model, Q8_0
#   NAME.reference.json                   PyTorch greedy outputs on held-out prompts (node test compares)
#   summary.json, eval.json               training summary; held-out accuracy by family (final and during)
#   extension-eval.json                   accuracy on the held-out grammar extension (raw model, no routing)
#   agent-eval.json                       (TRAIN_GRAMMAR=agent) accuracy on held-out agent-grammar sessions
#   heldout-eval.json                     (TRAIN_GRAMMAR=agent) the exported file on the training grammar's set
#   baseline-eval.json, baseline-agent-eval.json   (BASELINE_GGUF) the starting model on the same sets
# With TRAIN_GRAMMAR=agent the JSON files travel packed in results.tar and the sessions in sets.tar.
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
# The training stream's grammar: training (default) or agent (the training families plus git, python3, pip/apt,
# ls -l, /etc, long outputs, tar; terminal only). With agent, a third held-out set (AGENT_SEED, agent grammar) is
# generated and evaluated after training.
TRAIN_GRAMMAR="${TRAIN_GRAMMAR:-training}"
AGENT_SEED="${AGENT_SEED:-7003}"
AGENT_EVAL_TURNS="${AGENT_EVAL_TURNS:-600}"
EXTENSION_EVAL_TURNS="${EXTENSION_EVAL_TURNS:-2000}"
# A GGUF file (the model training starts from) to evaluate on the same held-out sets, on the GPU beside the
# training run, so before and after are measured on the same sessions and machine.
BASELINE_GGUF="${BASELINE_GGUF:-}"
BASELINE_TURNS="${BASELINE_TURNS:-1200}"
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
if [ "$DOMAIN" = mcp ] && [ "$TRAIN_GRAMMAR" != training ]; then
  echo "gpu-run.sh: TRAIN_GRAMMAR is for the terminal generator only" >&2
  exit 2
fi
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

if [ "$TRAIN_GRAMMAR" = agent ]; then
  stage "programs the sandbox shows (the host's, read-only)"
  if ! command -v git >/dev/null 2>&1 && [ -f .device/datagen/git.tar.xz ]; then
    # The agent grammar draws git only where the machine has it; this one has none: the bundle's git (Debian's,
    # one binary linking libpcre2 and zlib, and its templates) goes into /usr.
    echo "no git here: unpacking the bundle's git.tar.xz into /"
    tar -xJf .device/datagen/git.tar.xz -C / || echo "could not unpack git.tar.xz: the agent grammar draws no git"
    git --version || echo "the bundle's git does not run here: the agent grammar draws no git"
  fi
  for program in git python3 pip pip3 apt-get dpkg tar gzip less sudo curl wget; do
    printf '%s: %s\n' "$program" "$(command -v "$program" || echo missing)"
  done
  head -n 2 /etc/os-release || true
fi

stage "held-out sessions (seeds $HELDOUT_SEED and $EXTENSION_SEED, never used for training)"
$DATAGEN --out "$WORK/heldout" --seed "$HELDOUT_SEED" --count 400 --workers "$HELDOUT_WORKERS" "${session_args[@]}"
$DATAGEN --out "$WORK/extension" --seed "$EXTENSION_SEED" --count 200 --workers "$HELDOUT_WORKERS" --grammar extension \
  "${session_args[@]}"
if [ "$TRAIN_GRAMMAR" = agent ]; then
  $DATAGEN --out "$WORK/agent" --seed "$AGENT_SEED" --count 400 --workers "$HELDOUT_WORKERS" --grammar agent
fi
# The held-out sets go to $OUT at once, so they come back even when a later stage runs past the command's limit
# (with TRAIN_GRAMMAR=agent as one sets.tar: at most 8 files come back from the GPU machine).
cat "$WORK"/heldout/*.jsonl | gzip -9 > "$OUT/heldout.jsonl.gz"
cat "$WORK"/extension/*.jsonl | gzip -9 > "$OUT/extension.jsonl.gz"
if [ "$TRAIN_GRAMMAR" = agent ]; then
  cat "$WORK"/agent/*.jsonl | gzip -9 > "$OUT/agent.jsonl.gz"
  (cd "$OUT" && tar -cf sets.tar -- *.jsonl.gz && rm -f -- *.jsonl.gz)
fi

baseline=""
if [ -n "$BASELINE_GGUF" ]; then
  stage "baseline $BASELINE_GGUF on the held-out sets (in the background, beside training)"
  (
    python3 training/evaluate.py --run "$BASELINE_GGUF" --sessions "$WORK/heldout" --out "$OUT/baseline-eval.json" \
      --turns "$BASELINE_TURNS" $EVAL_ARGS
    if [ "$TRAIN_GRAMMAR" = agent ]; then
      python3 training/evaluate.py --run "$BASELINE_GGUF" --sessions "$WORK/agent" \
        --out "$OUT/baseline-agent-eval.json" --turns "$AGENT_EVAL_TURNS" $EVAL_ARGS
    fi
  ) > "$WORK/baseline.log" 2>&1 &
  baseline=$!
fi

stage "generator in the background ($TRAIN_WORKERS workers) while training for $MINUTES minutes"
# Past the training time by the longest wait for the first sessions (train.py --wait-seconds) and a margin; the
# generator is stopped when training ends.
duration=$(python3 -c "print(int($MINUTES * 60 + 120))")
# Niced: on a machine shared with the trainer, the generator's processes must not starve the thread that feeds
# the GPU (at full priority, 11 terminal workers cut training throughput to a third).
emphasis=()
[ -n "$TRAIN_EMPHASIS" ] && emphasis=(--emphasis "$TRAIN_EMPHASIS")
grammar=()
[ "$TRAIN_GRAMMAR" != training ] && grammar=(--grammar "$TRAIN_GRAMMAR")
nice -n 19 $DATAGEN --out "$WORK/train" --seed "$TRAIN_SEED" --workers "$TRAIN_WORKERS" --duration-seconds "$duration" \
  "${session_args[@]}" "${grammar[@]}" "${emphasis[@]}" > "$WORK/datagen.log" 2>&1 &
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

if [ -n "$baseline" ]; then
  # The baseline's evaluations must end first: beside four more, one of them (long agent outputs at batch 256)
  # took 66 GB and the others ran out of GPU memory (stage 16).
  stage "baseline (waiting for it)"
  wait "$baseline" || echo "baseline evaluation failed"
  grep -E '^\[eval' "$WORK/baseline.log" || tail -n 20 "$WORK/baseline.log"
  baseline=""
fi
stage "reference outputs and held-out evaluations (side by side on the GPU)"
python3 training/reference_outputs.py --gguf "$OUT/$NAME.gguf" --heldout "$WORK/heldout" \
  --out "$OUT/$NAME.reference.json" --count 64 $REFERENCE_ARGS > "$WORK/reference.log" 2>&1 &
evaluations=($!)
# The grammar extension: the raw model, no routing.
python3 training/evaluate.py --run "$WORK/run" --sessions "$WORK/extension" --out "$OUT/extension-eval.json" \
  --turns "$EXTENSION_EVAL_TURNS" $EVAL_ARGS > "$WORK/extension-eval.log" 2>&1 &
evaluations+=($!)
if [ "$TRAIN_GRAMMAR" = agent ]; then
  # The exported file as shipped, on the training grammar's held-out set (as the baseline) and the agent one.
  python3 training/evaluate.py --run "$OUT/$NAME.gguf" --sessions "$WORK/heldout" --out "$OUT/heldout-eval.json" \
    --turns "$BASELINE_TURNS" $EVAL_ARGS > "$WORK/heldout-eval.log" 2>&1 &
  evaluations+=($!)
  python3 training/evaluate.py --run "$OUT/$NAME.gguf" --sessions "$WORK/agent" --out "$OUT/agent-eval.json" \
    --turns "$AGENT_EVAL_TURNS" --batch 128 $EVAL_ARGS > "$WORK/agent-eval.log" 2>&1 &
  evaluations+=($!)
fi
for job in "${evaluations[@]}"; do wait "$job" || echo "an evaluation failed (pid $job)"; done
cat "$WORK/reference.log"
for log in extension-eval heldout-eval agent-eval; do
  [ -f "$WORK/$log.log" ] && { grep -E '^\[eval' "$WORK/$log.log" || tail -n 20 "$WORK/$log.log"; }
done
if [ -n "$baseline" ]; then
  stage "baseline (waiting for it)"
  wait "$baseline" || echo "baseline evaluation failed"
  grep -E '^\[eval' "$WORK/baseline.log" || tail -n 20 "$WORK/baseline.log"
fi

stage "collect"
cp "$WORK/run/summary.json" "$OUT/summary.json"
cp "$WORK/run/eval.json" "$OUT/eval.json" 2>/dev/null || true
if [ "$TRAIN_GRAMMAR" = agent ]; then
  # At most 8 files come back from the GPU machine: the evaluations travel as one tar (results.tar).
  (cd "$OUT" && tar -cf results.tar -- *eval.json summary.json && rm -f -- *eval.json summary.json) || true
fi
ls -l "$OUT"
stage "done"
}

run 2>&1 | tee "$OUT/run.log"
