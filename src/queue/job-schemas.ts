/**
 * What each kind of job carries: everything a worker on another machine needs to run one item (the row, the
 * engine settings, the spec), and where its result goes (run id, item key, position). API keys never travel in
 * a job: workers read them from their own environment (AGENTWORLD_API_KEY, AGENTWORLD_JUDGE_API_KEY,
 * AGENTWORLD_POLICY_API_KEY).
 */
import { z } from 'zod';
import { WorldSpecSchema } from '../core/world-spec.js';
import { BenchRowSchema, InferLineSchema } from '../fidelity/schemas.js';
import { TaskSchema } from '../tasks/task-schema.js';

export const JOB_KINDS = ['bench-infer', 'bench-judge', 'rollout-group'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const ItemFields = {
  runId: z.string().min(1).max(200),
  /** The item's key in the store (unique in its run). */
  itemKey: z.string().min(1),
  /** Where the item's result goes in the output file. */
  position: z.number().int().nonnegative(),
};

const BackoffSchema = z.object({
  retryBaseMs: z.number().nonnegative(),
  retryMaxMs: z.number().nonnegative(),
  retryAfterMaxMs: z.number().nonnegative(),
});

/** How `bench infer` answers a row: the same choices as its --engine flag (no API key: see the file's note). */
export const InferEngineSettingsSchema = z.discriminatedUnion('engine', [
  z.object({
    engine: z.literal('lwm'),
    baseUrl: z.string().min(1),
    model: z.string().min(1),
    temperature: z.number().optional(),
    topP: z.number().optional(),
    maxTokens: z.number().int().positive(),
    tokenField: z.enum(['max_tokens', 'max_completion_tokens']),
    logprobs: z.boolean(),
    extraBody: z.record(z.string(), z.unknown()).optional(),
    timeoutMs: z.number().int().positive(),
  }),
  z.object({ engine: z.literal('replay') }),
  z.object({
    engine: z.enum(['local', 'hybrid']),
    modelPaths: z.array(z.string()).optional(),
    timeoutMs: z.number().int().positive(),
    sequences: z.number().int().positive(),
  }),
]);
export type InferEngineSettings = z.infer<typeof InferEngineSettingsSchema>;

export const BenchInferJobSchema = z.object({
  kind: z.literal('bench-infer'),
  ...ItemFields,
  /** The row's key (`task:id:turn_idx`), the key of its output line. */
  key: z.string().min(1),
  row: BenchRowSchema,
  engine: InferEngineSettingsSchema,
  retry: BackoffSchema.extend({
    maxRetries: z.number().int().nonnegative(),
    timeoutMs: z.number().int().positive(),
  }),
  maxContextTokens: z.number().int().positive().optional(),
});
export type BenchInferJob = z.infer<typeof BenchInferJobSchema>;

export const JudgeSettingsSchema = z.object({
  baseUrl: z.string().min(1),
  model: z.string().min(1),
  temperature: z.number(),
  maxTokens: z.number().int().positive(),
  reasoningModel: z.boolean(),
  timeoutMs: z.number().int().positive(),
});

export const BenchJudgeJobSchema = z.object({
  kind: z.literal('bench-judge'),
  ...ItemFields,
  line: InferLineSchema,
  judge: JudgeSettingsSchema,
  /** The prompts this line's domain needs (the run's prompt set, cut to one domain). */
  prompts: z.object({
    source: z.string(),
    userTemplate: z.string(),
    systemPrompt: z.string(),
    hashes: z.record(z.string(), z.string()),
  }),
  maxAttempts: z.number().int().positive(),
  backoff: BackoffSchema,
});
export type BenchJudgeJob = z.infer<typeof BenchJudgeJobSchema>;

/** The world engine of a rollout: the engine flags of `agentworld rollout` (see src/cli/engine-factory.ts). */
export const RolloutEngineSettingsSchema = z.record(z.string(), z.unknown());

export const RolloutPolicySettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('solution') }),
  z.object({
    kind: z.literal('chat'),
    baseUrl: z.string().min(1),
    model: z.string().min(1),
    temperature: z.number().optional(),
    maxTokens: z.number().int().positive().optional(),
  }),
]);
export type RolloutPolicySettings = z.infer<typeof RolloutPolicySettingsSchema>;

/**
 * One group of a rollout (an episode's reset and the members forked from it): the members still to run write
 * one result each, keyed like the episodes of the output (`taskId#episode/member`).
 */
export const RolloutGroupJobSchema = z.object({
  kind: z.literal('rollout-group'),
  runId: ItemFields.runId,
  /** The task and the WorldSpec it was prepared into, as the rollout loaded them. */
  task: TaskSchema,
  spec: WorldSpecSchema,
  episodeIndex: z.number().int().nonnegative(),
  groupSize: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  /** The members to run, with their item key and output position. */
  members: z
    .array(
      z.object({
        member: z.number().int().nonnegative(),
        itemKey: z.string().min(1),
        position: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  engine: RolloutEngineSettingsSchema,
  policy: RolloutPolicySettingsSchema,
  judge: z.object({ baseURL: z.string(), model: z.string().optional() }).optional(),
  maxInfraRetries: z.number().int().nonnegative(),
  episodeTimeoutMs: z.number().positive().optional(),
  budgets: z.object({
    maxTurns: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    maxSeconds: z.number().positive().optional(),
  }),
});
export type RolloutGroupJob = z.infer<typeof RolloutGroupJobSchema>;

export const JobPayloadSchema = z.discriminatedUnion('kind', [
  BenchInferJobSchema,
  BenchJudgeJobSchema,
  RolloutGroupJobSchema,
]);
export type JobPayload = z.infer<typeof JobPayloadSchema>;
