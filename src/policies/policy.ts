import type { CallOptions } from '../core/abort.js';
import type { Usage } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';

/** What the policy is shown for one decision, already in its native harness's presentation. */
export interface PolicyTurn {
  /** 0 for the first decision (after reset). */
  readonly step: number;
  readonly spec: WorldSpec;
  /** The raw observation the environment returned (the world-model format). */
  readonly observation: string;
  /**
   * When the previous reply was not a valid action: the error the harness shows its policy instead of an
   * observation (fed back as a real harness does).
   */
  readonly invalidActionError?: string | undefined;
}

/** What the policy decided. */
export interface PolicyDecision {
  /** The action in the world's dialect, or undefined when the reply held none (see `invalid`). */
  readonly action?: unknown;
  /** Why the reply is not a valid action, as the native harness words it; the episode goes on. */
  readonly invalid?: string | undefined;
  /** The policy's text reply (or the serialized tool calls), as sent. */
  readonly reply: string;
  /** The agent's final answer, when this decision gives one (and ends the episode). */
  readonly finalAnswer?: string | undefined;
  /** The agent says it is done (Terminus' confirmed task_complete, send_msg_to_user, an answer). */
  readonly done: boolean;
  readonly usage?: Usage | undefined;
  /** The policy's reasoning (`reasoning_content`, `<think>` blocks), kept apart from what was parsed. */
  readonly reasoning?: string | undefined;
}

/**
 * An agent under test or training: any OpenAI-compatible chat model through its dialect's adapter, or a scripted
 * one. One Policy instance drives one episode (it keeps that episode's conversation).
 */
export interface Policy {
  readonly id: string;
  decide(turn: PolicyTurn, options?: CallOptions): Promise<PolicyDecision>;
  /** The conversation as the policy saw it (OpenAI messages, tool calls included), for trainers. */
  messages(): readonly Record<string, unknown>[];
}

/** Makes a fresh policy for one episode (`seed` varies sampling between group members). */
export type PolicyFactory = (spec: WorldSpec, instruction: string, seed: number) => Policy;
