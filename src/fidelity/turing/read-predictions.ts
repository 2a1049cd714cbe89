/**
 * Reading a fidelity file (`bench infer` or `bench judge` output) for a later stage: every line that is an infer
 * or a judged line, the latest of each key; anything else is reported and skipped, so one bad line never stops
 * a run.
 */
import { readFile } from 'node:fs/promises';
import { AgentWorldError } from '../../core/errors.js';
import { issuesOf } from '../../core/validation.js';
import { type InferLine, InferLineSchema, type JudgedLine, JudgedLineSchema } from '../schemas.js';

export type PredictionLine = InferLine | JudgedLine;

export interface PredictionFile {
  /** The latest line of each key, in the order of those lines. */
  readonly lines: PredictionLine[];
  /** One message per skipped line (file:line: why). */
  readonly skipped: string[];
  /** Lines whose key appeared before (the later line wins). */
  readonly duplicates: number;
}

function parse(value: unknown): { ok: true; line: PredictionLine } | { ok: false; reason: string } {
  const schema =
    value !== null &&
    typeof value === 'object' &&
    (value as { format?: unknown }).format === 'agentworld.bench.judged'
      ? JudgedLineSchema
      : InferLineSchema;
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, line: result.data };
  const first = issuesOf(result.error)[0];
  return { ok: false, reason: `invalid at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}` };
}

export async function readPredictionFile(path: string): Promise<PredictionFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new AgentWorldError(
      code === 'ENOENT' ? 'INVALID_REQUEST' : 'STORE_ERROR',
      code === 'ENOENT' ? `No such file: ${path}` : `Could not read ${path}: ${String(error)}`,
      { cause: error },
    );
  }
  const latest = new Map<string, PredictionLine>();
  const skipped: string[] = [];
  let duplicates = 0;
  const rawLines = text.split('\n');
  rawLines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      skipped.push(`${path}:${index + 1}: not JSON (${(error as Error).message})`);
      return;
    }
    const parsed = parse(value);
    if (!parsed.ok) {
      skipped.push(`${path}:${index + 1}: not an infer or judged line (${parsed.reason})`);
      return;
    }
    if (latest.has(parsed.line.key)) {
      duplicates += 1;
      latest.delete(parsed.line.key);
    }
    latest.set(parsed.line.key, parsed.line);
  });
  return { lines: [...latest.values()], skipped, duplicates };
}
