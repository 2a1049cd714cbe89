"""Trains AgentWorld's embedded terminal world model on generated bash sessions.

    python3 training/train.py --data SHARD_DIR --heldout HELDOUT_DIR --out RUN_DIR --minutes 6.5
    python3 training/train.py --smoke --data training/fixtures/sessions.jsonl --out /tmp/run   # CPU check
    python3 training/train.py --dump-sequence SESSIONS.jsonl   # the byte layout, as the engine must build it

Reads the generator's shards while they grow, trains a byte-level Llama (loss on the bytes the model must
predict, see layout.py) under bf16 autocast with fused AdamW, warm-up then cosine decay on wall-clock time,
and stops when the time budget is spent. Prints loss, tokens/s and held-out byte-exact turn accuracy by
command family; writes config.json, model.safetensors, summary.json and eval.json to --out.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from contextlib import nullcontext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import layout  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump-sequence", metavar="JSONL", help="print the layout of each session and exit")
    parser.add_argument("--data", nargs="*", default=[], help="shard directories or JSONL files (read as they grow)")
    parser.add_argument("--heldout", nargs="*", default=[], help="held-out sessions (a different generator seed)")
    parser.add_argument("--out", help="run directory to write")
    parser.add_argument("--minutes", type=float, default=6.5, help="training time budget (wall clock)")
    parser.add_argument(
        "--init", help="continue from these weights (a GGUF file from export_gguf.py or a run directory); the model shape comes from them"
    )
    parser.add_argument(
        "--grow-layers",
        type=int,
        default=0,
        help="with --init: deepen the model to this many layers; the new ones start as identity (zero output projections)",
    )
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: no limit)")
    parser.add_argument("--impl", choices=["auto", "hf", "tiny"], default="auto")
    parser.add_argument("--hidden", type=int, default=384)
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--heads", type=int, default=6)
    parser.add_argument("--ffn", type=int, default=1024)
    parser.add_argument("--context", type=int, default=2048)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--min-lr", type=float, default=2e-4)
    parser.add_argument("--warmup-steps", type=int, default=150)
    parser.add_argument("--weight-decay", type=float, default=0.1)
    parser.add_argument("--tokens-per-batch", type=int, default=131072)
    parser.add_argument("--bucket", type=int, default=64, help="padded lengths are multiples of this")
    parser.add_argument("--draw", type=int, default=4096, help="sessions drawn at once to bucket by length")
    parser.add_argument("--min-sessions", type=int, default=2000, help="wait for this many before the first step")
    parser.add_argument("--wait-seconds", type=float, default=90, help="longest wait for --min-sessions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--compile", action="store_true", help="torch.compile the model (falls back to eager)")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--log-seconds", type=float, default=15)
    parser.add_argument("--eval-every-minutes", type=float, default=2.5, help="0: only at the end")
    parser.add_argument("--eval-turns", type=int, default=384, help="held-out turns in a periodic evaluation")
    parser.add_argument("--final-eval-turns", type=int, default=2500)
    parser.add_argument("--eval-batch", type=int, default=256)
    parser.add_argument("--max-new", type=int, default=768, help="most bytes generated per held-out turn")
    parser.add_argument("--smoke", action="store_true", help="tiny model and CPU-sized settings")
    parser.add_argument("--no-heldout-loss", action="store_true", help="skip the held-out loss at the end (saves time)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.impl = "tiny" if args.impl == "auto" else args.impl
        args.hidden, args.layers, args.heads, args.ffn = 64, 2, 4, 128
        args.tokens_per_batch = min(args.tokens_per_batch, 4096)
        args.min_sessions = 1
        args.wait_seconds = 5
        args.warmup_steps = min(args.warmup_steps, 10)
        args.eval_every_minutes = 0
        args.final_eval_turns = min(args.final_eval_turns, 64)
        args.max_new = min(args.max_new, 96)
        args.log_seconds = min(args.log_seconds, 5)
    return args


def learning_rate(args: argparse.Namespace, step: int, elapsed: float, budget: float) -> float:
    """Linear warm-up over the first steps, then cosine from lr to min_lr over the wall-clock budget."""
    if step < args.warmup_steps:
        return args.lr * (step + 1) / args.warmup_steps
    fraction = min(1.0, elapsed / budget) if budget > 0 else 1.0
    return args.min_lr + 0.5 * (args.lr - args.min_lr) * (1 + math.cos(math.pi * fraction))


def evaluate(model, examples, limit: int, batch: int, max_new: int, device, autocast) -> dict:
    """Byte-exact accuracy of greedy predictions on held-out turns (recorded history), by family."""
    import torch

    from decode import greedy
    from session_data import turn_prompts

    cases = [case for example in examples for case in turn_prompts(example)]
    if limit and len(cases) > limit:
        cases = random.Random(1).sample(cases, limit)
    cases.sort(key=lambda case: len(case[0]))
    by_family: dict[str, list[int]] = {}
    exact_total = 0
    model.eval()
    started = time.time()
    with torch.no_grad(), autocast():
        for start in range(0, len(cases), batch):
            chunk = cases[start : start + batch]
            new = min(max_new, max(len(case[1]) for case in chunk) + 8)
            outputs = greedy(model, [case[0] for case in chunk], new)
            for (prompt, expected, family), output in zip(chunk, outputs):
                exact = int(output == expected)
                exact_total += exact
                counts = by_family.setdefault(family or "unknown", [0, 0])
                counts[0] += 1
                counts[1] += exact
    model.train()
    return {
        "turns": len(cases),
        "exact": exact_total / max(1, len(cases)),
        "seconds": round(time.time() - started, 1),
        "byFamily": {family: {"turns": n, "exact": hits / n} for family, (n, hits) in sorted(by_family.items())},
    }


def heldout_loss(model, examples, device, autocast, step: int, tokens_per_batch: int) -> float:
    """Mean loss in nats per predicted byte on the held-out sessions."""
    import torch
    import torch.nn.functional as F

    from model_factory import logits_of
    from session_data import bucket_batches, collate

    total, count = 0.0, 0
    model.eval()
    with torch.no_grad(), autocast():
        for batch in bucket_batches(examples, tokens_per_batch, step, random.Random(0)):
            inputs, labels = collate(batch, step)
            inputs, labels = inputs.to(device), labels.to(device)
            logits = logits_of(model, inputs).float()
            loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), labels.view(-1), ignore_index=-100, reduction="sum")
            total += float(loss)
            count += int((labels != -100).sum())
    model.train()
    return total / max(1, count)


def print_eval(tag: str, result: dict) -> None:
    families = " ".join(f"{name}={stats['exact']:.3f}/{stats['turns']}" for name, stats in result["byFamily"].items())
    print(f"[eval {tag}] byte-exact {result['exact']:.4f} on {result['turns']} turns ({result['seconds']} s) | {families}", flush=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.dump_sequence:
        layout.dump(args.dump_sequence)
        return
    if not args.out or not args.data:
        raise SystemExit("train.py needs --data and --out (or --dump-sequence)")

    import torch
    import torch.nn.functional as F

    from model_config import ModelConfig
    from model_factory import build_model, grow_layers, initial_weights, load_weights, logits_of, save_run
    from session_data import SessionPool, bucket_batches, collate, load_examples

    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available() else (args.device if args.device != "auto" else "cpu"))
    cuda = device.type == "cuda"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    def autocast():
        return torch.autocast("cuda", dtype=torch.bfloat16) if cuda else nullcontext()

    config = ModelConfig(
        hidden_size=args.hidden,
        intermediate_size=args.ffn,
        num_hidden_layers=args.layers,
        num_attention_heads=args.heads,
        num_key_value_heads=args.heads,
        max_position_embeddings=args.context,
    )
    start_weights = None
    if args.init:
        start_weights, config = initial_weights(args.init)
        print(f"continuing from {args.init}", flush=True)
        if args.grow_layers and args.grow_layers != config.num_hidden_layers:
            old_layers = config.num_hidden_layers
            start_weights, config = grow_layers(start_weights, config, args.grow_layers, args.impl, seed=args.seed)
            print(f"grown from {old_layers} to {config.num_hidden_layers} layers (new layers start as identity)", flush=True)
    elif args.grow_layers:
        raise SystemExit("train.py: --grow-layers needs --init (the model to deepen)")
    heldout, heldout_skipped = load_examples(args.heldout, args.context) if args.heldout else ([], 0)
    print(
        f"model: hidden {config.hidden_size}, {config.num_hidden_layers} layers, {config.num_attention_heads} heads, "
        f"FFN {config.intermediate_size}, context {config.max_position_embeddings}: {config.parameter_count() / 1e6:.2f}M parameters "
        f"(Q8_0 file ≈ {config.parameter_count() * 34 / 32 / 1e6:.1f} MB, Q5_0 ≈ {config.parameter_count() * 22 / 32 / 1e6:.1f} MB); held-out sessions {len(heldout)} "
        f"({heldout_skipped} did not fit the layout)",
        flush=True,
    )
    model = build_model(config, args.impl, seed=args.seed)
    if start_weights is not None:
        load_weights(model, start_weights, args.init)
    model = model.to(device)
    print(f"implementation: {type(model).__name__} on {device}", flush=True)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "embed" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "embed" not in n)]
    groups = [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    try:
        optimizer = torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.95), fused=cuda)
    except TypeError:  # torch without the fused option
        optimizer = torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.95))
    forward = model
    if args.compile:
        try:
            forward = torch.compile(model, dynamic=True)
        except Exception as error:  # noqa: BLE001
            print(f"torch.compile unavailable ({error}); running eager", flush=True)

    # Held-out sessions come from another generator seed; their ids are excluded in case a file is shared (not in a
    # smoke run, whose fixture serves as both).
    exclude = set() if args.smoke else {example.session_id for example in heldout}
    pool = SessionPool(args.data, args.context, args.seed, exclude=exclude)
    pool.start()
    pool.wait_for(args.min_sessions, args.wait_seconds)
    if pool.size() == 0:
        raise SystemExit(f"no training sessions found in {args.data}")
    print(f"starting with {pool.size()} sessions ({pool.skipped} did not fit the layout)", flush=True)

    rng = random.Random(args.seed)
    budget = args.minutes * 60
    started = time.time()
    step = 0
    tokens_total = 0
    window = {"loss": 0.0, "count": 0, "tokens": 0, "time": time.time()}
    last_eval = started
    queue: list = []
    eval_history = []
    compiled_failed = False
    while True:
        elapsed = time.time() - started
        if elapsed >= budget or (args.max_steps and step >= args.max_steps):
            break
        if not queue:
            drawn, _fresh = pool.draw(args.draw)
            queue = bucket_batches(drawn, args.tokens_per_batch, args.bucket, rng)
        batch = queue.pop()
        inputs, labels = collate(batch, args.bucket)
        inputs = inputs.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(args, step, elapsed, budget)
        with autocast():
            try:
                logits = logits_of(forward, inputs)
            except Exception as error:  # noqa: BLE001
                if forward is model or compiled_failed:
                    raise
                print(f"compiled model failed ({error}); running eager", flush=True)
                compiled_failed, forward = True, model
                logits = logits_of(forward, inputs)
            loss = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), labels.view(-1), ignore_index=-100)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        real = sum(len(example.ids) - 1 for example in batch)
        tokens_total += real
        window["tokens"] += real
        window["count"] += 1
        window["loss"] += float(loss.detach()) if window["count"] % 10 == 0 or not cuda else 0.0
        now = time.time()
        if now - window["time"] >= args.log_seconds:
            samples = max(1, window["count"] // 10) if cuda else window["count"]
            rate = window["tokens"] / (now - window["time"])
            print(
                f"[{now - started:6.0f}s] step {step} loss {window['loss'] / samples:.5f} tok/s {rate / 1e6:.2f}M "
                f"lr {optimizer.param_groups[0]['lr']:.2e} pool {pool.size()} (read {pool.read}, unfit {pool.skipped})",
                flush=True,
            )
            window = {"loss": 0.0, "count": 0, "tokens": 0, "time": now}
        if heldout and args.eval_every_minutes > 0 and now - last_eval >= args.eval_every_minutes * 60:
            result = evaluate(model, heldout, args.eval_turns, args.eval_batch, args.max_new, device, autocast)
            result.update({"step": step, "seconds": round(now - started)})
            eval_history.append(result)
            print_eval(f"step {step}", result)
            last_eval = time.time()
    pool.stop()
    train_seconds = time.time() - started
    print(f"trained {step} steps, {tokens_total / 1e6:.1f}M tokens in {train_seconds:.0f} s", flush=True)
    save_run(model, config, args.out)
    # The layout the model learnt (the one most sessions had; mixing layouts in one model is reported, not refused).
    (trained_layout, trained_system_line), _ = max(
        pool.layouts.items(), key=lambda item: item[1], default=((layout.LAYOUT_ID, layout.SYSTEM_LINE), 0)
    )
    if len(pool.layouts) > 1:
        print(f"warning: sessions of several layouts or system lines were mixed: {pool.layouts}", flush=True)
    summary = {
        "layout": trained_layout,
        "systemLine": trained_system_line,
        "layouts": {f"{key[0]} {key[1]!r}": count for key, count in sorted(pool.layouts.items())},
        "parameters": config.parameter_count(),
        "steps": step,
        "tokens": tokens_total,
        "trainSeconds": round(train_seconds),
        "sessionsRead": pool.read,
        "sessionsUnfit": pool.skipped,
        "families": sorted(pool.families),
        "turnsByFamily": dict(sorted(pool.families.items())),
        "implementation": type(model).__name__,
        "args": {key: value for key, value in vars(args).items() if key not in ("dump_sequence",)},
    }
    if heldout:
        if not args.no_heldout_loss:
            summary["heldoutLossPerByte"] = heldout_loss(
                model, heldout, device, autocast, args.bucket, args.tokens_per_batch
            )
            print(f"held-out loss {summary['heldoutLossPerByte']:.5f} nats/byte", flush=True)
        final = evaluate(model, heldout, args.final_eval_turns, args.eval_batch, args.max_new, device, autocast)
        print_eval("final", final)
        summary["heldout"] = final
        with open(os.path.join(args.out, "eval.json"), "w", encoding="utf-8") as handle:
            json.dump({"final": final, "during": eval_history}, handle, indent=2)
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
