import type { SessionRecord } from '../../core/turn.js';
import type { BenchRow, JudgeFreeMetrics } from '../schemas.js';
import { compareTurn } from './compare-turn.js';
import { cleanObservation, rowGroundTruth } from './row-turns.js';
import { rowDomain, rowTurnContext, sessionTurnContext } from './turn-context.js';
import { SHARED_TURN_CONTEXT_CACHE, type TurnContextCache } from './turn-context-cache.js';

/**
 * The judge-free metrics of a prediction for a bench row: against the ground truth `response[turn_idx-1]`, both
 * with the observation marker removed and trimmed (spec §3.4 step 5). Checks and state change need the turn's
 * context rebuilt from the row (its system prompt, actions and earlier observations); where that fails they are
 * left out, never guessed. The context comes from `cache` (the shared one unless told otherwise, `null` to rebuild
 * it from the first turn): the metrics are the same either way. Throws RangeError when the row has no ground truth
 * at `turn_idx`.
 */
export function judgeFreeMetrics(
  row: BenchRow,
  prediction: string,
  options: { readonly cache?: TurnContextCache | null } = {},
): JudgeFreeMetrics {
  const truth = rowGroundTruth(row);
  if (truth === undefined) {
    throw new RangeError(`Row ${row.task}:${row.id} has no response at turn_idx ${row.turn_idx}.`);
  }
  return compareTurn(
    rowDomain(row),
    rowTurnContext(row, options.cache === undefined ? SHARED_TURN_CONTEXT_CACHE : options.cache),
    cleanObservation(truth),
    cleanObservation(prediction),
  );
}

/**
 * The judge-free metrics of a prediction for a recorded session's turn (1-based), against the turn's real
 * observation, with the session's own spec, action and ledger (no rebuilding). Observations are compared as
 * recorded, byte for byte.
 */
export function sessionTurnMetrics(
  record: SessionRecord,
  turnIndex: number,
  prediction: string,
): JudgeFreeMetrics {
  const turn = record.turns[turnIndex - 1];
  if (turn === undefined) throw new RangeError(`Session ${record.id} has no turn ${turnIndex}.`);
  const domain = rowDomain({ task: record.spec.domain });
  return compareTurn(domain, sessionTurnContext(record, turnIndex), turn.observation, prediction);
}
