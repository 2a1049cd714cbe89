/**
 * Writes one corpus part as gzip-compressed JSONL (one SessionRecord per line). Node's gzip header carries no
 * time or file name, so the same records give the same bytes.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SessionRecord } from '../../src/core/turn.js';

export function writeCorpusPart(path: string, records: readonly SessionRecord[]): number {
  const text = `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
  const bytes = gzipSync(text, { level: 9 });
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
  return bytes.length;
}
