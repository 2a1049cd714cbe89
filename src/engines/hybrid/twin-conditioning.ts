/**
 * How the hybrid engine gives a world model what its twin knows: a note in the newest user message, before the
 * trailing turn instruction. The note is never part of the recorded turn prompt (history stays byte-stable, so
 * a server's prefix cache still reuses it), and the request's `promptHash` and `messagesJson` are those of the
 * messages actually sent.
 */
import type { PredictRequest } from '../../core/engine.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION, hashMessages } from '../../core/messages.js';
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

function messageJson(message: ChatMessage): string {
  return JSON.stringify({ content: message.content, role: message.role });
}

/** The request with the twin's note added to its newest user message (a new request; the original is unchanged). */
export function conditionOnTwin(request: PredictRequest, reason: string, state: TwinState): PredictRequest {
  const messages = request.messages;
  const last = messages[messages.length - 1];
  if (last === undefined || last.role !== 'user') return request;
  const note = renderTwinNote(reason, state);
  const instruction = request.spec.prompt.turnInstruction ?? DEFAULT_TURN_INSTRUCTION;
  const tail = `\n\n${instruction}`;
  const content = last.content.endsWith(tail)
    ? `${last.content.slice(0, -tail.length)}\n\n${note}${tail}`
    : `${last.content}\n\n${note}`;
  const newest: ChatMessage = { role: 'user', content };
  const conditioned = [...messages.slice(0, -1), newest];
  const oldTail = `${messageJson(last)}]`;
  const json = request.messagesJson;
  const messagesJson =
    json?.endsWith(oldTail) === true
      ? `${json.slice(0, -oldTail.length)}${messageJson(newest)}]`
      : `[${conditioned.map(messageJson).join(',')}]`;
  return { ...request, messages: conditioned, messagesJson, promptHash: hashMessages(conditioned) };
}
