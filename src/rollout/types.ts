import { z } from 'zod';
import { SessionRecordSchema, UsageSchema } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import type { Task } from '../tasks/task-schema.js';

/** A task ready to run: its definition and the WorldSpec it was prepared into (instruction applied). */
export interface LoadedTask {
  readonly task: Task;
  readonly spec: WorldSpec;
}

/** Limits that cut an episode off (Gymnasium `truncated`). Absent fields fall back to the task's budgets. */
export interface EpisodeBudgets {
  /** Policy decisions (valid or not). Also capped by the spec's `maxTurns` (session steps). */
  readonly maxTurns?: number | undefined;
  /** Policy tokens (prompt + completion) over the episode. */
  readonly maxTokens?: number | undefined;
  /** Wall seconds of the episode, read from the injected clock between decisions. */
  readonly maxSeconds?: number | undefined;
}

/** Budgets with every limit set (Infinity where none applies). */
export interface ResolvedBudgets {
  readonly maxTurns: number;
  readonly maxTokens: number;
  readonly maxSeconds: number;
}

/** Milliseconds since some fixed origin; injectable so budgets are testable without timers. */
export type Clock = () => number;

export const BLAMES = ['success', 'failure', 'invalid-action', 'infrastructure'] as const;
export const BlameSchema = z.enum(BLAMES);
export type Blame = z.infer<typeof BlameSchema>;

export const TRUNCATION_REASONS = ['turns', 'tokens', 'seconds'] as const;
export const TruncationReasonSchema = z.enum(TRUNCATION_REASONS);
export type TruncationReason = z.infer<typeof TruncationReasonSchema>;

/** One policy decision, as the episode saw it. */
export const DecisionRecordSchema = z.object({
  /** 0-based decision number. */
  step: z.number().int().nonnegative(),
  reply: z.string(),
  action: z.unknown().optional(),
  /** The harness error shown instead of an observation (the reply held no valid action). */
  invalid: z.string().optional(),
  done: z.boolean(),
  finalAnswer: z.string().optional(),
  usage: UsageSchema.optional(),
  /** The session turn this decision produced (1-based), when it was a valid action that was stepped. */
  turnIndex: z.number().int().positive().optional(),
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

export const VerifierResultRecordSchema = z
  .object({
    type: z.string(),
    score: z.number(),
    passed: z.boolean(),
    detail: z.string(),
    weight: z.number(),
  })
  .loose();

export const EpisodeErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  /** Where it came from: the world engine, the policy, the verifiers, or the runner's own timeout. */
  origin: z.enum(['engine', 'policy', 'verifier', 'timeout', 'runner']),
});
export type EpisodeError = z.infer<typeof EpisodeErrorSchema>;

export const EPISODE_FORMAT = 'agentworld.episode';

/** One finished episode: one line of a rollout's JSONL output. */
export const EpisodeLineSchema = z.object({
  format: z.literal(EPISODE_FORMAT),
  version: z.literal(1),
  taskId: z.string(),
  episodeIndex: z.number().int().nonnegative(),
  /** `<taskId>#<episodeIndex>`: the members of one group share it. */
  groupId: z.string(),
  member: z.number().int().nonnegative(),
  groupSize: z.number().int().positive(),
  /** The session seed of this member (perturbation draws and world-model sampling). */
  seed: z.number().int(),
  /** The policy's sampling seed. */
  policySeed: z.number().int(),
  policyId: z.string(),
  blame: BlameSchema,
  /** Absent for infrastructure episodes: they are never scored. */
  reward: z.number().optional(),
  verifiers: z.array(VerifierResultRecordSchema).default([]),
  /** Gymnasium: the agent said it was done or the world reached an end state. */
  terminated: z.boolean(),
  truncated: z.boolean(),
  truncatedBy: TruncationReasonSchema.optional(),
  finalAnswer: z.string().optional(),
  policyTokens: z.number().int().nonnegative(),
  invalidReplies: z.number().int().nonnegative(),
  /** Attempts made (1 + infrastructure retries). */
  attempts: z.number().int().positive(),
  error: EpisodeErrorSchema.optional(),
  decisions: z.array(DecisionRecordSchema),
  /** The session: every turn with provenance and injected-perturbation events. Absent when reset failed. */
  record: SessionRecordSchema.optional(),
  /** The policy's conversation (OpenAI messages, tool calls included). */
  messages: z.array(z.record(z.string(), z.unknown())),
  /** Tool definitions of the world in OpenAI's `tools` shape, when it has tools. */
  tools: z.array(z.record(z.string(), z.unknown())).optional(),
  finishedAt: z.string(),
});
export type EpisodeLine = z.infer<typeof EpisodeLineSchema>;

/** The identity of an episode in a run's output: what resume skips on. */
export function episodeKey(line: {
  readonly taskId: string;
  readonly episodeIndex: number;
  readonly member: number;
}): string {
  return `${line.taskId}#${line.episodeIndex}#${line.member}`;
}
