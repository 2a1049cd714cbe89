import type { CallOptions } from '../core/abort.js';
import type { SessionRecord } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import type { Task, VerifierSpec } from './task-schema.js';

/** What a verifier reads: the task, the episode's world and its whole recorded trajectory. */
export interface VerifyContext {
  readonly task: Task;
  /** The prepared spec the episode ran in (instruction and curriculum applied). */
  readonly spec: WorldSpec;
  /** The finished episode: every turn with its action, observation, provenance and events. */
  readonly record: SessionRecord;
  /** The session's final ledger summary (`Session.ledgerSummary()`). */
  readonly ledger: Record<string, unknown>;
  /** The agent's final answer, when it gave one (its last message). */
  readonly finalAnswer?: string | undefined;
}

/** One verifier's verdict. A verifier that could not be evaluated (a judge down) throws an infra error instead. */
export interface VerifierResult {
  readonly type: VerifierSpec['type'];
  /** 0 to 1. */
  readonly score: number;
  readonly passed: boolean;
  /** Why, for people (what was expected and what was found). */
  readonly detail: string;
  readonly weight: number;
  /** For rubric verifiers: the judge's model and the exact prompt, so a score can be audited. */
  readonly judge?: { readonly model: string; readonly prompt: string; readonly reply: string } | undefined;
}

/** The episode's reward: the weighted mean of its verifiers' scores. */
export interface EpisodeScore {
  readonly reward: number;
  /** Every verifier passed. */
  readonly success: boolean;
  readonly verifiers: readonly VerifierResult[];
}

/** Scores a finished episode of a task; implemented in src/tasks/verifiers/. */
export type ScoreEpisode = (context: VerifyContext, options?: CallOptions) => Promise<EpisodeScore>;
