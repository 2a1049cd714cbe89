import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError, toAgentWorldError } from '../core/errors.js';
import { issuesOf } from '../core/validation.js';
import { type EpisodeLine, EpisodeLineSchema, episodeKey } from './types.js';

/*
 * A rollout's output: JSONL, one finished episode per line, appended and fsynced before the episode is reported
 * done (lines finished at the same time share one write and one fsync). A crash (kill -9) leaves at most one
 * torn line, at the end: reopening the file warns, cuts it off, and that episode runs again. Resume skips every key (task id, episode index, member)
 * already scored, so no scored episode is ever written twice. An episode committed as an infrastructure failure
 * (never scored) runs again on resume: its old line stays in the file as history, and every reader takes the
 * latest line of each key.
 */

/**
 * Reads a rollout output's committed episodes, the latest line of each key, in the order of those lines (a torn
 * last line is skipped with a warning, not cut).
 */
export async function readEpisodeLog(
  path: string,
  options: CallOptions = {},
): Promise<{ readonly episodes: EpisodeLine[]; readonly warnings: string[] }> {
  const scanned = await scan(path, options);
  return { episodes: scanned.episodes, warnings: scanned.warnings };
}

interface Scan {
  readonly episodes: EpisodeLine[];
  readonly warnings: string[];
  /** Byte length of the file's intact part (everything before a torn last line). */
  readonly intactBytes: number;
  readonly totalBytes: number;
}

async function scan(path: string, options: CallOptions): Promise<Scan> {
  throwIfAborted(options.signal);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT')
      return { episodes: [], warnings: [], intactBytes: 0, totalBytes: 0 };
    throw storeError('read', path, error);
  }
  const lines: { readonly line: EpisodeLine; readonly lineNumber: number }[] = [];
  const warnings: string[] = [];
  let start = 0;
  let lineNumber = 0;
  let intactBytes = bytes.length;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNumber += 1;
    const text = bytes.subarray(start, end).toString('utf8').replace(/\r$/, '');
    const next = newline === -1 ? bytes.length : newline + 1;
    if (text.trim() !== '') {
      const parsed = parseLine(text);
      if (!parsed.ok) {
        const isLast = bytes.subarray(next).toString('utf8').trim() === '';
        if (!isLast) {
          throw new AgentWorldError(
            'INVALID_REQUEST',
            `${path}:${lineNumber}: not an episode line (${parsed.reason}); only a torn last line is tolerated.`,
            { details: { file: path, line: lineNumber } },
          );
        }
        warnings.push(
          `${path}:${lineNumber}: torn last line ignored (${parsed.reason}); its episode runs again`,
        );
        intactBytes = start;
        break;
      }
      lines.push({ line: parsed.line, lineNumber });
    }
    start = next;
  }
  // A last line without its newline is not committed: the append that wrote it did not finish.
  const unfinished =
    bytes
      .subarray(bytes.lastIndexOf(0x0a) + 1)
      .toString('utf8')
      .trim() !== '';
  if (intactBytes === bytes.length && unfinished && lines.length > 0) {
    const last = lines.pop()?.line as EpisodeLine;
    warnings.push(`${path}: last line has no newline; episode ${episodeKey(last)} runs again`);
    intactBytes = bytes.lastIndexOf(0x0a) + 1;
  }
  return { episodes: latestPerKey(path, lines, warnings), warnings, intactBytes, totalBytes: bytes.length };
}

/**
 * The latest line of each key, in the order of those lines. A line may follow an infrastructure line of its key
 * (the episode ran again on resume); a line after a scored line of its key is not written by a rollout: it is
 * kept too, with a warning.
 */
function latestPerKey(
  path: string,
  lines: readonly { readonly line: EpisodeLine; readonly lineNumber: number }[],
  warnings: string[],
): EpisodeLine[] {
  const latest = new Map<string, EpisodeLine>();
  for (const { line, lineNumber } of lines) {
    const key = episodeKey(line);
    const earlier = latest.get(key);
    if (earlier !== undefined) {
      if (earlier.blame !== 'infrastructure')
        warnings.push(`${path}:${lineNumber}: scored episode ${key} appears again; the latest line is kept`);
      latest.delete(key);
    }
    latest.set(key, line);
  }
  return [...latest.values()];
}

function parseLine(text: string): { ok: true; line: EpisodeLine } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const result = EpisodeLineSchema.safeParse(value);
  if (result.success) return { ok: true, line: result.data };
  const first = issuesOf(result.error)[0];
  return { ok: false, reason: `invalid at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}` };
}

/** A line waiting for the next write: it is reported committed once that write is on disk. */
interface PendingLine {
  readonly line: EpisodeLine;
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * An open rollout output: what is already committed, and an append that commits one more episode. Appends are
 * group-committed: the lines that arrive while a write and its fsync are under way go out together in the next
 * write and fsync, so 256 episodes finishing at once cost a few fsyncs, not 256 in a row. Each append resolves
 * once its own line is on disk.
 */
export class EpisodeLog {
  #pending: PendingLine[] = [];
  #flushing: Promise<void> | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly committed: ReadonlyMap<string, EpisodeLine>,
    readonly warnings: readonly string[],
  ) {}

  /** Opens (creating) the output, cutting off a torn last line so the next append starts on a fresh line. */
  static async open(path: string, options: CallOptions = {}): Promise<EpisodeLog> {
    const scanned = await scan(path, options);
    try {
      await mkdir(dirname(path), { recursive: true });
      if (scanned.intactBytes < scanned.totalBytes) await truncate(path, scanned.intactBytes);
      const handle = await open(path, 'a');
      const committed = new Map(scanned.episodes.map((line) => [episodeKey(line), line]));
      return new EpisodeLog(path, handle, committed, scanned.warnings);
    } catch (error) {
      throw storeError('open', path, error);
    }
  }

  has(key: string): boolean {
    return this.committed.has(key);
  }

  /** Whether the key's latest line is scored (not an infrastructure failure): resume skips it. */
  isDone(key: string): boolean {
    const line = this.committed.get(key);
    return line !== undefined && line.blame !== 'infrastructure';
  }

  /** Appends one episode as one line and flushes it to disk; resolves once the line is on disk. */
  append(line: EpisodeLine): Promise<void> {
    const parsed = EpisodeLineSchema.safeParse(line);
    if (!parsed.success) {
      const first = issuesOf(parsed.error)[0];
      return Promise.reject(
        new AgentWorldError(
          'INTERNAL',
          `Refusing to write an invalid episode line to ${this.path}: ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}`,
        ),
      );
    }
    const text = `${JSON.stringify(line)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ line, text, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Writes and fsyncs the waiting lines, batch after batch, until none is left. */
  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.handle.appendFile(batch.map((pending) => pending.text).join(''), 'utf8');
        await this.handle.sync();
      } catch (error) {
        const failure = storeError('append to', this.path, error);
        for (const pending of batch) pending.reject(failure);
        continue;
      }
      const committed = this.committed as Map<string, EpisodeLine>;
      for (const pending of batch) {
        // The latest line of a key counts (an infrastructure line is replaced by its rerun), in file order.
        const key = episodeKey(pending.line);
        committed.delete(key);
        committed.set(key, pending.line);
        pending.resolve();
      }
    }
    this.#flushing = undefined;
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.handle.close();
  }
}

function storeError(verb: string, path: string, error: unknown): AgentWorldError {
  if (error instanceof AgentWorldError) return error;
  const converted = toAgentWorldError(error, 'STORE_ERROR');
  return new AgentWorldError('STORE_ERROR', `Could not ${verb} ${path}: ${converted.message}`, {
    cause: error,
    details: { file: path },
  });
}
