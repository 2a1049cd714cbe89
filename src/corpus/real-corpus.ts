import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import { parseWith } from '../core/validation.js';
import { readSessionFile } from '../session/session-file.js';

/**
 * The real corpus: sessions recorded by the project's scripted agents against the real engines
 * (`npm run corpus:real`, scripts/record-corpus/), one gzip-compressed JSONL file per part with a manifest.
 */
export function realCorpusDirectory(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', 'real');
}

export const RealCorpusPartSchema = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sessions: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  /** Sessions per task family. */
  families: z.record(z.string(), z.number().int().nonnegative()),
  /** Domain checks that failed on a real observation when it was recorded (`session turn N: check: message`). */
  failedChecks: z.array(z.string()),
  /** The real tools behind the part, with their versions. */
  tools: z.record(z.string(), z.string()),
});
export type RealCorpusPart = z.infer<typeof RealCorpusPartSchema>;

export const RealCorpusManifestSchema = z.object({
  format: z.literal('agentworld.real-corpus'),
  version: z.literal(1),
  generator: z.string(),
  sessions: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  parts: z.record(z.string(), RealCorpusPartSchema),
});
export type RealCorpusManifest = z.infer<typeof RealCorpusManifestSchema>;

/** Reads and validates the corpus manifest (`corpus/real/manifest.json` unless another directory is given). */
export async function readRealCorpusManifest(
  directory: string = realCorpusDirectory(),
  options: CallOptions = {},
): Promise<RealCorpusManifest> {
  throwIfAborted(options.signal);
  const path = join(directory, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `The real corpus has no readable manifest at ${path}.`, {
      cause: error,
      details: { file: path },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `${path}: not JSON.`, {
      cause: error,
      details: { file: path },
    });
  }
  return parseWith(RealCorpusManifestSchema, value, 'INVALID_REQUEST', path);
}

export interface ReadRealCorpusOptions extends CallOptions {
  /** Only these parts (e.g. `terminal`, `web-browsergym`); default all. */
  readonly parts?: readonly string[] | undefined;
  readonly directory?: string | undefined;
}

/** The sessions of the real corpus, part by part in the manifest's order. */
export async function readRealCorpus(options: ReadRealCorpusOptions = {}): Promise<SessionRecord[]> {
  const directory = options.directory ?? realCorpusDirectory();
  const manifest = await readRealCorpusManifest(directory, options);
  const unknown = (options.parts ?? []).filter((name) => manifest.parts[name] === undefined);
  if (unknown.length > 0) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `The real corpus has no part ${unknown.join(', ')} (parts: ${Object.keys(manifest.parts).join(', ')}).`,
    );
  }
  const records: SessionRecord[] = [];
  for (const [name, part] of Object.entries(manifest.parts)) {
    if (options.parts !== undefined && !options.parts.includes(name)) continue;
    records.push(...(await readSessionFile(join(directory, part.file), options)));
  }
  return records;
}
