import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { SweAction } from './actions.js';
import { DEFAULT_SWE_DIALECT, type SweDialect, sweDialectOf } from './dialects/index.js';

/**
 * The action as it follows `**Action:**`. Tool-calling dialects use a json fence with `arguments` string-encoded,
 * as the recorded rows carry it; mini-swe-agent, whose agent writes one shell block, uses a bash fence.
 */
export function renderSweAction(action: SweAction, spec?: WorldSpec): string {
  const dialect: SweDialect = spec === undefined ? DEFAULT_SWE_DIALECT : sweDialectOf(spec);
  if (
    dialect === 'mini-swe-agent' &&
    action.name === 'bash' &&
    typeof action.arguments.command === 'string'
  ) {
    return fence(action.arguments.command, 'bash');
  }
  return fence(
    JSON.stringify({ name: action.name, arguments: JSON.stringify(action.arguments) }, null, 2),
    'json',
  );
}
