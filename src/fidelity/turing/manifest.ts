/**
 * The turing run's manifest (`<out>.manifest.json`): written on the first run, and a resumed run that would ask
 * a different judge, with different parameters, another question or another A/B order is refused, the
 * differences named.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AgentWorldError } from '../../core/errors.js';
import { canonicalJson } from '../../core/hash.js';
import { parseWith } from '../../core/validation.js';
import { manifestPath } from '../run/index.js';
import { type TuringManifest, TuringManifestSchema } from './schemas.js';

/** What two runs must share to write to one file (paths, URLs, dates and versions may differ). */
function answerDefining(manifest: TuringManifest): Record<string, unknown> {
  return {
    seed: manifest.seed,
    judge: {
      name: manifest.judge.name,
      parameters: manifest.judge.parameters,
      promptHashes: manifest.judge.promptHashes,
    },
    model: manifest.model ?? null,
  };
}

export function turingManifestDifferences(existing: TuringManifest, proposed: TuringManifest): string[] {
  const before = answerDefining(existing);
  const after = answerDefining(proposed);
  const differences: string[] = [];
  const walk = (path: string, left: unknown, right: unknown): void => {
    const isObject = (value: unknown): value is Record<string, unknown> =>
      value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isObject(left) && isObject(right)) {
      for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
        walk(path === '' ? key : `${path}.${key}`, left[key], right[key]);
      }
      return;
    }
    if (canonicalJson(left) !== canonicalJson(right)) {
      differences.push(
        `${path}: ${canonicalJson(left) ?? '(absent)'} ≠ ${canonicalJson(right) ?? '(absent)'}`,
      );
    }
  };
  walk('', before, after);
  return differences;
}

export async function readTuringManifest(resultPath: string): Promise<TuringManifest | undefined> {
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
  return parseWith(TuringManifestSchema, value, 'INVALID_REQUEST', `turing manifest ${path}`);
}

async function writeTuringManifest(resultPath: string, manifest: TuringManifest): Promise<void> {
  const path = manifestPath(resultPath);
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { encoding: 'utf8', flush: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AgentWorldError('STORE_ERROR', `Could not write ${path}: ${String(error)}`, { cause: error });
  }
}

/** Writes the manifest, keeps an agreeing one, refuses a differing one (or lines without any manifest). */
export async function pinTuringManifest(
  resultPath: string,
  proposed: TuringManifest,
  resultFileHasLines: boolean,
): Promise<TuringManifest> {
  const existing = await readTuringManifest(resultPath);
  if (existing === undefined) {
    if (resultFileHasLines) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `${resultPath} already holds verdicts but has no manifest (${manifestPath(resultPath)}); write to a new file.`,
        { details: { file: resultPath } },
      );
    }
    await writeTuringManifest(resultPath, proposed);
    return proposed;
  }
  const differences = turingManifestDifferences(existing, proposed);
  if (differences.length > 0) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${resultPath} was produced by a different turing run; refusing to mix verdicts. Differences (existing ≠ this run): ${differences.join('; ')}`,
      { details: { file: resultPath, differences } },
    );
  }
  return existing;
}
