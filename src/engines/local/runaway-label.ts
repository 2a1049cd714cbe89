import type { CheckResult, SessionEvent } from '../../core/turn.js';

/** Event type of a turn whose output ran away repeating one short unit and was cut (see repetition-guard.ts). */
export const REPETITION_EVENT = 'local.repetition';

/** The id of the failing check such a turn carries, so a trainer can filter it like any failed check. */
export const REPETITION_CHECK = 'local:runaway-repetition';

/** The event and failing check of a runaway output; `subject` names it (`the output of \`ls\``). */
export function runawayLabels(
  subject: string,
  repetition: { readonly period: number; readonly cutIds: number },
): { event: SessionEvent; check: CheckResult } {
  const message = `The embedded model ran away repeating a ${repetition.period}-byte unit in ${subject}: generation stopped and ${repetition.cutIds} repeated bytes were cut.`;
  return {
    event: { type: REPETITION_EVENT, message, data: { ...repetition } },
    check: { id: REPETITION_CHECK, status: 'fail', message },
  };
}
