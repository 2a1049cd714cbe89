/**
 * What `bench report` reads: any mix of infer, judged and turing files. Every line is sorted by its format; a
 * key seen again replaces the earlier line (a judged file given after its infer file wins). Lines that are none
 * of these are reported and skipped. Each file's manifest (`<file>.manifest.json`) is read when present.
 */
import { readFile } from 'node:fs/promises';
import { AgentWorldError } from '../../core/errors.js';
import { issuesOf } from '../../core/validation.js';
import { readManifest } from '../run/index.js';
import {
  INFER_LINE_FORMAT,
  type InferLine,
  InferLineSchema,
  JUDGED_LINE_FORMAT,
  type JudgedLine,
  JudgedLineSchema,
  type RunManifest,
} from '../schemas.js';
import { readTuringManifest } from '../turing/manifest.js';
import {
  TURING_LINE_FORMAT,
  type TuringLine,
  TuringLineSchema,
  type TuringManifest,
} from '../turing/schemas.js';

/** A line of an infer or a judged file. */
export type PredictionLine = InferLine | JudgedLine;

export interface ReportInputs {
  readonly sources: readonly string[];
  /** Infer and judged lines, the latest of each key. */
  readonly lines: PredictionLine[];
  /** Turing verdicts, the latest of each key. */
  readonly turing: TuringLine[];
  readonly manifests: RunManifest[];
  readonly turingManifests: TuringManifest[];
  /** Lines skipped, manifests unreadable (file:line: why). */
  readonly warnings: string[];
  readonly skipped: number;
  readonly duplicates: number;
}

const SCHEMAS = {
  [INFER_LINE_FORMAT]: InferLineSchema,
  [JUDGED_LINE_FORMAT]: JudgedLineSchema,
  [TURING_LINE_FORMAT]: TuringLineSchema,
} as const;

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown } | null)?.code === 'ENOENT';
    throw new AgentWorldError(
      missing ? 'INVALID_REQUEST' : 'STORE_ERROR',
      missing ? `No such file: ${path}` : `Could not read ${path}: ${String(error)}`,
      { cause: error },
    );
  }
}

export async function readReportInputs(paths: readonly string[]): Promise<ReportInputs> {
  const lines = new Map<string, PredictionLine>();
  const turing = new Map<string, TuringLine>();
  const manifests: RunManifest[] = [];
  const turingManifests: TuringManifest[] = [];
  const warnings: string[] = [];
  let skipped = 0;
  let duplicates = 0;
  for (const path of paths) {
    const text = await readText(path);
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return;
      const where = `${path}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        skipped += 1;
        warnings.push(`${where}: not JSON (${(error as Error).message})`);
        return;
      }
      const format = (value as { format?: unknown } | null)?.format;
      const schema = typeof format === 'string' ? SCHEMAS[format as keyof typeof SCHEMAS] : undefined;
      if (schema === undefined) {
        skipped += 1;
        warnings.push(`${where}: not an infer, judged or turing line (format ${JSON.stringify(format)})`);
        return;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const first = issuesOf(parsed.error)[0];
        skipped += 1;
        warnings.push(`${where}: invalid at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}`);
        return;
      }
      const line = parsed.data;
      const target: Map<string, PredictionLine | TuringLine> =
        line.format === TURING_LINE_FORMAT ? turing : lines;
      if (target.has(line.key)) {
        duplicates += 1;
        target.delete(line.key);
      }
      target.set(line.key, line);
    });
    try {
      const manifest = await readManifest(path);
      if (manifest !== undefined) manifests.push(manifest);
    } catch {
      try {
        const manifest = await readTuringManifest(path);
        if (manifest !== undefined) turingManifests.push(manifest);
      } catch (error) {
        warnings.push(`${path}: its manifest could not be read (${(error as Error).message})`);
      }
    }
  }
  return {
    sources: [...paths],
    lines: [...lines.values()],
    turing: [...turing.values()],
    manifests,
    turingManifests,
    warnings,
    skipped,
    duplicates,
  };
}
