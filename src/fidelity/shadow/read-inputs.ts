import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { readSessions } from '../../export/read-sessions.js';
import { type InferLine, InferLineSchema } from '../schemas.js';
import { scoreInferLine, scoreShadowSession } from './collect.js';
import type { ScoredTurn } from './scored-turn.js';

export interface FidelityInputs {
  readonly turns: ScoredTurn[];
  /** Sessions holding at least one shadowed turn. */
  readonly sessions: number;
  readonly inferLines: number;
  /** Infer lines that were not infer lines (`file:line: why`), skipped. */
  readonly skipped: string[];
}

/**
 * Reads shadow sessions (session JSONL, `.gz` too) and `bench infer` output files and scores every shadowed turn
 * and infer line with the judge-free metrics. A damaged session line throws (INVALID_REQUEST naming file:line);
 * a damaged infer line is skipped and named in `skipped`.
 */
export async function readFidelityInputs(
  input: { readonly sessionFiles: readonly string[]; readonly inferFiles: readonly string[] },
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<FidelityInputs> {
  const turns: ScoredTurn[] = [];
  let sessions = 0;
  for await (const { record } of readSessions(input.sessionFiles)) {
    throwIfAborted(options.signal);
    const scored = scoreShadowSession(record);
    if (scored.length > 0) sessions++;
    turns.push(...scored);
  }
  let inferLines = 0;
  const skipped: string[] = [];
  for (const file of input.inferFiles) {
    for await (const entry of readInferLines(file)) {
      throwIfAborted(options.signal);
      if ('problem' in entry) {
        skipped.push(`${file}:${entry.line}: ${entry.problem}`);
        continue;
      }
      inferLines++;
      turns.push(scoreInferLine(entry.value));
    }
  }
  return { turns, sessions, inferLines, skipped };
}

async function* readInferLines(
  file: string,
): AsyncGenerator<{ line: number; value: InferLine } | { line: number; problem: string }> {
  const raw = createReadStream(file);
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  const lines = createInterface({ input: stream.setEncoding('utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        yield { line, problem: 'not JSON' };
        continue;
      }
      const parsed = InferLineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        yield {
          line,
          problem: `not an infer line (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
        };
        continue;
      }
      yield { line, value: parsed.data };
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new AgentWorldError(
      'INVALID_REQUEST',
      code === 'ENOENT' ? `Infer file not found: ${file}` : `Could not read ${file}: ${String(error)}`,
      { cause: error, details: { file } },
    );
  } finally {
    lines.close();
  }
}
