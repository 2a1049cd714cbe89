import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AgentWorldError } from '../../core/errors.js';
import { canonicalJson, contentHash, sha256 } from '../../core/hash.js';
import { parseWith } from '../../core/validation.js';
import { type RunManifest, RunManifestSchema, rowKey } from '../schemas.js';

/** Where a result file's manifest lives: `<file>.manifest.json`. */
export function manifestPath(resultPath: string): string {
  return `${resultPath}.manifest.json`;
}

/**
 * A hash of rows (their keys and contents, in key order). Runs hash every valid row their sources hold, before
 * `--domains`, `--limit` and `--shard` select, so shards and differently limited runs of one data set share a
 * result file while a changed data set does not.
 */
export function rowsHash(
  rows: ReadonlyArray<{ readonly task: string; readonly id: number; readonly turn_idx: number }>,
): string {
  const entries = rows.map((row) => `${rowKey(row)} ${contentHash(row)}`).sort();
  return sha256(entries.join('\n'));
}

/**
 * The parts of a manifest that change the answers: what two runs must share to write to one file. Left out:
 * when and by which version it was created, where the data was read from (paths differ between machines; the
 * rows' hash does not), the servers' URLs and where judge prompts came from (their hashes are compared).
 */
function answerDefining(manifest: RunManifest): Record<string, unknown> {
  const { baseUrl: _modelUrl, ...model } = manifest.model;
  const judge =
    manifest.judge === undefined
      ? undefined
      : {
          name: manifest.judge.name,
          parameters: manifest.judge.parameters,
          promptHashes: manifest.judge.promptHashes,
        };
  return {
    stage: manifest.stage,
    data: { rowsHash: manifest.data.rowsHash },
    model,
    ...(judge === undefined ? {} : { judge }),
  };
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : canonicalJson(value);
}

function collectDifferences(path: string, before: unknown, after: unknown, into: string[]): void {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys)
      collectDifferences(path === '' ? key : `${path}.${key}`, before[key], after[key], into);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) into.push(`${path}: ${show(before)} ≠ ${show(after)}`);
}

/** The answer-changing differences between two manifests, as `path: existing ≠ new` (empty when compatible). */
export function manifestDifferences(existing: RunManifest, proposed: RunManifest): string[] {
  const differences: string[] = [];
  collectDifferences('', answerDefining(existing), answerDefining(proposed), differences);
  return differences;
}

export async function readManifest(resultPath: string): Promise<RunManifest | undefined> {
  const path = manifestPath(resultPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return undefined;
    throw new AgentWorldError('STORE_ERROR', `Could not read ${path}: ${String(error)}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `${path} is not JSON: ${String(error)}`, { cause: error });
  }
  return parseWith(RunManifestSchema, value, 'INVALID_REQUEST', `run manifest ${path}`);
}

/** Writes the manifest beside the result file (temporary file, rename: never half-written). */
export async function writeManifest(resultPath: string, manifest: RunManifest): Promise<void> {
  const path = manifestPath(resultPath);
  const valid = parseWith(RunManifestSchema, manifest, 'INTERNAL', 'run manifest');
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { encoding: 'utf8', flush: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AgentWorldError('STORE_ERROR', `Could not write ${path}: ${String(error)}`, { cause: error });
  }
}

/**
 * Pins a run's manifest: writes it when the result file has none, keeps the existing one when it agrees in
 * everything that changes answers, and refuses (INVALID_REQUEST, the differences named) when it does not. A
 * result file that already holds lines but has no manifest is refused too: nothing says how they were made.
 */
export async function pinManifest(
  resultPath: string,
  proposed: RunManifest,
  resultFileHasLines: boolean,
): Promise<RunManifest> {
  const existing = await readManifest(resultPath);
  if (existing === undefined) {
    if (resultFileHasLines) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `${resultPath} already holds results but has no manifest (${manifestPath(resultPath)}); refusing to add rows that may have been produced differently. Write to a new file.`,
        { details: { file: resultPath } },
      );
    }
    await writeManifest(resultPath, proposed);
    return proposed;
  }
  const differences = manifestDifferences(existing, proposed);
  if (differences.length > 0) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${resultPath} was produced by a different run; refusing to mix results. Differences (existing ≠ this run): ${differences.join('; ')}`,
      { details: { file: resultPath, differences } },
    );
  }
  return existing;
}
