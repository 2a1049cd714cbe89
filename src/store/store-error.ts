import { AgentWorldError } from '../core/errors.js';

/** SQLite result codes that mean "another connection holds the lock": worth trying again later. */
const RETRYABLE_SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/** Wraps a failure of the database into a STORE_ERROR that keeps the original as its cause. */
export function storeError(
  what: string,
  cause: unknown,
  details: Record<string, unknown> = {},
): AgentWorldError {
  if (cause instanceof AgentWorldError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  const sqliteCode = typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
  const retryable = sqliteCode !== undefined && RETRYABLE_SQLITE_CODES.has(sqliteCode);
  return new AgentWorldError('STORE_ERROR', `${what}: ${message}`, {
    cause,
    retryable,
    details: {
      ...details,
      ...(sqliteCode !== undefined ? { sqliteCode } : {}),
      ...(typeof code === 'string' && sqliteCode === undefined ? { databaseCode: code } : {}),
    },
  });
}

/** The retryable STORE_UNAVAILABLE of a database that could not be reached (`location` already redacted). */
export function storeUnavailable(what: string, location: string, cause: unknown): AgentWorldError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AgentWorldError(
    'STORE_UNAVAILABLE',
    `${what}: the store at ${location} cannot be reached (${message}).`,
    {
      cause,
      retryable: true,
      details: { location },
    },
  );
}
