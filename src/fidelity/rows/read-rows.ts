import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { issuesOf } from '../../core/validation.js';
import { type BenchRow, BenchRowSchema, rowKey } from '../schemas.js';

/** One row read from a data file, with where it came from. */
export interface SourcedRow {
  readonly row: BenchRow;
  readonly key: string;
  /** `file:line`, for messages. */
  readonly origin: string;
}

/** A line that could not be used, and why (reported and skipped; the run goes on). */
export interface RejectedRow {
  readonly origin: string;
  readonly reason: string;
}

export interface LoadedRows {
  /** The data files read, in reading order. */
  readonly files: string[];
  readonly rows: SourcedRow[];
  readonly rejected: RejectedRow[];
}

/** `something/domain` → `domain`, as the reference reads `task`; a missing task is `mcp` there too. */
export function normaliseTask(task: unknown): unknown {
  if (task === undefined) return 'mcp';
  if (typeof task !== 'string') return task;
  const segments = task.split('/');
  return segments[segments.length - 1] ?? task;
}

/**
 * The dataset's row fields, read leniently: fields beyond the eight are dropped (the dataset may grow some), and
 * `task` is normalised as the reference does. Everything else must be there and well-typed.
 */
const LenientRowSchema = z
  .object({
    task: z.unknown(),
    id: z.unknown(),
    prompt: z.unknown(),
    response: z.unknown(),
    current_prompt: z.unknown(),
    system_str: z.unknown(),
    turn_idx: z.unknown(),
    total_turns: z.unknown(),
  })
  .transform((fields) => ({ ...fields, task: normaliseTask(fields.task) }))
  .pipe(BenchRowSchema);

/** Parses one line into a row, or says why it is not one. */
export function parseBenchRow(text: string): { ok: true; row: BenchRow } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: 'not a JSON object' };
  if (!('turn_idx' in value)) return { ok: false, reason: 'missing turn_idx' };
  const parsed = LenientRowSchema.safeParse(value);
  if (!parsed.success) {
    const first = issuesOf(parsed.error)[0];
    return { ok: false, reason: `invalid ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}` };
  }
  const row = parsed.data;
  if (row.prompt.length < row.turn_idx)
    return {
      ok: false,
      reason: `turn_idx ${row.turn_idx} out of range: prompt has ${row.prompt.length} element(s)`,
    };
  if (row.response.length < row.turn_idx)
    return {
      ok: false,
      reason: `turn_idx ${row.turn_idx} out of range: response has ${row.response.length} element(s) (the evaluated turn's ground truth is missing)`,
    };
  return { ok: true, row };
}

/**
 * The data files of a `--data` argument: a directory's `*_test.jsonl` in sorted file-name order (as eval.py
 * loads them), or the one file given (JSONL, optionally gzipped).
 */
export async function dataFiles(data: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(data);
  } catch {
    throw new AgentWorldError('INVALID_REQUEST', `--data ${data}: no such file or directory.`);
  }
  if (!info.isDirectory()) return [data];
  const names = (await readdir(data)).filter((name) => name.endsWith('_test.jsonl')).sort();
  if (names.length === 0) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `--data ${data}: the directory holds no *_test.jsonl files (AgentWorldBench names them {domain}_test.jsonl).`,
    );
  }
  return names.map((name) => join(data, name));
}

/**
 * Reads every row of the data files. Bad lines (not JSON, a missing field, a missing `turn_idx`, an index out of
 * range) and repeated keys (the first occurrence is kept) are reported with file:line and skipped.
 */
export async function loadRows(data: readonly string[], options: CallOptions = {}): Promise<LoadedRows> {
  const files: string[] = [];
  for (const source of data) files.push(...(await dataFiles(source)));
  const rows: SourcedRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    throwIfAborted(options.signal);
    const input = createReadStream(file);
    const lines = createInterface({
      input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let lineNumber = 0;
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      const origin = `${file}:${lineNumber}`;
      const parsed = parseBenchRow(text);
      if (!parsed.ok) {
        rejected.push({ origin, reason: parsed.reason });
        continue;
      }
      const key = rowKey(parsed.row);
      const first = seen.get(key);
      if (first !== undefined) {
        rejected.push({ origin, reason: `duplicate key ${key} (first at ${first})` });
        continue;
      }
      seen.set(key, origin);
      rows.push({ row: parsed.row, key, origin });
    }
  }
  return { files, rows, rejected };
}
