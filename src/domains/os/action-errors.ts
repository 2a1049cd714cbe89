import { AgentWorldError } from '../../core/errors.js';

/** An INVALID_ACTION error naming the dialect, the bad part and its `$.path` (plus any extra details). */
export function invalidOsAction(
  dialect: string,
  message: string,
  path = '$',
  extra: Record<string, unknown> = {},
): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid ${dialect} action at ${path}: ${message}`, {
    details: { dialect, path, issues: [{ path, message }], ...extra },
  });
}
