"""Builds the model (transformers' LlamaForCausalLM from a config, or the plain-PyTorch TinyLlama where
transformers is missing) and saves or loads a run directory: config.json + model.safetensors (float32)."""

from __future__ import annotations

import json
import os

import torch

import safetensors_io
from model_config import ModelConfig
from tiny_llama import TinyLlama, init_weights


def transformers_available() -> bool:
    try:
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def build_model(config: ModelConfig, implementation: str, seed: int = 0) -> torch.nn.Module:
    """`hf`: transformers' LlamaForCausalLM (sdpa attention); `tiny`: TinyLlama; `auto`: hf when installed."""
    if implementation == "auto":
        implementation = "hf" if transformers_available() else "tiny"
    torch.manual_seed(seed)
    if implementation == "hf":
        from transformers import LlamaConfig, LlamaForCausalLM

        values = config.to_hf_dict()
        values.pop("architectures", None)
        values.pop("torch_dtype", None)
        try:
            hf_config = LlamaConfig(**values, attn_implementation="sdpa")
        except TypeError:
            hf_config = LlamaConfig(**values)
            hf_config._attn_implementation = "sdpa"
        return LlamaForCausalLM(hf_config)
    model = TinyLlama(config)
    init_weights(model, seed=seed)
    return model


def logits_of(model: torch.nn.Module, input_ids: torch.Tensor) -> torch.Tensor:
    """Logits for right-padded (or unpadded) ids, with either implementation."""
    if isinstance(model, TinyLlama):
        return model(input_ids)
    return model(input_ids=input_ids, use_cache=False).logits


def save_run(model: torch.nn.Module, config: ModelConfig, directory: str) -> None:
    os.makedirs(directory, exist_ok=True)
    state = {name: tensor.detach().float().cpu() for name, tensor in model.state_dict().items()}
    # transformers may hold non-persistent buffers (rotary inv_freq) in state_dict on some versions.
    state = {name: tensor for name, tensor in state.items() if not name.endswith("rotary_emb.inv_freq")}
    safetensors_io.save_file(state, os.path.join(directory, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(directory, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config.to_hf_dict(), handle, indent=2)
        handle.write("\n")


def load_run(path: str, implementation: str = "tiny", device: str = "cpu") -> tuple[torch.nn.Module, ModelConfig]:
    """A trained model for evaluation: a run directory (exact weights) or a GGUF file written by export_gguf.py
    (the weights as shipped: Q8_0 / Q5_0 come back dequantized)."""
    state, config = initial_weights(path)
    model = build_model(config, implementation)
    load_weights(model, state, path)
    return model.to(device).eval(), config


def initial_weights(path: str) -> tuple[dict[str, torch.Tensor], ModelConfig]:
    """Weights to continue training from: a GGUF file written by export_gguf.py (Q8_0 comes back dequantized) or
    a run directory (config.json + model.safetensors, exact)."""
    if os.path.isdir(path):
        with open(os.path.join(path, "config.json"), encoding="utf-8") as handle:
            config = ModelConfig.from_dict(json.load(handle))
        return safetensors_io.load_file(os.path.join(path, "model.safetensors")), config
    from import_gguf import import_gguf

    weights, config = import_gguf(path)
    return {name: torch.from_numpy(values) for name, values in weights.items()}, config


def load_weights(model: torch.nn.Module, state: dict[str, torch.Tensor], source: str) -> None:
    """Loads every weight of the model from `state`; a missing or extra name is an error, not a silent skip."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [name for name in missing if not name.endswith("rotary_emb.inv_freq")]
    if missing or unexpected:
        raise ValueError(f"{source}: weights do not fit the model (missing {missing}, unexpected {unexpected})")


def grown_layer_order(old_layers: int, new_layers: int) -> list[int | None]:
    """Where each layer of a deeper model comes from: an old layer's index, or None for a new layer. The new
    layers are spread evenly, each placed right after an old one (8 → 12: old, old, new, old, old, new, …)."""
    if new_layers < old_layers:
        raise ValueError(f"cannot grow {old_layers} layers into {new_layers}")
    added = new_layers - old_layers
    order: list[int | None] = []
    for index in range(old_layers):
        order.append(index)
        if (index + 1) * added // old_layers > index * added // old_layers:
            order.append(None)
    return order


def grow_layers(
    state: dict[str, torch.Tensor], config: ModelConfig, new_layers: int, implementation: str, seed: int = 0
) -> tuple[dict[str, torch.Tensor], ModelConfig]:
    """Deepens a trained model without changing what it computes: the old layers keep their weights, and each new
    layer starts with freshly initialised weights except its attention output and FFN down projections, which
    are zero, so it adds nothing to the residual stream until training moves them."""
    from dataclasses import replace

    grown = replace(config, num_hidden_layers=new_layers)
    fresh = {name: tensor.detach().clone() for name, tensor in build_model(grown, implementation, seed).state_dict().items()}
    out: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        if not name.startswith("model.layers."):
            out[name] = tensor
    for position, source in enumerate(grown_layer_order(config.num_hidden_layers, new_layers)):
        prefix = f"model.layers.{position}."
        for name, tensor in fresh.items():
            if not name.startswith(prefix) or name.endswith("rotary_emb.inv_freq"):
                continue
            suffix = name[len(prefix) :]
            if source is not None:
                out[name] = state[f"model.layers.{source}.{suffix}"]
            elif suffix in ("self_attn.o_proj.weight", "mlp.down_proj.weight"):
                out[name] = torch.zeros_like(tensor)
            else:
                out[name] = tensor
    return out, grown
