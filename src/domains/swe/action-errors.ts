import { AgentWorldError } from '../../core/errors.js';
import type { SweDialect } from './dialects/index.js';

/** An INVALID_ACTION error naming the dialect, the bad part's `$.path` and what is wrong with it. */
export function invalidSweAction(dialect: SweDialect, path: string, message: string): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid swe action (${dialect}) at ${path}: ${message}`, {
    details: { dialect, path, issues: [{ path, message }] },
  });
}
