/**
 * Reading the files `bench score` is given: infer files (judge-free columns only) or judged files, one or
 * several (shards). Lines that are neither are reported and skipped; within a file the latest line of a key
 * wins (a resumed run's rerun), across files a repeated key is counted. Files whose manifests differ in anything
 * that changes the answers (model, judge, prompts, data) are refused, the difference named.
 */
import type { CallOptions } from '../../core/abort.js';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import {
  benchFileLines,
  PREDICTION_LINE_SCHEMAS,
  type PredictionLine,
  readBenchFile,
} from '../bench-lines.js';
import { manifestDifferences, readManifest } from '../run/manifest.js';
import type { RunManifest } from '../schemas.js';
import type { ScoreInput } from './score-report.js';

export interface ReadScoreInput extends ScoreInput {
  readonly warnings: readonly string[];
}

const MAX_WARNINGS_PER_FILE = 5;

export async function readScoreInput(
  files: readonly string[],
  options: CallOptions = {},
): Promise<ReadScoreInput> {
  const latest = new Map<string, { line: PredictionLine; file: string }>();
  const warnings: string[] = [];
  const manifests: Array<{ file: string; manifest: RunManifest }> = [];
  let skipped = 0;
  let duplicates = 0;
  for (const file of files) {
    throwIfAborted(options.signal);
    const text = await readBenchFile(file);
    const manifest = await readManifest(file);
    if (manifest !== undefined) {
      const first = manifests[0];
      const differences = first === undefined ? [] : manifestDifferences(first.manifest, manifest);
      if (first !== undefined && differences.length > 0) {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          `${file} was produced by a different run than ${first.file}; refusing to score them together. Differences (${first.file} ≠ ${file}): ${differences.join('; ')}`,
          { details: { differences } },
        );
      }
      manifests.push({ file, manifest });
    }
    const seenHere = new Set<string>();
    let fileWarnings = 0;
    for (const entry of benchFileLines(text, PREDICTION_LINE_SCHEMAS, 'a bench infer or judge line')) {
      if ('skipped' in entry) {
        skipped += 1;
        if (fileWarnings < MAX_WARNINGS_PER_FILE)
          warnings.push(`${file}:${entry.number}: skipped: ${entry.skipped}`);
        fileWarnings += 1;
        continue;
      }
      const parsed = entry.line;
      const previous = latest.get(parsed.key);
      if (previous !== undefined && previous.file !== file && !seenHere.has(parsed.key)) duplicates += 1;
      seenHere.add(parsed.key);
      latest.delete(parsed.key);
      latest.set(parsed.key, { line: parsed, file });
    }
    if (fileWarnings > MAX_WARNINGS_PER_FILE)
      warnings.push(`${file}: ${fileWarnings - MAX_WARNINGS_PER_FILE} more lines skipped`);
  }
  return {
    sources: [...files],
    lines: [...latest.values()].map((entry) => entry.line),
    manifests: manifests.map((entry) => entry.manifest),
    skipped,
    duplicates,
    warnings,
  };
}
