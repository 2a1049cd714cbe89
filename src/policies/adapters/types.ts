/**
 * What an agent adapter is: the policy's side of one native harness. It builds the messages the harness shows
 * its policy (the opening, then each observation in the harness's presentation) and reads the policy's reply as
 * the harness does. One adapter serves one episode: harnesses keep state between turns (Terminus-2 compares
 * screens and remembers a pending completion claim; tool results answer the previous reply's tool call).
 */
import type { PolicyTurn } from '../policy.js';

/** One OpenAI chat message, as sent (`role`, `content`, and `tool_calls` / `tool_call_id` where they apply). */
export type ChatMessage = Record<string, unknown>;

/** One function call the policy made through the server's tool calling. */
export interface PolicyToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the server sent them (JSON text, possibly malformed). */
  readonly arguments: string;
}

/** The policy's reply as the adapter reads it. */
export interface PolicyReply {
  /** The text content, reasoning (`<think>` blocks) already removed. */
  readonly content: string;
  readonly toolCalls: readonly PolicyToolCall[];
}

/** What the harness makes of one reply (the policy adds the reply text and usage to it). */
export interface AdapterDecision {
  readonly action?: unknown;
  readonly invalid?: string | undefined;
  readonly finalAnswer?: string | undefined;
  readonly done: boolean;
}

/** An OpenAI function definition (`{ type: 'function', function: { name, description, parameters } }`). */
export type FunctionTool = Record<string, unknown>;

export interface AgentAdapter {
  /** The harness and its reply form, e.g. `terminus-2 (json)`. */
  readonly name: string;
  /** `tools`: the policy answers through the server's tool calling; `text`: in plain text. */
  readonly mode: 'text' | 'tools';
  /** The function definitions sent with every request (empty in text mode). */
  readonly tools: readonly FunctionTool[];
  /** The messages to add before the policy's next reply: the opening at step 0, then each observation. */
  present(turn: PolicyTurn): ChatMessage[];
  /** Reads the policy's reply as the harness does; never throws for a bad reply (that is `invalid`). */
  parse(reply: PolicyReply): AdapterDecision;
}

/** Builds a fresh adapter for one episode of the spec, with the task the agent is given. */
export type AgentAdapterFactory = (
  spec: import('../../core/world-spec.js').WorldSpec,
  instruction: string,
) => AgentAdapter;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The harness's opening as chat messages (a system message only when the harness sends one). */
export function openingMessages(opening: {
  readonly system: string | undefined;
  readonly user: string;
}): ChatMessage[] {
  return [
    ...(opening.system === undefined ? [] : [{ role: 'system', content: opening.system }]),
    { role: 'user', content: opening.user },
  ];
}

/** The message text of an error the runner feeds back after an invalid reply. */
export function userMessage(content: string): ChatMessage {
  return { role: 'user', content };
}

/** An AgentWorldError's first issue message (the parser's own words), else its message. */
export function issueMessage(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const details = (error as { details?: { issues?: unknown } }).details;
    const issues = details?.issues;
    if (Array.isArray(issues)) {
      const first = issues[0] as { message?: unknown } | undefined;
      if (typeof first?.message === 'string') return first.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
