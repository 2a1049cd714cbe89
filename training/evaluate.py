"""Held-out byte-exact turn accuracy of a trained run, by command family (greedy, batched, on the GPU when
there is one). train.py runs the same evaluation at the end of training; this runs it on other sets, such as
the grammar extension.

    python3 training/evaluate.py --run RUN_DIR --sessions EXTENSION_DIR --out extension-eval.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import nullcontext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from model_factory import load_run, transformers_available  # noqa: E402
from session_data import load_examples  # noqa: E402
from train import evaluate, print_eval  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", required=True, help="a run directory, or a GGUF file written by export_gguf.py")
    parser.add_argument("--sessions", nargs="+", required=True)
    parser.add_argument("--out")
    parser.add_argument("--turns", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--max-new", type=int, default=768)
    parser.add_argument("--impl", choices=["hf", "tiny"], default="hf" if transformers_available() else "tiny")
    args = parser.parse_args()
    cuda = torch.cuda.is_available()
    device = torch.device("cuda" if cuda else "cpu")
    model, config = load_run(args.run, args.impl, str(device))
    examples, unfit = load_examples(args.sessions, config.max_position_embeddings)

    def autocast():
        return torch.autocast("cuda", dtype=torch.bfloat16) if cuda else nullcontext()

    result = evaluate(model, examples, args.turns, args.batch, args.max_new, device, autocast)
    result["sessions"] = len(examples)
    result["sessionsUnfit"] = unfit
    print_eval(os.path.basename(os.path.normpath(args.sessions[0])), result)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
