import { hasClearErrorSign } from '../error-signs.js';

/** Reason phrases of the HTTP statuses the catalog uses. */
const REASONS: Readonly<Record<number, string>> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

/**
 * Whether the observation is a tool error result: the same strict test that makes our MCP surfaces send
 * `isError: true` (see error-signs.ts), so a rendered error is an error result on the wire too.
 */
export function isToolErrorResult(observation: string): boolean {
  return hasClearErrorSign(observation);
}

/** Whether `value` appears in the text as a whole number (not inside a longer one). */
export function mentionsNumber(text: string, value: number): boolean {
  return new RegExp(`(?<![\\d.])${String(value).replace('.', '\\.')}(?![\\d])`).test(text);
}

/** Whether a duration in milliseconds appears as milliseconds or, when whole, as seconds. */
export function mentionsDuration(text: string, milliseconds: number): boolean {
  if (mentionsNumber(text, milliseconds)) return true;
  const seconds = milliseconds / 1000;
  return (
    Number.isInteger(seconds) && new RegExp(`(?<![\\d.])${seconds}\\s*(?:s\\b|sec|second)`, 'i').test(text)
  );
}
