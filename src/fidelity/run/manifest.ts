import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
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

/** One kind of manifest pinned beside a result file: its schema, what must agree, and the words its errors use. */
export interface ManifestKind<Schema extends z.ZodType> {
  readonly schema: Schema;
  /** Names it in validation errors, e.g. `run manifest`. */
  readonly label: string;
  /** The parts that change the answers: what two runs must share to write to one file. */
  readonly answerDefining: (manifest: z.infer<Schema>) => Record<string, unknown>;
  /** Why a result file with lines but no manifest is refused. */
  readonly refuseUnpinned: (resultPath: string, manifestFile: string) => string;
  /** Why a result file whose manifest differs is refused (the differences follow). */
  readonly refuseDifferent: (resultPath: string) => string;
}

/** Reads, writes, compares and pins one kind of manifest. */
export interface ManifestStore<Manifest> {
  read(resultPath: string): Promise<Manifest | undefined>;
  write(resultPath: string, manifest: Manifest): Promise<void>;
  /** The answer-changing differences, as `path: existing ≠ new` (empty when compatible). */
  differences(existing: Manifest, proposed: Manifest): string[];
  /**
   * Writes the manifest when the result file has none, keeps the existing one when it agrees in everything that
   * changes answers, and refuses (INVALID_REQUEST, the differences named) when it does not. A result file that
   * already holds lines but has no manifest is refused too: nothing says how they were made.
   */
  pin(resultPath: string, proposed: Manifest, resultFileHasLines: boolean): Promise<Manifest>;
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

export function manifestStore<Schema extends z.ZodType>(
  kind: ManifestKind<Schema>,
): ManifestStore<z.infer<Schema>> {
  type Manifest = z.infer<Schema>;
  const differences = (existing: Manifest, proposed: Manifest): string[] => {
    const found: string[] = [];
    collectDifferences('', kind.answerDefining(existing), kind.answerDefining(proposed), found);
    return found;
  };
  const read = async (resultPath: string): Promise<Manifest | undefined> => {
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
    return parseWith(kind.schema, value, 'INVALID_REQUEST', `${kind.label} ${path}`);
  };
  /** Writes the manifest beside the result file (temporary file, rename: never half-written). */
  const write = async (resultPath: string, manifest: Manifest): Promise<void> => {
    const path = manifestPath(resultPath);
    const valid = parseWith(kind.schema, manifest, 'INTERNAL', kind.label);
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
  };
  const pin = async (
    resultPath: string,
    proposed: Manifest,
    resultFileHasLines: boolean,
  ): Promise<Manifest> => {
    const existing = await read(resultPath);
    if (existing === undefined) {
      if (resultFileHasLines) {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          kind.refuseUnpinned(resultPath, manifestPath(resultPath)),
          { details: { file: resultPath } },
        );
      }
      await write(resultPath, proposed);
      return proposed;
    }
    const found = differences(existing, proposed);
    if (found.length > 0) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `${kind.refuseDifferent(resultPath)} Differences (existing ≠ this run): ${found.join('; ')}`,
        { details: { file: resultPath, differences: found } },
      );
    }
    return existing;
  };
  return { read, write, differences, pin };
}

/** The inference and judging runs' manifest. */
const runManifests = manifestStore({
  schema: RunManifestSchema,
  label: 'run manifest',
  answerDefining,
  refuseUnpinned: (resultPath, manifestFile) =>
    `${resultPath} already holds results but has no manifest (${manifestFile}); refusing to add rows that may have been produced differently. Write to a new file.`,
  refuseDifferent: (resultPath) => `${resultPath} was produced by a different run; refusing to mix results.`,
});

/** The answer-changing differences between two manifests, as `path: existing ≠ new` (empty when compatible). */
export const manifestDifferences: (existing: RunManifest, proposed: RunManifest) => string[] =
  runManifests.differences;
export const readManifest: (resultPath: string) => Promise<RunManifest | undefined> = runManifests.read;
/** Writes the manifest beside the result file (temporary file, rename: never half-written). */
export const writeManifest: (resultPath: string, manifest: RunManifest) => Promise<void> = runManifests.write;
/** Pins a run's manifest (see {@link ManifestStore.pin}). */
export const pinManifest: (
  resultPath: string,
  proposed: RunManifest,
  resultFileHasLines: boolean,
) => Promise<RunManifest> = runManifests.pin;
