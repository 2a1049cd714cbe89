import { AgentWorldError } from '../core/errors.js';

/** SQLite result codes that mean "another connection holds the lock": worth trying again later. */
const RETRYABLE_SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/** Wraps a failure of the embedded database into a STORE_ERROR that keeps the original as its cause. */
export function storeError(
  what: string,
  cause: unknown,
  details: Record<string, unknown> = {},
): AgentWorldError {
  if (cause instanceof AgentWorldError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const sqliteCode = (cause as { code?: unknown } | null)?.code;
  const retryable = typeof sqliteCode === 'string' && RETRYABLE_SQLITE_CODES.has(sqliteCode);
  return new AgentWorldError('STORE_ERROR', `${what}: ${message}`, {
    cause,
    retryable,
    details: { ...details, ...(typeof sqliteCode === 'string' ? { sqliteCode } : {}) },
  });
}
