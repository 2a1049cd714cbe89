import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError, toAgentWorldError } from '../core/errors.js';
import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionRecord,
  SessionRecordSchema,
} from '../core/turn.js';
import { issuesOf } from '../core/validation.js';

const gunzipAsync = promisify(gunzip);

/*
 * Session files are JSONL: one SessionRecord (format `agentworld.session`) per line, blank lines allowed.
 * Appending writes one whole line per call, so a crash leaves at most one torn line at the end.
 */

/** Parses the text of a session file. `sourceName` (usually the path) appears in every error message. */
export function parseSessionLines(text: string, sourceName: string): SessionRecord[] {
  const records: SessionRecord[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    records.push(parseSessionLine(line, sourceName, index + 1));
  }
  return records;
}

function parseSessionLine(line: string, sourceName: string, lineNumber: number): SessionRecord {
  const where = `${sourceName}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${where}: not a JSON line (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error, details: { file: sourceName, line: lineNumber } },
    );
  }
  rejectNewerVersion(value, where, sourceName, lineNumber);
  const result = SessionRecordSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AgentWorldError(
    'INVALID_REQUEST',
    `${where}: invalid session record at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}${more}`,
    { details: { file: sourceName, line: lineNumber, path: first?.path, issues } },
  );
}

/** A record from a newer build gets its own message instead of a confusing schema error. */
function rejectNewerVersion(value: unknown, where: string, sourceName: string, lineNumber: number): void {
  if (value === null || typeof value !== 'object') return;
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== SESSION_FORMAT || typeof version !== 'number' || version <= SESSION_FORMAT_VERSION) return;
  throw new AgentWorldError(
    'INVALID_REQUEST',
    `${where}: session record version ${version} was written by a newer AgentWorld; this build reads version ${SESSION_FORMAT_VERSION}.`,
    { details: { file: sourceName, line: lineNumber, version, supportedVersion: SESSION_FORMAT_VERSION } },
  );
}

/** Reads and validates every record of a JSONL session file; a name ending in `.gz` is gunzipped first. */
export async function readSessionFile(path: string, options: CallOptions = {}): Promise<SessionRecord[]> {
  throwIfAborted(options.signal);
  let bytes: Buffer;
  try {
    bytes = await readFile(path, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw fileError('read', path, error);
  }
  if (path.endsWith('.gz')) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `${path}: not a readable gzip file (${error instanceof Error ? error.message : String(error)}).`,
        { cause: error, details: { file: path } },
      );
    }
    throwIfAborted(options.signal);
  }
  return parseSessionLines(bytes.toString('utf8'), path);
}

/**
 * Appends one record as one line, creating the file and its folders if needed. The line goes out in a single
 * append and is flushed to disk before the promise resolves.
 */
export async function appendSessionRecord(
  path: string,
  record: SessionRecord,
  options: CallOptions = {},
): Promise<void> {
  throwIfAborted(options.signal);
  const line = `${serializeRecord(record, path)}\n`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    try {
      await handle.appendFile(line, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError('append to', path, error);
  }
}

/** Replaces the file with exactly these records, atomically: a temporary file is written, flushed, then renamed. */
export async function writeSessionFile(
  path: string,
  records: readonly SessionRecord[],
  options: CallOptions = {},
): Promise<void> {
  throwIfAborted(options.signal);
  const text = records.map((record) => `${serializeRecord(record, path)}\n`).join('');
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    throwIfAborted(options.signal);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileError('write', path, error);
  }
}

/** Validates before writing, so every file this module writes can be read back. */
function serializeRecord(record: SessionRecord, path: string): string {
  const result = SessionRecordSchema.safeParse(record);
  if (!result.success) {
    const first = issuesOf(result.error)[0];
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `Refusing to write an invalid session record to ${path}: ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}`,
      { details: { file: path, path: first?.path, sessionId: record.id } },
    );
  }
  return JSON.stringify(record);
}

function fileError(verb: string, path: string, error: unknown): AgentWorldError {
  if (error instanceof AgentWorldError) return error;
  const converted = toAgentWorldError(error, 'STORE_ERROR');
  if (converted.code === 'ABORTED') return converted;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' && verb === 'read') {
    return new AgentWorldError('INVALID_REQUEST', `Session file not found: ${path}`, {
      cause: error,
      details: { file: path },
    });
  }
  return new AgentWorldError('STORE_ERROR', `Could not ${verb} session file ${path}: ${converted.message}`, {
    cause: error,
    details: { file: path, ...(typeof code === 'string' ? { errno: code } : {}) },
  });
}
