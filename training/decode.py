"""Batched greedy decoding of many prompts at once, for held-out evaluation and reference outputs.

transformers models decode through `generate()` (left padding, KV cache). TinyLlama decodes through its own
loop below, which does the same: prompts are left-padded, each row's positions start at its first real token,
and pads are masked out of attention.
"""

from __future__ import annotations

import torch

from layout import EOS_ID

PAD_ID = 0


def _left_pad(prompts: list[list[int]], device) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), PAD_ID, dtype=torch.long)
    mask = torch.zeros((len(prompts), width), dtype=torch.long)
    for row, prompt in enumerate(prompts):
        ids[row, width - len(prompt) :] = torch.tensor(prompt, dtype=torch.long)
        mask[row, width - len(prompt) :] = 1
    return ids.to(device), mask.to(device)


def _cut(generated: list[int]) -> list[int]:
    """Generated ids up to and including the first end token."""
    if EOS_ID in generated:
        return generated[: generated.index(EOS_ID) + 1]
    return generated


@torch.no_grad()
def greedy_tiny(model, prompts: list[list[int]], max_new: int) -> list[list[int]]:
    """Greedy decoding with TinyLlama and a KV cache; each result ends with </s> unless max_new was reached."""
    device = next(model.parameters()).device
    ids, mask = _left_pad(prompts, device)
    batch = len(prompts)
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    keys = mask.bool()
    length = ids.shape[1]
    causal = torch.ones(length, length, dtype=torch.bool, device=device).tril()
    attention = causal[None, None] & keys[:, None, None, :]
    # A fully masked row (a pad attending to nothing) would give NaN; let pads see themselves.
    attention = attention | torch.eye(length, dtype=torch.bool, device=device)[None, None]
    caches = [dict() for _ in model.model.layers]
    logits = model(ids, positions=positions, mask=attention, caches=caches)[:, -1]
    next_positions = positions[:, -1] + 1
    outputs: list[list[int]] = [[] for _ in range(batch)]
    done = torch.zeros(batch, dtype=torch.bool, device=device)
    for _ in range(max_new):
        token = logits.float().argmax(-1)
        for row in range(batch):
            if not done[row]:
                outputs[row].append(int(token[row]))
        done |= token == EOS_ID
        if bool(done.all()):
            break
        keys = torch.cat([keys, torch.ones(batch, 1, dtype=torch.bool, device=device)], dim=1)
        step_mask = keys[:, None, None, :]
        logits = model(token[:, None], positions=next_positions[:, None], mask=step_mask, caches=caches)[:, -1]
        next_positions = next_positions + 1
    return [_cut(out) for out in outputs]


@torch.no_grad()
def greedy_hf(model, prompts: list[list[int]], max_new: int) -> list[list[int]]:
    """Greedy decoding with a transformers model through generate()."""
    device = next(model.parameters()).device
    ids, mask = _left_pad(prompts, device)
    out = model.generate(
        input_ids=ids,
        attention_mask=mask,
        max_new_tokens=max_new,
        do_sample=False,
        eos_token_id=EOS_ID,
        pad_token_id=PAD_ID,
    )
    generated = out[:, ids.shape[1] :].tolist()
    return [_cut(row) for row in generated]


def greedy(model, prompts: list[list[int]], max_new: int) -> list[list[int]]:
    if hasattr(model, "generate"):
        return greedy_hf(model, prompts, max_new)
    return greedy_tiny(model, prompts, max_new)
