import { isAgentWorldError } from '../../src/core/errors.js';
import type { SessionEvent } from '../../src/core/turn.js';

/** Events of a turn the embedded model did not answer itself (terminal models label such turns). */
const ROUTED_EVENTS = new Set(['local.unsupported', 'local.fallback']);

/** Whether a prediction's events say that something other than the model answered the turn. */
export function wasRouted(events: readonly SessionEvent[]): boolean {
  return events.some((event) => ROUTED_EVENTS.has(event.type));
}

/**
 * Why the engine refused a turn (an UNSUPPORTED error: mcp models refuse instead of labelling), or undefined
 * when the error is anything else and must stop the bench.
 */
export function refusalReason(error: unknown): string | undefined {
  if (!isAgentWorldError(error, 'UNSUPPORTED')) return undefined;
  const reason = error.details.reason;
  return typeof reason === 'string' ? reason : error.message;
}

/** Counts by key, for refused turns and failed checks. */
export function countUp(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** A count map as a plain object with sorted keys, for JSON and printing. */
export function sortedCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
