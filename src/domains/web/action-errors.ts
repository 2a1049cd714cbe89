import { AgentWorldError } from '../../core/errors.js';

/** An INVALID_ACTION error naming the dialect, the bad part's `$.path` and what is wrong with it. */
export function invalidWebAction(
  dialect: string,
  path: string,
  message: string,
  extra: Record<string, unknown> = {},
): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid ${dialect} action at ${path}: ${message}`, {
    details: { dialect, path, issues: [{ path, message }], ...extra },
  });
}
