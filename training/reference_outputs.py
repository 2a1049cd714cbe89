"""Greedy outputs of PyTorch on held-out prompts, shipped next to the model file so that a node test can check
that node-llama-cpp decodes the exported GGUF to the very same ids (a wrong q/k row order, vocabulary or
norm would show at once).

    python3 training/reference_outputs.py --gguf models/agentworld-terminal.gguf --heldout HELDOUT \
        --out models/agentworld-terminal.reference.json [--count 64]

With --gguf the weights are read back from the GGUF file itself (Q8_0 dequantized, q/k rows put back in
transformers' order), so the comparison isolates llama.cpp's arithmetic from the quantization. With --run the
float32 weights of a run directory are used instead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import layout  # noqa: E402
from import_gguf import import_gguf  # noqa: E402
from session_data import load_examples, turn_prompts  # noqa: E402
from tiny_llama import TinyLlama  # noqa: E402


def model_from_gguf(path: str) -> TinyLlama:
    """The plain-PyTorch model with the weights of a GGUF file (see import_gguf.py)."""
    weights, config = import_gguf(path)
    model = TinyLlama(config)
    model.load_state_dict({name: torch.from_numpy(values) for name, values in weights.items()})
    return model.eval()


def layout_of_file(path: str) -> str:
    """The `agentworld.layout` an exported file records."""
    import gguf_format

    metadata, _ = gguf_format.read_gguf(path)
    return str(metadata.get("agentworld.layout", layout.LAYOUT_ID))


@torch.no_grad()
def greedy_one(model: TinyLlama, prompt: list[int], max_new: int) -> list[int]:
    """Greedy decoding of one prompt with a KV cache (no padding, as llama.cpp sees it)."""
    device = next(model.parameters()).device
    caches = [dict() for _ in model.model.layers]
    ids = torch.tensor([prompt], dtype=torch.long, device=device)
    logits = model(ids, caches=caches)[:, -1]
    out: list[int] = []
    position = len(prompt)
    for _ in range(max_new):
        token = int(logits[0].argmax())
        out.append(token)
        if token == layout.EOS_ID:
            break
        step = torch.tensor([[token]], dtype=torch.long, device=device)
        causal = torch.ones(1, 1, 1, position + 1, dtype=torch.bool, device=device)
        logits = model(step, positions=torch.tensor([[position]], device=device), mask=causal, caches=caches)[:, -1]
        position += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--gguf", help="read the weights back from this GGUF file")
    source.add_argument("--run", help="use the float32 weights of this run directory")
    parser.add_argument("--heldout", nargs="+", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=64)
    parser.add_argument("--max-new", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    if args.gguf:
        model = model_from_gguf(args.gguf)
    else:
        from model_factory import load_run

        model, _ = load_run(args.run, "tiny")
    if torch.cuda.is_available():
        # Plain float32 on the GPU: TF32 would round like no CPU does.
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        model = model.to("cuda")
    context = model.config.max_position_embeddings
    examples, _ = load_examples(args.heldout, context)
    cases = [case for example in examples for case in turn_prompts(example)]
    cases = [case for case in cases if len(case[0]) + args.max_new <= context]
    random.Random(args.seed).shuffle(cases)
    chosen = cases[: args.count]
    out = []
    for prompt, expected, family in chosen:
        generated = greedy_one(model, prompt, args.max_new)
        out.append({"family": family, "prompt": prompt, "expected": generated, "recorded": expected})
    matches = sum(case["expected"] == case["recorded"] for case in out)
    document = {
        "layout": layout_of_file(args.gguf) if args.gguf else layout.LAYOUT_ID,
        "model": os.path.basename(args.gguf) if args.gguf else os.path.abspath(args.run),
        "weights": "gguf-dequantized" if args.gguf else "run-float32",
        "maxNew": args.max_new,
        "cases": out,
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {args.out}: {len(out)} prompts; PyTorch greedy equals the recorded turn on {matches}")


if __name__ == "__main__":
    main()
