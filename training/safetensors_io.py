"""Reads and writes the safetensors format (8-byte header length, JSON header, raw little-endian data).

Written here so the pipeline needs no safetensors package: F32, F16 and BF16 tensors are enough for it.
"""

from __future__ import annotations

import json
import struct

import numpy as np
import torch

_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}


def save_file(tensors: dict[str, torch.Tensor], path: str, metadata: dict[str, str] | None = None) -> None:
    header: dict = {}
    blobs: list[bytes] = []
    offset = 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        if tensor.dtype not in _DTYPES:
            tensor = tensor.float()
        if tensor.dtype == torch.bfloat16:
            blob = tensor.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            blob = tensor.numpy().astype(tensor.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": _DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(text)))
        handle.write(text)
        for blob in blobs:
            handle.write(blob)


def load_file(path: str) -> dict[str, torch.Tensor]:
    with open(path, "rb") as handle:
        data = handle.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    tensors: dict[str, torch.Tensor] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = data[base + start : base + end]
        shape = info["shape"]
        if info["dtype"] == "F32":
            array = np.frombuffer(raw, dtype="<f4").reshape(shape)
            tensors[name] = torch.from_numpy(array.copy())
        elif info["dtype"] == "F16":
            array = np.frombuffer(raw, dtype="<f2").reshape(shape)
            tensors[name] = torch.from_numpy(array.copy())
        elif info["dtype"] == "BF16":
            array = np.frombuffer(raw, dtype="<i2").reshape(shape)
            tensors[name] = torch.from_numpy(array.copy()).view(torch.bfloat16)
        else:
            raise ValueError(f"{path}: tensor {name} has dtype {info['dtype']}, which this reader does not handle")
    return tensors
