import { writeFile } from 'node:fs/promises';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';

/**
 * A small GGUF (version 3) writer for tests: F32 tensors and the metadata types a llama model needs. The
 * trained model is exported by training/export_gguf.py; this one lets tests build a model file without it.
 */

export type GgufValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'f32s'; readonly value: readonly number[] }
  | { readonly type: 'i32s'; readonly value: readonly number[] };

export interface GgufTensor {
  readonly name: string;
  /** PyTorch's row-major shape (outermost first); GGUF stores it innermost first. */
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const ALIGNMENT = 32;
const TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;

class ByteSink {
  private readonly parts: Buffer[] = [];
  length = 0;

  push(part: Buffer): void {
    this.parts.push(part);
    this.length += part.length;
  }

  u32(value: number): void {
    const part = Buffer.alloc(4);
    part.writeUInt32LE(value);
    this.push(part);
  }

  u64(value: number): void {
    const part = Buffer.alloc(8);
    part.writeBigUInt64LE(BigInt(value));
    this.push(part);
  }

  string(text: string): void {
    const raw = Buffer.from(text, 'utf8');
    this.u64(raw.length);
    this.push(raw);
  }

  pad(): void {
    const missing = (ALIGNMENT - (this.length % ALIGNMENT)) % ALIGNMENT;
    if (missing > 0) this.push(Buffer.alloc(missing));
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function numbers(kind: 'f32' | 'i32', values: readonly number[]): Buffer {
  const part = Buffer.alloc(values.length * 4);
  for (const [index, value] of values.entries()) {
    if (kind === 'f32') part.writeFloatLE(value, index * 4);
    else part.writeInt32LE(value, index * 4);
  }
  return part;
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      sink.u32(TYPE.u32);
      sink.u32(value.value);
      return;
    case 'i32':
      sink.u32(TYPE.i32);
      sink.push(numbers('i32', [value.value]));
      return;
    case 'f32':
      sink.u32(TYPE.f32);
      sink.push(numbers('f32', [value.value]));
      return;
    case 'bool':
      sink.u32(TYPE.bool);
      sink.push(Buffer.from([value.value ? 1 : 0]));
      return;
    case 'string':
      sink.u32(TYPE.string);
      sink.string(value.value);
      return;
    case 'strings':
      sink.u32(TYPE.array);
      sink.u32(TYPE.string);
      sink.u64(value.value.length);
      for (const item of value.value) sink.string(item);
      return;
    case 'f32s':
    case 'i32s':
      sink.u32(TYPE.array);
      sink.u32(value.type === 'f32s' ? TYPE.f32 : TYPE.i32);
      sink.u64(value.value.length);
      sink.push(numbers(value.type === 'f32s' ? 'f32' : 'i32', value.value));
      return;
  }
}

/** The bytes of a GGUF file holding the metadata and F32 tensors, in the given order. */
export function encodeGguf(
  metadata: Readonly<Record<string, GgufValue>>,
  tensors: readonly GgufTensor[],
): Buffer {
  const sink = new ByteSink();
  sink.push(Buffer.from('GGUF', 'latin1'));
  sink.u32(3);
  sink.u64(tensors.length);
  sink.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    sink.string(key);
    writeValue(sink, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    sink.string(tensor.name);
    sink.u32(tensor.shape.length);
    for (const dimension of [...tensor.shape].reverse()) sink.u64(dimension);
    sink.u32(0); // F32
    sink.u64(offset);
    offset += tensor.data.length * 4;
    offset += (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
  }
  sink.pad();
  for (const tensor of tensors) {
    sink.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    sink.pad();
  }
  return sink.bytes();
}

export async function writeGguf(
  path: string,
  metadata: Readonly<Record<string, GgufValue>>,
  tensors: readonly GgufTensor[],
  options: CallOptions = {},
): Promise<void> {
  throwIfAborted(options.signal);
  await writeFile(path, encodeGguf(metadata, tensors), options.signal ? { signal: options.signal } : {});
}
