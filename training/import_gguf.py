"""Reads a GGUF file written by export_gguf.py back into transformers' Llama weight names, so that training can
continue from a shipped model (`train.py --init models/agentworld-terminal.gguf`).

The inverse of the export: tensor names map back to the `model.layers.N.…` names, and the rows of the query and
key projections go back from llama.cpp's adjacent-pairs rotary layout to the rotate-half layout. Q8_0 tensors
come back dequantized (each value within half a quantization step of the original).
"""

from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gguf_format as g  # noqa: E402
from model_config import ModelConfig  # noqa: E402

LAYER_NAMES = {
    "attn_norm.weight": "input_layernorm.weight",
    "attn_q.weight": "self_attn.q_proj.weight",
    "attn_k.weight": "self_attn.k_proj.weight",
    "attn_v.weight": "self_attn.v_proj.weight",
    "attn_output.weight": "self_attn.o_proj.weight",
    "ffn_norm.weight": "post_attention_layernorm.weight",
    "ffn_gate.weight": "mlp.gate_proj.weight",
    "ffn_up.weight": "mlp.up_proj.weight",
    "ffn_down.weight": "mlp.down_proj.weight",
}


def rotate_half_rows(weight: np.ndarray, heads: int) -> np.ndarray:
    """Undoes export_gguf.interleave_rope_rows: row h*hd + 2j + which goes back to h*hd + which*half + j."""
    rows, columns = weight.shape
    half = rows // heads // 2
    return weight.reshape(heads, half, 2, columns).transpose(0, 2, 1, 3).reshape(rows, columns)


def config_of(metadata: dict) -> ModelConfig:
    """The model shape recorded in the file's llama.* metadata."""

    def number(key: str) -> int:
        return int(metadata[f"llama.{key}"])  # type: ignore[arg-type]

    return ModelConfig(
        vocab_size=number("vocab_size"),
        hidden_size=number("embedding_length"),
        intermediate_size=number("feed_forward_length"),
        num_hidden_layers=number("block_count"),
        num_attention_heads=number("attention.head_count"),
        num_key_value_heads=number("attention.head_count_kv"),
        max_position_embeddings=number("context_length"),
        rms_norm_eps=float(metadata["llama.attention.layer_norm_rms_epsilon"]),  # type: ignore[arg-type]
        rope_theta=float(metadata["llama.rope.freq_base"]),  # type: ignore[arg-type]
    )


def import_gguf(path: str) -> tuple[dict[str, np.ndarray], ModelConfig]:
    """Float32 weights under transformers' Llama names, and the config, of a GGUF file from export_gguf.py."""
    metadata, tensors = g.read_gguf(path)
    if metadata.get("general.architecture") != "llama":
        raise ValueError(f"{path}: not a llama-architecture GGUF file")
    config = config_of(metadata)
    weights: dict[str, np.ndarray] = {
        "model.embed_tokens.weight": tensors["token_embd.weight"],
        "model.norm.weight": tensors["output_norm.weight"],
        "lm_head.weight": tensors["output.weight"],
    }
    for i in range(config.num_hidden_layers):
        for gguf_name, hf_name in LAYER_NAMES.items():
            values = tensors[f"blk.{i}.{gguf_name}"]
            if gguf_name == "attn_q.weight":
                values = rotate_half_rows(values, config.num_attention_heads)
            elif gguf_name == "attn_k.weight":
                values = rotate_half_rows(values, config.num_key_value_heads)
            weights[f"model.layers.{i}.{hf_name}"] = np.ascontiguousarray(values, dtype=np.float32)
    return weights, config
