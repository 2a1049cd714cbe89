import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AgentWorldError } from '../core/errors.js';
import { type SessionRecord, SessionRecordSchema } from '../core/turn.js';
import { issuesOf } from '../core/validation.js';

/** One session read from a file, with where it was. */
export interface LocatedSession {
  readonly record: SessionRecord;
  readonly file: string;
  readonly line: number;
  /** Bytes of this file read so far, this line included. */
  readonly bytes: number;
}

/**
 * Reads the session records of JSONL files (gzip-compressed when the name ends in `.gz`) one line at a time (any
 * file size). A damaged line (not JSON, or
 * not a session record) throws an INVALID_REQUEST error naming `file:line`.
 */
export async function* readSessions(files: readonly string[]): AsyncGenerator<LocatedSession> {
  for (const file of files) {
    const lines = createInterface({
      input: openText(file),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let line = 0;
    let bytes = 0;
    try {
      for await (const text of lines) {
        line += 1;
        bytes += Buffer.byteLength(text, 'utf8') + 1;
        if (text.trim() === '') continue;
        yield { record: parseLine(text, file, line), file, line, bytes };
      }
    } catch (error) {
      if (error instanceof AgentWorldError) throw error;
      const code = (error as { code?: unknown } | null)?.code;
      throw new AgentWorldError(
        'INVALID_REQUEST',
        code === 'ENOENT' ? `Session file not found: ${file}` : `Could not read ${file}: ${String(error)}`,
        { cause: error, details: { file } },
      );
    } finally {
      lines.close();
    }
  }
}

/** The file's text as a stream; a name ending in `.gz` is gunzipped on the way (errors of either end reach the reader). */
function openText(file: string): Readable {
  const raw = createReadStream(file);
  if (!file.endsWith('.gz')) return raw.setEncoding('utf8');
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip).setEncoding('utf8');
}

function parseLine(text: string, file: string, line: number): SessionRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${file}:${line}: not a JSON line (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error, details: { file, line } },
    );
  }
  const result = SessionRecordSchema.safeParse(value);
  if (result.success) return result.data;
  const first = issuesOf(result.error)[0];
  throw new AgentWorldError(
    'INVALID_REQUEST',
    `${file}:${line}: not a session record: ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}`,
    { details: { file, line } },
  );
}
