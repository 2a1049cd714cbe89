import { AgentWorldError } from '../../core/errors.js';
import { storeError, storeUnavailable } from '../store-error.js';

/** Node socket errors of a server that is down, unreachable or went away. */
const UNREACHABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is not there for us right now: class 08 (connection exception),
 * 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now) and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** True when the failure means the database could not be reached (or the connection dropped mid-query). */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AgentWorldError) return error.code === 'STORE_UNAVAILABLE';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_NODE_CODES.has(code) || isUnavailableSqlState(code)))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    error.message,
  );
}

/** STORE_UNAVAILABLE for an unreachable database, else STORE_ERROR; AgentWorldErrors pass through. */
export function postgresError(what: string, location: string, error: unknown): AgentWorldError {
  if (error instanceof AgentWorldError) return error;
  if (isConnectionFailure(error)) return storeUnavailable(what, location, error);
  return storeError(`${what} in ${location}`, error, { location });
}
