/**
 * The predictions `bench judge` reads: a `bench infer` file, or the reference's own `predictions.jsonl`
 * (`eval.py infer`: every dataset field plus `gen`), so a run made with the official script can be judged here.
 * Reference lines become infer lines: the prediction extracted as the reference extracts it, an empty `gen`
 * marked failed (no generation), and the judge-free metrics computed. A reference line that is not a valid
 * dataset row is reported and skipped.
 */
import { readFile } from 'node:fs/promises';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { benchmarkObservation } from '../../engines/lwm/extract.js';
import { INFER_LINE_LOG_FORMAT } from '../infer/run-infer.js';
import { judgeFreeMetrics } from '../metrics/index.js';
import { readResultLog } from '../run/result-log.js';
import { BenchRowSchema, INFER_LINE_FORMAT, type InferLine, rowKey } from '../schemas.js';

export interface Predictions {
  readonly lines: InferLine[];
  readonly warnings: string[];
  /** Whether the file was the reference's `predictions.jsonl`. */
  readonly reference: boolean;
}

function firstLine(text: string): unknown {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '');
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function referenceLine(value: unknown): InferLine | string {
  if (value === null || typeof value !== 'object') return 'not a JSON object';
  const fields = value as Record<string, unknown>;
  if (typeof fields.gen !== 'string') return 'no "gen" string';
  const picked = Object.fromEntries(Object.keys(BenchRowSchema.shape).map((name) => [name, fields[name]]));
  const parsed = BenchRowSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `not a dataset row (${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'})`;
  }
  const row = parsed.data;
  const gen = fields.gen;
  const failed = gen === '';
  const prediction = failed ? '' : benchmarkObservation(gen);
  return {
    ...row,
    format: INFER_LINE_FORMAT,
    version: 1,
    key: rowKey(row),
    gen,
    prediction,
    failed,
    ...(failed
      ? { error: { code: 'NO_GENERATION', message: 'No model generation', retryable: false } }
      : { metrics: judgeFreeMetrics(row, prediction) }),
    latencyMs: 0,
    attempts: 1,
    finishedAt: 'eval.py',
  };
}

async function readReference(path: string, text: string): Promise<Predictions> {
  const latest = new Map<string, InferLine>();
  const warnings: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] as string).trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      warnings.push(`${path}:${index + 1}: skipped: not JSON (${String(error)})`);
      continue;
    }
    const line = referenceLine(value);
    if (typeof line === 'string') warnings.push(`${path}:${index + 1}: skipped: ${line}`);
    else {
      latest.delete(line.key);
      latest.set(line.key, line);
    }
  }
  return { lines: [...latest.values()], warnings, reference: true };
}

export async function readPredictions(path: string, options: CallOptions = {}): Promise<Predictions> {
  throwIfAborted(options.signal);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `Could not read --predictions ${path}: ${String(error)}`, {
      cause: error,
    });
  }
  const first = firstLine(text) as { format?: unknown; gen?: unknown } | undefined;
  if (first !== undefined && first.format === undefined && typeof first.gen === 'string')
    return readReference(path, text);
  const contents = await readResultLog(path, INFER_LINE_LOG_FORMAT, options);
  return { lines: contents.lines, warnings: contents.warnings, reference: false };
}
