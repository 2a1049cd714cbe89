/**
 * What `bench report` reads: any mix of infer, judged and turing files. Every line is sorted by its format; a
 * key seen again replaces the earlier line (a judged file given after its infer file wins). Lines that are none
 * of these are reported and skipped. Each file's manifest (`<file>.manifest.json`) is read when present.
 */
import {
  benchFileLines,
  PREDICTION_LINE_SCHEMAS,
  type PredictionLine,
  readBenchFile,
} from '../bench-lines.js';
import { readManifest } from '../run/index.js';
import type { RunManifest } from '../schemas.js';
import { readTuringManifest } from '../turing/manifest.js';
import {
  TURING_LINE_FORMAT,
  type TuringLine,
  TuringLineSchema,
  type TuringManifest,
} from '../turing/schemas.js';

export type { PredictionLine } from '../bench-lines.js';

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

const SCHEMAS = { ...PREDICTION_LINE_SCHEMAS, [TURING_LINE_FORMAT]: TuringLineSchema } as const;

export async function readReportInputs(paths: readonly string[]): Promise<ReportInputs> {
  const lines = new Map<string, PredictionLine>();
  const turing = new Map<string, TuringLine>();
  const manifests: RunManifest[] = [];
  const turingManifests: TuringManifest[] = [];
  const warnings: string[] = [];
  let skipped = 0;
  let duplicates = 0;
  for (const path of paths) {
    const text = await readBenchFile(path);
    for (const entry of benchFileLines(text, SCHEMAS, 'an infer, judged or turing line')) {
      if ('skipped' in entry) {
        skipped += 1;
        warnings.push(`${path}:${entry.number}: ${entry.skipped}`);
        continue;
      }
      const line = entry.line;
      const target: Map<string, PredictionLine | TuringLine> =
        line.format === TURING_LINE_FORMAT ? turing : lines;
      if (target.has(line.key)) {
        duplicates += 1;
        target.delete(line.key);
      }
      target.set(line.key, line);
    }
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
