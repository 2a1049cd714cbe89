import type { SessionRecord, Turn } from '../../core/turn.js';

/** How an agent harness opens an episode: its system message (when it sends one) and its first user message. */
export interface AgentOpening {
  readonly system: string | undefined;
  readonly user: string;
}

/**
 * One agent harness seen from its policy's side: the opening it builds for the task, the policy's reply for a
 * recorded action, and what it shows back after each turn. `observe` is stateful (Terminus-2 compares screens
 * with the previous one): call it once per turn, in order.
 */
export interface AgentHarness {
  /** The harness and its wire form, e.g. `terminus-2 (json)`. */
  readonly name: string;
  readonly opening: AgentOpening;
  /** The policy's reply (an assistant message) that produces this recorded action. */
  renderAction(action: unknown): string;
  /** The next user message after the turn; undefined when the harness ends the episode there. */
  observe(turn: Turn): string | undefined;
}

export type AgentHarnessBuilder = (record: SessionRecord) => AgentHarness;

/** The task as the session states it (its instruction, else its description). */
export function taskText(record: SessionRecord): string {
  return record.spec.task ?? record.spec.description ?? '';
}

/** Any action as text: a string as it is, anything else as 2-space JSON. */
export function plainAction(action: unknown): string {
  return typeof action === 'string' ? action : JSON.stringify(action, null, 2);
}
