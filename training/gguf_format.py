"""The GGUF container (version 3), written and read with numpy alone.

Layout: magic `GGUF`, version, tensor count, metadata count; the metadata as typed key/value pairs; one info
record per tensor (name, dimensions innermost first, ggml type, offset into the data section); padding to the
alignment; the tensor data, each tensor starting at a multiple of the alignment. Everything little-endian.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

MAGIC = b"GGUF"
VERSION = 3
ALIGNMENT = 32

# Metadata value types.
T_UINT8, T_INT8, T_UINT16, T_INT16, T_UINT32, T_INT32, T_FLOAT32, T_BOOL, T_STRING, T_ARRAY = range(10)
T_UINT64, T_INT64, T_FLOAT64 = 10, 11, 12

# Tensor types (ggml).
GGML_F32 = 0
GGML_F16 = 1
GGML_Q5_0 = 6
GGML_Q8_0 = 8
Q8_0_BLOCK = 32
Q5_0_BLOCK = 32
Q5_0_DTYPE = np.dtype([("d", "<f2"), ("qh", "<u4"), ("qs", "u1", (Q5_0_BLOCK // 2,))])  # 22 bytes per block

_SCALAR_FORMATS = {
    T_UINT8: "<B", T_INT8: "<b", T_UINT16: "<H", T_INT16: "<h", T_UINT32: "<I", T_INT32: "<i",
    T_FLOAT32: "<f", T_BOOL: "<?", T_UINT64: "<Q", T_INT64: "<q", T_FLOAT64: "<d",
}  # fmt: skip


@dataclass(frozen=True)
class Value:
    """A metadata value with its GGUF type; arrays give the element type in `item_type`."""

    type: int
    value: object
    item_type: int | None = None


def u32(value: int) -> Value:
    return Value(T_UINT32, value)


def i32(value: int) -> Value:
    return Value(T_INT32, value)


def f32(value: float) -> Value:
    return Value(T_FLOAT32, value)


def string(value: str) -> Value:
    return Value(T_STRING, value)


def boolean(value: bool) -> Value:
    return Value(T_BOOL, value)


def array(item_type: int, values: list) -> Value:
    return Value(T_ARRAY, values, item_type)


def _pack_string(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack("<Q", len(raw)) + raw


def _pack_scalar(kind: int, value: object) -> bytes:
    if kind == T_STRING:
        return _pack_string(str(value))
    return struct.pack(_SCALAR_FORMATS[kind], value)


def _pack_value(value: Value) -> bytes:
    out = struct.pack("<I", value.type)
    if value.type == T_ARRAY:
        assert value.item_type is not None
        items = list(value.value)  # type: ignore[arg-type]
        out += struct.pack("<IQ", value.item_type, len(items))
        if value.item_type in (T_FLOAT32, T_INT32, T_UINT32):
            dtype = {T_FLOAT32: "<f4", T_INT32: "<i4", T_UINT32: "<u4"}[value.item_type]
            out += np.asarray(items, dtype=dtype).tobytes()
        else:
            out += b"".join(_pack_scalar(value.item_type, item) for item in items)
        return out
    return out + _pack_scalar(value.type, value.value)


def quantize_q8_0(matrix: np.ndarray) -> bytes:
    """Q8_0: per block of 32 values along each row, an f16 scale max|x|/127 and 32 int8 values round(x/scale)."""
    values = np.ascontiguousarray(matrix, dtype=np.float32)
    if values.shape[-1] % Q8_0_BLOCK != 0:
        raise ValueError(f"Q8_0 needs rows of a multiple of {Q8_0_BLOCK} values, got {values.shape[-1]}")
    blocks = values.reshape(-1, Q8_0_BLOCK)
    amax = np.abs(blocks).max(axis=1)
    scale = amax / 127.0
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    # roundf() rounds halves away from zero; numpy's round() would round them to even.
    scaled = blocks * inverse[:, None]
    quants = (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int8)
    packed = np.zeros(len(blocks), dtype=[("d", "<f2"), ("q", "i1", (Q8_0_BLOCK,))])
    packed["d"] = scale.astype(np.float16)
    packed["q"] = quants
    return packed.tobytes()


def dequantize_q8_0(raw: bytes, count: int) -> np.ndarray:
    packed = np.frombuffer(raw, dtype=[("d", "<f2"), ("q", "i1", (Q8_0_BLOCK,))], count=count // Q8_0_BLOCK)
    return (packed["q"].astype(np.float32) * packed["d"].astype(np.float32)[:, None]).reshape(-1)


def _q5_0_codes(blocks: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The 5-bit codes 0…31 of each value for a per-block scale (value ≈ (code - 16) * scale)."""
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    return np.clip(np.floor(blocks * inverse[..., None] + 16.5), 0, 31)


def quantize_q5_0(matrix: np.ndarray, search: bool = True) -> bytes:
    """Q5_0: per block of 32 values, an f16 scale and 32 five-bit codes (value = (code - 16) * scale).

    llama.cpp's own quantizer takes scale = -m/16 for the block's value m of largest magnitude. With `search`
    (the default), each block instead takes the scale, among 25 around that one, with the least squared error;
    the format, and so the file's reader, is the same.
    """
    values = np.ascontiguousarray(matrix, dtype=np.float32)
    if values.shape[-1] % Q5_0_BLOCK != 0:
        raise ValueError(f"Q5_0 needs rows of a multiple of {Q5_0_BLOCK} values, got {values.shape[-1]}")
    blocks = values.reshape(-1, Q5_0_BLOCK)
    largest = blocks[np.arange(len(blocks)), np.abs(blocks).argmax(axis=1)]
    scale = (largest / -16.0).astype(np.float16).astype(np.float32)
    if search:
        factors = np.linspace(0.76, 1.0, 25, dtype=np.float32)
        for start in range(0, len(blocks), 65536):
            part = blocks[start : start + 65536]
            candidates = (scale[start : start + 65536, None] * factors[None, :]).astype(np.float16).astype(np.float32)
            codes = _q5_0_codes(part[:, None, :], candidates)
            error = ((codes - 16) * candidates[..., None] - part[:, None, :]) ** 2
            best = error.sum(axis=2).argmin(axis=1)
            scale[start : start + 65536] = candidates[np.arange(len(part)), best]
    codes = _q5_0_codes(blocks, scale).astype(np.uint32)
    half = Q5_0_BLOCK // 2
    low, high = codes[:, :half], codes[:, half:]
    packed = np.zeros(len(blocks), dtype=Q5_0_DTYPE)
    packed["d"] = scale.astype(np.float16)
    packed["qs"] = ((low & 0xF) | ((high & 0xF) << 4)).astype(np.uint8)
    bits = np.arange(half, dtype=np.uint32)
    packed["qh"] = (((low >> 4) & 1) << bits).sum(axis=1) | (((high >> 4) & 1) << (bits + half)).sum(axis=1)
    return packed.tobytes()


def dequantize_q5_0(raw: bytes, count: int) -> np.ndarray:
    packed = np.frombuffer(raw, dtype=Q5_0_DTYPE, count=count // Q5_0_BLOCK)
    half = Q5_0_BLOCK // 2
    bits = np.arange(half, dtype=np.uint32)
    qh = packed["qh"][:, None]
    low = (packed["qs"] & 0xF).astype(np.int32) | (((qh >> bits) & 1) << 4).astype(np.int32)
    high = (packed["qs"] >> 4).astype(np.int32) | (((qh >> (bits + half)) & 1) << 4).astype(np.int32)
    codes = np.concatenate([low, high], axis=1) - 16
    return (codes.astype(np.float32) * packed["d"].astype(np.float32)[:, None]).reshape(-1)


def tensor_bytes(values: np.ndarray, ggml_type: int) -> bytes:
    if ggml_type == GGML_F32:
        return np.ascontiguousarray(values, dtype="<f4").tobytes()
    if ggml_type == GGML_F16:
        return np.ascontiguousarray(values, dtype="<f2").tobytes()
    if ggml_type == GGML_Q8_0:
        return quantize_q8_0(values)
    if ggml_type == GGML_Q5_0:
        return quantize_q5_0(values)
    raise ValueError(f"unsupported ggml type {ggml_type}")


def write_gguf(path: str, metadata: dict[str, Value], tensors: list[tuple[str, np.ndarray, int]]) -> int:
    """Writes a GGUF file; `tensors` holds (name, array in PyTorch's row-major shape, ggml type). Returns its size."""
    header = MAGIC + struct.pack("<IQQ", VERSION, len(tensors), len(metadata))
    for key, value in metadata.items():
        header += _pack_string(key) + _pack_value(value)
    blobs: list[bytes] = []
    offset = 0
    for name, values, ggml_type in tensors:
        blob = tensor_bytes(values, ggml_type)
        dims = list(reversed(values.shape))  # ggml lists the innermost (contiguous) dimension first
        header += _pack_string(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims)
        header += struct.pack("<IQ", ggml_type, offset)
        blobs.append(blob)
        offset += len(blob)
        offset += (ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT
    with open(path, "wb") as handle:
        handle.write(header)
        handle.write(b"\0" * ((ALIGNMENT - len(header) % ALIGNMENT) % ALIGNMENT))
        for blob in blobs:
            handle.write(blob)
            handle.write(b"\0" * ((ALIGNMENT - len(blob) % ALIGNMENT) % ALIGNMENT))
        return handle.tell()


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.at = 0

    def take(self, fmt: str):
        size = struct.calcsize(fmt)
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += size
        return values[0] if len(values) == 1 else values

    def string(self) -> str:
        length = self.take("<Q")
        text = self.data[self.at : self.at + length].decode("utf-8")
        self.at += length
        return text

    def value(self, kind: int):
        if kind == T_STRING:
            return self.string()
        if kind == T_ARRAY:
            item_type, count = self.take("<I"), self.take("<Q")
            return [self.value(item_type) for _ in range(count)]
        return self.take(_SCALAR_FORMATS[kind])


def read_gguf(path: str) -> tuple[dict[str, object], dict[str, np.ndarray]]:
    """Metadata and tensors (dequantized to float32, in PyTorch's row-major shape) of a GGUF file."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a GGUF file")
    reader = _Reader(data)
    reader.at = 4
    version, tensor_count, kv_count = reader.take("<I"), reader.take("<Q"), reader.take("<Q")
    if version != VERSION:
        raise ValueError(f"{path}: GGUF version {version}, expected {VERSION}")
    metadata: dict[str, object] = {}
    for _ in range(kv_count):
        key = reader.string()
        metadata[key] = reader.value(reader.take("<I"))
    infos = []
    for _ in range(tensor_count):
        name = reader.string()
        n_dims = reader.take("<I")
        dims = [reader.take("<Q") for _ in range(n_dims)]
        infos.append((name, dims, reader.take("<I"), reader.take("<Q")))
    alignment = int(metadata.get("general.alignment", ALIGNMENT))  # type: ignore[arg-type]
    base = reader.at + (alignment - reader.at % alignment) % alignment
    tensors: dict[str, np.ndarray] = {}
    for name, dims, ggml_type, offset in infos:
        count = int(np.prod(dims))
        start = base + offset
        if ggml_type == GGML_F32:
            flat = np.frombuffer(data, dtype="<f4", count=count, offset=start)
        elif ggml_type == GGML_F16:
            flat = np.frombuffer(data, dtype="<f2", count=count, offset=start).astype(np.float32)
        elif ggml_type == GGML_Q8_0:
            size = count // Q8_0_BLOCK * (2 + Q8_0_BLOCK)
            flat = dequantize_q8_0(data[start : start + size], count)
        elif ggml_type == GGML_Q5_0:
            size = count // Q5_0_BLOCK * Q5_0_DTYPE.itemsize
            flat = dequantize_q5_0(data[start : start + size], count)
        else:
            raise ValueError(f"{path}: tensor {name} has ggml type {ggml_type}")
        tensors[name] = np.array(flat, dtype=np.float32).reshape(list(reversed(dims)))
    return metadata, tensors
