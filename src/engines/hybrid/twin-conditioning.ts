/**
 * How the hybrid engine gives a world model what its twin knows: a note in the newest user message
 * (`withNoteInNewestUserMessage`).
 */
import type { PredictRequest } from '../../core/engine.js';
import { withNoteInNewestUserMessage } from '../../core/request-note.js';
import type { TwinState } from '../../twins/twin.js';

/** Headings of the note, for people reading prompts and for tests. */
export const TWIN_STATE_HEADING = 'Known State (exact, from a deterministic twin of this environment)';
export const TWIN_UNKNOWNS_HEADING = 'Not Known Exactly';

/** The note a model sees for one declined turn. */
export function renderTwinNote(reason: string, state: TwinState): string {
  const unknowns = state.unknowns.length === 0 ? ['(nothing)'] : state.unknowns;
  return [
    `**${TWIN_STATE_HEADING}:**`,
    state.summary.trimEnd(),
    '',
    `**${TWIN_UNKNOWNS_HEADING}:**`,
    ...unknowns.map((unknown) => `- ${unknown}`),
    '',
    `The twin cannot answer this action exactly (${reason}): answer it consistently with the state above.`,
  ].join('\n');
}

/** The request with the twin's note added to its newest user message (a new request; the original is unchanged). */
export function conditionOnTwin(request: PredictRequest, reason: string, state: TwinState): PredictRequest {
  return withNoteInNewestUserMessage(request, renderTwinNote(reason, state));
}
