import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionRecord } from '../../core/turn.js';
import { benchRows } from '../../export/bench.js';
import { readSessions } from '../../export/read-sessions.js';
import type { BenchRow } from '../schemas.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A file of the real corpus (corpus/real) or of examples/sessions, by its path from the repository root. */
export function repoFile(path: string): string {
  return join(ROOT, path);
}

/** The first `limit` sessions of a session file. */
export async function readRecords(path: string, limit = Number.POSITIVE_INFINITY): Promise<SessionRecord[]> {
  const records: SessionRecord[] = [];
  for await (const { record } of readSessions([repoFile(path)])) {
    records.push(record);
    if (records.length >= limit) break;
  }
  return records;
}

/** Bench rows of every turn of the given sessions, each with its session. */
export function allRows(records: readonly SessionRecord[]): Array<{ record: SessionRecord; row: BenchRow }> {
  return records.flatMap((record) =>
    benchRows(
      record,
      record.turns.map((turn) => turn.index),
    ).map((row) => ({ record, row })),
  );
}

/** A row whose evaluated turn's ground truth is replaced (to build rows for hand-made cases). */
export function withPrevious(row: BenchRow): string {
  return row.turn_idx >= 2 ? (row.response[row.turn_idx - 2] ?? '') : '';
}
