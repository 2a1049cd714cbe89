import { SessionControl } from '../control/index.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION, newestUserMessage } from '../core/messages.js';
import type { SessionRecord } from '../core/turn.js';
import { getDomain } from '../domains/index.js';

/** What the session engine sent the world model for each turn of a recorded session. */
export interface WorldModelPrompts {
  /** The system prompt as sent: the record's, plus the trajectory-level conditions of its perturbations. */
  readonly systemPrompt: string;
  /** The newest user message of turn k (its prompt plus the trailing turn instruction), at index k-1. */
  readonly newestMessages: readonly ChatMessage[];
}

/** Rebuilds the world-model prompts of a session through the same code the session engine uses. */
export function worldModelPrompts(record: SessionRecord): WorldModelPrompts {
  const control = new SessionControl(record.spec, getDomain(record.spec.domain));
  const instruction = record.spec.prompt.turnInstruction ?? DEFAULT_TURN_INSTRUCTION;
  return {
    systemPrompt: control.systemPrompt(record.systemPrompt, record.seed),
    newestMessages: record.turns.map((turn) => newestUserMessage(turn.prompt, instruction)),
  };
}
