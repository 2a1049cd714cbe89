"""A tiny Llama whose weights come from an integer hash, reproducible bit for bit in TypeScript.

src/engines/local/formula-model.ts computes the same weights and writes them as GGUF; the logits PyTorch
computes for them (make_formula_reference.py) are the fixture against which the node test checks llama.cpp's
arithmetic, including the q/k row order that export_gguf.py must get right.

    python3 training/formula_model.py reference OUT.json   # logits of the fixture prompts
    python3 training/formula_model.py export OUT.gguf TYPE   # the same model through export_gguf.py
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model_config import ModelConfig  # noqa: E402

FORMULA_CONFIG = ModelConfig(
    vocab_size=259,
    hidden_size=64,
    intermediate_size=128,
    num_hidden_layers=2,
    num_attention_heads=4,
    num_key_value_heads=2,
    max_position_embeddings=512,
)
FORMULA_SCALE = 0.35
# The output matrix is larger, for confident (peaked) predictions: greedy decoding is not decided by rounding.
FORMULA_HEAD_SCALE = 1.2
FORMULA_PROMPTS = [
    [1, 3 + ord("h"), 3 + ord("i")],
    [1] + [3 + b for b in b"agentworld terminal, bash 80 columns\nuser@sim:~$ ls\n"],
]


def formula_values(tensor_index: int, count: int, scale: float) -> np.ndarray:
    """Values in [-scale, scale): a 32-bit integer hash of (tensor, element), as formula-model.ts computes it."""
    i = np.arange(count, dtype=np.uint64)
    x = (i * np.uint64(2654435761) + np.uint64(tensor_index) * np.uint64(40503) + np.uint64(12345)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x45D9F3B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x45D9F3B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    unit = (x >> np.uint64(8)).astype(np.float64) / 16777216.0
    return ((unit - 0.5) * 2.0 * scale).astype(np.float32)


def formula_weights(config: ModelConfig = FORMULA_CONFIG) -> dict[str, np.ndarray]:
    """Every weight in HF naming. Norm weights are 1 + a small formula value; matrices use FORMULA_SCALE."""
    d, f, v = config.hidden_size, config.intermediate_size, config.vocab_size
    kv = config.num_key_value_heads * config.head_dim
    shapes: list[tuple[str, tuple[int, ...]]] = [("model.embed_tokens.weight", (v, d))]
    for layer in range(config.num_hidden_layers):
        p = f"model.layers.{layer}."
        shapes += [
            (p + "input_layernorm.weight", (d,)),
            (p + "self_attn.q_proj.weight", (d, d)),
            (p + "self_attn.k_proj.weight", (kv, d)),
            (p + "self_attn.v_proj.weight", (kv, d)),
            (p + "self_attn.o_proj.weight", (d, d)),
            (p + "post_attention_layernorm.weight", (d,)),
            (p + "mlp.gate_proj.weight", (f, d)),
            (p + "mlp.up_proj.weight", (f, d)),
            (p + "mlp.down_proj.weight", (d, f)),
        ]
    shapes += [("model.norm.weight", (d,)), ("lm_head.weight", (v, d))]
    weights: dict[str, np.ndarray] = {}
    for index, (name, shape) in enumerate(shapes):
        count = int(np.prod(shape))
        if len(shape) == 1:
            weights[name] = (1.0 + formula_values(index, count, 0.25)).astype(np.float32).reshape(shape)
        else:
            scale = FORMULA_HEAD_SCALE if name == "lm_head.weight" else FORMULA_SCALE
            weights[name] = formula_values(index, count, scale).reshape(shape)
    return weights


def reference(path: str) -> None:
    import torch

    from tiny_llama import TinyLlama

    model = TinyLlama(FORMULA_CONFIG)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in formula_weights().items()})
    model.eval()
    cases = []
    with torch.no_grad():
        for prompt in FORMULA_PROMPTS:
            logits = model(torch.tensor([prompt], dtype=torch.long))[0, -1].double()
            greedy: list[int] = []
            ids = list(prompt)
            for _ in range(12):
                step = model(torch.tensor([ids], dtype=torch.long))[0, -1]
                token = int(step.argmax())
                greedy.append(token)
                ids.append(token)
            cases.append({"prompt": prompt, "lastLogits": [round(float(x), 5) for x in logits], "greedy": greedy})
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"config": FORMULA_CONFIG.to_hf_dict(), "scale": FORMULA_SCALE, "headScale": FORMULA_HEAD_SCALE, "cases": cases}, handle)
        handle.write("\n")


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "reference":
        reference(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "export":
        import export_gguf

        export_gguf.export(formula_weights(), FORMULA_CONFIG.to_hf_dict(), sys.argv[2], sys.argv[3], "formula", {})
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
