"""Exports a trained model directory (config.json + model.safetensors) as a llama-architecture GGUF file.

    python3 training/export_gguf.py RUN_DIR OUT.gguf [--type q8_0|q5_0|f16|f32] [--name NAME]

The vocabulary is written SentencePiece-style: `<unk>`, `<s>`, `</s>`, then the 256 byte pieces `<0x00>` …
`<0xFF>`, so that llama.cpp maps id 3 + b to byte b. Matrices are F32, F16, Q8_0 or Q5_0 (then the byte
embeddings and the output head stay Q8_0); norm weights stay F32.

Rotary embeddings: transformers' Llama rotates the two halves of each head (dimension i pairs with
i + head_dim/2), while llama.cpp's llama architecture rotates adjacent pairs (2i with 2i + 1). The rows of the
query and key projections are therefore reordered per head so that row j of the first half lands at 2j and row
j of the second half at 2j + 1 (see `interleave_rope_rows`); attention scores are unchanged by this reorder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gguf_format as g  # noqa: E402
import layout  # noqa: E402

FILE_TYPES = {
    "f32": (0, g.GGML_F32),
    "f16": (1, g.GGML_F16),
    "q8_0": (7, g.GGML_Q8_0),
    "q5_0": (8, g.GGML_Q5_0),
}
BLOCKED_TYPES = {g.GGML_Q8_0, g.GGML_Q5_0}  # both quantize blocks of 32 values along a row


def interleave_rope_rows(weight: np.ndarray, heads: int) -> np.ndarray:
    """Reorders the output rows of a q/k projection from the rotate-half layout to the adjacent-pairs layout."""
    rows, columns = weight.shape
    head_dim = rows // heads
    half = head_dim // 2
    per_head = weight.reshape(heads, 2, half, columns)  # [head, which half, j, in]
    return per_head.transpose(0, 2, 1, 3).reshape(rows, columns)  # row h*hd + 2j + which = old h*hd + which*half + j


def vocabulary() -> tuple[list[str], list[float], list[int]]:
    """Token pieces, scores and types (2 unknown, 3 control, 6 byte) of the byte vocabulary."""
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]
    scores = [0.0] * len(tokens)
    types = [2, 3, 3] + [6] * 256
    return tokens, scores, types


def metadata_for(
    config: dict,
    file_type: int,
    name: str,
    extra: dict[str, str],
    layout_id: str = layout.LAYOUT_ID,
    system_line: str = layout.SYSTEM_LINE,
) -> dict[str, g.Value]:
    tokens, scores, types = vocabulary()
    head_dim = config["hidden_size"] // config["num_attention_heads"]
    meta: dict[str, g.Value] = {
        "general.architecture": g.string("llama"),
        "general.name": g.string(name),
        "general.file_type": g.u32(file_type),
        "general.alignment": g.u32(g.ALIGNMENT),
        "llama.context_length": g.u32(config["max_position_embeddings"]),
        "llama.embedding_length": g.u32(config["hidden_size"]),
        "llama.block_count": g.u32(config["num_hidden_layers"]),
        "llama.feed_forward_length": g.u32(config["intermediate_size"]),
        "llama.attention.head_count": g.u32(config["num_attention_heads"]),
        "llama.attention.head_count_kv": g.u32(config["num_key_value_heads"]),
        "llama.attention.layer_norm_rms_epsilon": g.f32(config["rms_norm_eps"]),
        "llama.rope.dimension_count": g.u32(head_dim),
        "llama.rope.freq_base": g.f32(config["rope_theta"]),
        "llama.vocab_size": g.u32(config["vocab_size"]),
        "tokenizer.ggml.model": g.string("llama"),
        "tokenizer.ggml.tokens": g.array(g.T_STRING, tokens),
        "tokenizer.ggml.scores": g.array(g.T_FLOAT32, scores),
        "tokenizer.ggml.token_type": g.array(g.T_INT32, types),
        "tokenizer.ggml.unknown_token_id": g.u32(layout.UNK_ID),
        "tokenizer.ggml.bos_token_id": g.u32(layout.BOS_ID),
        "tokenizer.ggml.eos_token_id": g.u32(layout.EOS_ID),
        "tokenizer.ggml.add_bos_token": g.boolean(False),
        "tokenizer.ggml.add_eos_token": g.boolean(False),
        "agentworld.layout": g.string(layout_id),
        "agentworld.system_line": g.string(system_line),
    }
    for key, value in extra.items():
        meta[f"agentworld.{key}"] = g.string(value)
    return meta


def gguf_tensors(weights: dict[str, np.ndarray], config: dict, matrix_type: int) -> list[tuple[str, np.ndarray, int]]:
    """(GGUF name, array, ggml type) for every weight, q/k rows reordered for llama.cpp's rotary layout."""
    heads, kv_heads = config["num_attention_heads"], config["num_key_value_heads"]

    def matrix(values: np.ndarray, wanted: int = matrix_type) -> int:
        return wanted if values.shape[-1] % g.Q8_0_BLOCK == 0 or wanted not in BLOCKED_TYPES else g.GGML_F16

    # The byte embeddings and the output head are small (259 rows) and every byte goes through them: they stay
    # Q8_0 when the layers' matrices take fewer bits.
    edge_type = g.GGML_Q8_0 if matrix_type == g.GGML_Q5_0 else matrix_type
    out: list[tuple[str, np.ndarray, int]] = []
    embed = weights["model.embed_tokens.weight"]
    out.append(("token_embd.weight", embed, matrix(embed, edge_type)))
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        q = interleave_rope_rows(weights[p + "self_attn.q_proj.weight"], heads)
        k = interleave_rope_rows(weights[p + "self_attn.k_proj.weight"], kv_heads)
        pairs = [
            ("attn_norm.weight", weights[p + "input_layernorm.weight"], g.GGML_F32),
            ("attn_q.weight", q, None),
            ("attn_k.weight", k, None),
            ("attn_v.weight", weights[p + "self_attn.v_proj.weight"], None),
            ("attn_output.weight", weights[p + "self_attn.o_proj.weight"], None),
            ("ffn_norm.weight", weights[p + "post_attention_layernorm.weight"], g.GGML_F32),
            ("ffn_gate.weight", weights[p + "mlp.gate_proj.weight"], None),
            ("ffn_up.weight", weights[p + "mlp.up_proj.weight"], None),
            ("ffn_down.weight", weights[p + "mlp.down_proj.weight"], None),
        ]
        for name, values, kind in pairs:
            out.append((f"blk.{i}.{name}", values, matrix(values) if kind is None else kind))
    out.append(("output_norm.weight", weights["model.norm.weight"], g.GGML_F32))
    head = weights["lm_head.weight"]
    out.append(("output.weight", head, matrix(head, edge_type)))
    return out


def export(
    weights: dict[str, np.ndarray],
    config: dict,
    path: str,
    kind: str,
    name: str,
    extra: dict[str, str],
    layout_id: str = layout.LAYOUT_ID,
    system_line: str = layout.SYSTEM_LINE,
) -> int:
    file_type, matrix_type = FILE_TYPES[kind]
    tensors = gguf_tensors({k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}, config, matrix_type)
    return g.write_gguf(path, metadata_for(config, file_type, name, extra, layout_id, system_line), tensors)


def load_run(run_dir: str) -> tuple[dict[str, np.ndarray], dict, dict]:
    """Weights (float32 numpy), model config and training summary (may be empty) of a run directory."""
    import safetensors_io

    with open(os.path.join(run_dir, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    tensors = safetensors_io.load_file(os.path.join(run_dir, "model.safetensors"))
    weights = {name: tensor.float().numpy() for name, tensor in tensors.items()}
    summary_path = os.path.join(run_dir, "summary.json")
    summary = {}
    if os.path.exists(summary_path):
        with open(summary_path, encoding="utf-8") as handle:
            summary = json.load(handle)
    return weights, config, summary


def main() -> None:
    parser = argparse.ArgumentParser(description="Export a trained run directory as GGUF.")
    parser.add_argument("run_dir")
    parser.add_argument("out")
    parser.add_argument("--type", choices=sorted(FILE_TYPES), default="q8_0")
    parser.add_argument("--name", default="agentworld-terminal")
    args = parser.parse_args()
    weights, config, summary = load_run(args.run_dir)
    extra = {}
    if summary.get("families"):
        extra["families"] = ",".join(summary["families"])
    # The layout the run trained on (older summaries have none: the terminal layout).
    layout_id = summary.get("layout", layout.LAYOUT_ID)
    system_line = summary.get("systemLine", layout.SYSTEM_LINE)
    size = export(weights, config, args.out, args.type, args.name, extra, layout_id, system_line)
    print(f"wrote {args.out}: {size} bytes ({size / 1e6:.2f} MB), {args.type}")


if __name__ == "__main__":
    main()
