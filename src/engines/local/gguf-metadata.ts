import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type EmbeddedModelLayout, recognizeModelLayout } from './model-layout.js';

/**
 * Reads the string values of a GGUF file's metadata without llama.cpp (the command line picks its default engine
 * from a model file's layout before deciding to load node-llama-cpp). Only the header is read, in chunks.
 */

const MAGIC = 0x46554747; // "GGUF", little-endian
const CHUNK = 64 * 1024;
const MAX_STRING = 16 * 1024 * 1024;
const MAX_ENTRIES = 1_000_000;
/** Byte sizes of the fixed-size value types (by GGUF type id); 8 is string, 9 array. */
const FIXED_SIZES: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const STRING = 8;
const ARRAY = 9;

class FileCursor {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;
  position = 0;

  constructor(
    private readonly descriptor: number,
    private readonly size: number,
  ) {}

  private window(length: number): Buffer {
    if (this.position + length > this.size) throw new Error('the file ends inside its metadata');
    const offset = this.position - this.bufferStart;
    if (offset < 0 || offset + length > this.buffer.length) {
      this.buffer = Buffer.alloc(Math.min(Math.max(length, CHUNK), this.size - this.position));
      readSync(this.descriptor, this.buffer, 0, this.buffer.length, this.position);
      this.bufferStart = this.position;
    }
    const start = this.position - this.bufferStart;
    this.position += length;
    return this.buffer.subarray(start, start + length);
  }

  u32(): number {
    return this.window(4).readUInt32LE(0);
  }

  u64(): number {
    const value = this.window(8).readBigUInt64LE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a length beyond any file');
    return Number(value);
  }

  string(): string {
    const length = this.u64();
    if (length > MAX_STRING) throw new Error(`a string of ${length} bytes`);
    return this.window(length).toString('utf8');
  }

  skip(length: number): void {
    if (this.position + length > this.size) throw new Error('the file ends inside its metadata');
    this.position += length;
  }
}

/** Reads one value: strings are returned, everything else is skipped. */
function readValue(cursor: FileCursor, type: number): string | undefined {
  if (type === STRING) return cursor.string();
  if (type === ARRAY) {
    const elementType = cursor.u32();
    const count = cursor.u64();
    const size = FIXED_SIZES[elementType];
    if (size !== undefined) cursor.skip(size * count);
    else for (let index = 0; index < count; index++) readValue(cursor, elementType);
    return undefined;
  }
  const size = FIXED_SIZES[type];
  if (size === undefined) throw new Error(`an unknown value type ${type}`);
  cursor.skip(size);
  return undefined;
}

/**
 * The string-valued metadata of a GGUF (version 2 or 3) file whose keys start with `prefix`, the prefix taken
 * off (`agentworld.layout` → `layout`). Throws an Error naming what is wrong for a file that is not GGUF.
 */
export function readGgufStrings(path: string, prefix: string): Record<string, string> {
  const descriptor = openSync(path, 'r');
  try {
    const cursor = new FileCursor(descriptor, fstatSync(descriptor).size);
    if (cursor.u32() !== MAGIC) throw new Error('not a GGUF file');
    const version = cursor.u32();
    if (version !== 2 && version !== 3) throw new Error(`GGUF version ${version}`);
    cursor.u64(); // tensor count
    const entries = cursor.u64();
    if (entries > MAX_ENTRIES) throw new Error(`${entries} metadata entries`);
    const found: Record<string, string> = {};
    for (let index = 0; index < entries; index++) {
      const key = cursor.string();
      const value = readValue(cursor, cursor.u32());
      if (value !== undefined && key.startsWith(prefix)) found[key.slice(prefix.length)] = value;
    }
    return found;
  } finally {
    closeSync(descriptor);
  }
}

/** The layout a model file declares (`agentworld.layout` and `agentworld.system_line`); undefined when unreadable. */
export function readModelFileLayout(path: string): EmbeddedModelLayout | undefined {
  try {
    return recognizeModelLayout(readGgufStrings(path, 'agentworld.'));
  } catch {
    return undefined;
  }
}
