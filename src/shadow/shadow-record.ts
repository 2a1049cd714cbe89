import type { ShadowComparison, Turn } from '../core/turn.js';

/** The event a ShadowEngine adds to each turn, with a one-line summary of its comparison. */
export const SHADOW_EVENT = 'shadow';

/** One line for people: `shadow replay: exact match`, `… similarity 0.912, 3 differences`, `… failed: CODE`. */
export function shadowEventMessage(comparison: ShadowComparison): string {
  const lead = `shadow ${comparison.engine}`;
  if (comparison.error !== undefined) return `${lead} failed: ${comparison.error.code}`;
  const failedChecks = comparison.checks.filter((check) => check.status === 'fail').length;
  const checks = failedChecks === 0 ? '' : `, ${failedChecks} check${failedChecks === 1 ? '' : 's'} failed`;
  if (comparison.exactMatch) return `${lead}: exact match${checks}`;
  const differences = (comparison.diff?.entries.length ?? 0) + (comparison.diff?.omitted ?? 0);
  return `${lead}: similarity ${comparison.similarity.toFixed(3)}, ${differences} difference${differences === 1 ? '' : 's'}${checks}`;
}

/** The shadow comparison of a turn; undefined for a turn made without shadow mode. */
export function shadowOf(turn: Turn): ShadowComparison | undefined {
  return turn.shadow;
}
