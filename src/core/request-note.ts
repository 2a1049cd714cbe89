/**
 * A note added to what a world model reading messages sees for one turn: the hybrid engine's twin state, the
 * retrieval engine's demonstrations. The note goes into the newest user message, before its trailing turn
 * instruction. It is never part of the recorded turn prompt (history stays byte-stable, so a server's prefix
 * cache still reuses it), and the request's `promptHash` and `messagesJson` are those of the messages actually
 * sent.
 */
import type { PredictRequest } from './engine.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION, hashMessages } from './messages.js';

function messageJson(message: ChatMessage): string {
  return JSON.stringify({ content: message.content, role: message.role });
}

/**
 * The request with `note` added to its newest user message (a new request; the original is unchanged). A
 * request whose newest message is not the user's is returned as it is.
 */
export function withNoteInNewestUserMessage(request: PredictRequest, note: string): PredictRequest {
  const messages = request.messages;
  const last = messages[messages.length - 1];
  if (last === undefined || last.role !== 'user') return request;
  const instruction = request.spec.prompt.turnInstruction ?? DEFAULT_TURN_INSTRUCTION;
  const tail = `\n\n${instruction}`;
  const content = last.content.endsWith(tail)
    ? `${last.content.slice(0, -tail.length)}\n\n${note}${tail}`
    : `${last.content}\n\n${note}`;
  const newest: ChatMessage = { role: 'user', content };
  const noted = [...messages.slice(0, -1), newest];
  const oldTail = `${messageJson(last)}]`;
  const json = request.messagesJson;
  const messagesJson =
    json?.endsWith(oldTail) === true
      ? `${json.slice(0, -oldTail.length)}${messageJson(newest)}]`
      : `[${noted.map(messageJson).join(',')}]`;
  return { ...request, messages: noted, messagesJson, promptHash: hashMessages(noted) };
}
