import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { type CallOptions, throwIfAborted } from './abort.js';
import { AgentWorldError, toAgentWorldError } from './errors.js';
import { issuesOf } from './validation.js';

/*
 * An append-only result file (a fidelity stage's rows, a rollout's episodes): JSONL, one finished item per line,
 * appended and fsynced before the item counts as done (lines finished together share one write and one fsync).
 * A crash (kill -9) leaves at most one torn line, at the end: opening the file warns, cuts it off, and that item
 * runs again. Every reader takes the latest line of each key, so an item that was run again (a retryable failure
 * rerun on resume) replaces its earlier line; nothing done is ever run or written twice.
 */

export interface ResultLogFormat<T> {
  /** Validates every line read and every line appended. */
  readonly schema: z.ZodType<T>;
  /** The line's key (`rowKey`). */
  readonly key: (line: T) => string;
  /** What a line is called in messages (`bench infer line`, `episode line`). */
  readonly noun: string;
  /** What a line stands for, in `its … runs again` (default `row`). */
  readonly item?: string;
  /**
   * Why a line repeating an earlier line's key deserves a warning (`path:line: ` goes before it), or undefined
   * when it does not (the default: a rerun replaces its earlier line silently).
   */
  readonly repeatWarning?: (earlier: T, key: string) => string | undefined;
}

export interface ResultLogContents<T> {
  /** The latest line of each key, in the order of those lines. */
  readonly lines: T[];
  readonly warnings: string[];
}

interface Scan<T> extends ResultLogContents<T> {
  /** Byte length of the file's intact part (everything before a torn last line). */
  readonly intactBytes: number;
  readonly totalBytes: number;
}

/** Reads a result file's committed lines, the latest of each key (a torn last line is skipped with a warning). */
export async function readResultLog<T>(
  path: string,
  format: ResultLogFormat<T>,
  options: CallOptions = {},
): Promise<ResultLogContents<T>> {
  const scanned = await scan(path, format, options);
  return { lines: scanned.lines, warnings: scanned.warnings };
}

async function scan<T>(path: string, format: ResultLogFormat<T>, options: CallOptions): Promise<Scan<T>> {
  throwIfAborted(options.signal);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT')
      return { lines: [], warnings: [], intactBytes: 0, totalBytes: 0 };
    throw storeError('read', path, error);
  }
  const item = format.item ?? 'row';
  const parsedLines: { readonly line: T; readonly lineNumber: number }[] = [];
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
      const parsed = parseLine(text, format.schema);
      if (!parsed.ok) {
        const isLast = bytes.subarray(next).toString('utf8').trim() === '';
        if (!isLast) {
          throw new AgentWorldError(
            'INVALID_REQUEST',
            `${path}:${lineNumber}: not ${withArticle(format.noun)} (${parsed.reason}); only a torn last line is tolerated.`,
            { details: { file: path, line: lineNumber } },
          );
        }
        warnings.push(
          `${path}:${lineNumber}: torn last line ignored (${parsed.reason}); its ${item} runs again`,
        );
        intactBytes = start;
        break;
      }
      parsedLines.push({ line: parsed.line, lineNumber });
    }
    start = next;
  }
  // A last line without its newline is not committed: the append that wrote it did not finish.
  const unfinished =
    bytes
      .subarray(bytes.lastIndexOf(0x0a) + 1)
      .toString('utf8')
      .trim() !== '';
  if (intactBytes === bytes.length && unfinished && parsedLines.length > 0) {
    const last = parsedLines.pop()?.line as T;
    warnings.push(`${path}: last line has no newline; ${item} ${format.key(last)} runs again`);
    intactBytes = bytes.lastIndexOf(0x0a) + 1;
  }
  const lines = latestPerKey(path, parsedLines, format, warnings);
  return { lines, warnings, intactBytes, totalBytes: bytes.length };
}

/** `a noun`, or `an noun` before a vowel. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The latest line of each key, in the order of those lines; a repeat the format warns about is noted. */
function latestPerKey<T>(
  path: string,
  lines: readonly { readonly line: T; readonly lineNumber: number }[],
  format: ResultLogFormat<T>,
  warnings: string[],
): T[] {
  const latest = new Map<string, T>();
  for (const { line, lineNumber } of lines) {
    const key = format.key(line);
    const earlier = latest.get(key);
    if (earlier !== undefined) {
      const warning = format.repeatWarning?.(earlier, key);
      if (warning !== undefined) warnings.push(`${path}:${lineNumber}: ${warning}`);
      latest.delete(key);
    }
    latest.set(key, line);
  }
  return [...latest.values()];
}

function parseLine<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; line: T } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, line: result.data };
  const first = issuesOf(result.error)[0];
  return { ok: false, reason: `invalid at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}` };
}

interface PendingLine<T> {
  readonly line: T;
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * An open result file: what is already committed, and an append that commits one more row. Appends are
 * group-committed: lines arriving while a write and its fsync are under way go out together in the next write
 * and fsync. Each append resolves once its own line is on disk.
 */
export class ResultLog<T> {
  #pending: PendingLine<T>[] = [];
  #flushing: Promise<void> | undefined;
  readonly #committed: Map<string, T>;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly format: ResultLogFormat<T>,
    committed: Map<string, T>,
    readonly warnings: readonly string[],
  ) {
    this.#committed = committed;
  }

  /** Opens (creating) the file, cutting off a torn last line so the next append starts on a fresh line. */
  static async open<T>(
    path: string,
    format: ResultLogFormat<T>,
    options: CallOptions = {},
  ): Promise<ResultLog<T>> {
    const scanned = await scan(path, format, options);
    try {
      await mkdir(dirname(path), { recursive: true });
      if (scanned.intactBytes < scanned.totalBytes) await truncate(path, scanned.intactBytes);
      const handle = await open(path, 'a');
      const committed = new Map(scanned.lines.map((line) => [format.key(line), line]));
      return new ResultLog(path, handle, format, committed, scanned.warnings);
    } catch (error) {
      throw storeError('open', path, error);
    }
  }

  /** The latest committed line of each key. */
  get committed(): ReadonlyMap<string, T> {
    return this.#committed;
  }

  get(key: string): T | undefined {
    return this.#committed.get(key);
  }

  /** Appends one line and flushes it to disk; resolves once the line is on disk. */
  append(line: T): Promise<void> {
    const parsed = this.format.schema.safeParse(line);
    if (!parsed.success) {
      const first = issuesOf(parsed.error)[0];
      return Promise.reject(
        new AgentWorldError(
          'INTERNAL',
          `Refusing to write an invalid ${this.format.noun} to ${this.path}: ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}`,
        ),
      );
    }
    const text = `${JSON.stringify(line)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ line, text, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

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
      for (const pending of batch) {
        const key = this.format.key(pending.line);
        this.#committed.delete(key);
        this.#committed.set(key, pending.line);
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
