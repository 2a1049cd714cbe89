import {
  type SessionRecord,
  type ShadowComparison,
  ShadowComparisonSchema,
  type Turn,
} from '../core/turn.js';

/** The event a ShadowEngine adds to each turn; its data is the turn's `ShadowComparison`. */
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

/**
 * The shadow comparison of a turn: its typed `shadow` field, else the data of its `shadow` event (a session
 * stepped through a ShadowEngine directly); undefined for a turn made without shadow mode.
 */
export function shadowOf(turn: Turn): ShadowComparison | undefined {
  if (turn.shadow !== undefined) return turn.shadow;
  for (const event of turn.events) {
    if (event.type !== SHADOW_EVENT || event.data === undefined) continue;
    const parsed = ShadowComparisonSchema.safeParse(event.data);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/**
 * Moves each turn's shadow comparison from its `shadow` event into the typed `shadow` field (the event keeps
 * its one-line message), so a stored shadow session holds the comparison once, validated by TurnSchema.
 */
export function liftShadowComparisons(record: SessionRecord): SessionRecord {
  let changed = false;
  const turns = record.turns.map((turn) => {
    const comparison = shadowOf(turn);
    if (comparison === undefined || turn.shadow !== undefined) return turn;
    changed = true;
    return {
      ...turn,
      events: turn.events.map((event) =>
        event.type === SHADOW_EVENT && event.data !== undefined
          ? { type: event.type, ...(event.message === undefined ? {} : { message: event.message }) }
          : event,
      ),
      shadow: comparison,
    };
  });
  return changed ? { ...record, turns } : record;
}
