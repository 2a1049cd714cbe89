import { z } from 'zod';
import { BlameSchema, TruncationReasonSchema, VerifierResultRecordSchema } from '../../rollout/types.js';

/**
 * The task routes' bodies: `GET /tasks`, the text step routes (`POST /text/reset`, `POST /text/step`, in the
 * shape OpenRLHF's `AgentInstanceBase.step` returns and NeMo-Gym's resources servers verify), and what a task
 * episode adds to OpenEnv's `/reset` and `/step` answers.
 */

const SessionIdSchema = z.string().min(1).max(200);
const LabelsSchema = z.record(z.string().max(100), z.string().max(1000));
const TaskIdSchema = z.string().min(1).max(200);
/** Episode index of the curriculum and, with `member`, the session seed (see TaskCatalog). */
export const TaskSeedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 2)
  .describe(
    "episode k of `agentworld rollout --seed 0`: the curriculum stage of episode index k and that episode's session seed",
  );
export const TaskMemberSchema = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .describe('group member (own perturbation draws), as `agentworld rollout --group-size`');

/** One task of `GET /tasks` (never its solution or expected answers). */
export const TaskListingSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  instruction: z.string(),
  domain: z.string(),
  dialect: z.string(),
  tags: z.array(z.string()).optional(),
  max_turns: z.number().int().positive(),
  curriculum_from: z.array(z.number().int().nonnegative()).optional(),
});
export const TasksResponseSchema = z.object({ tasks: z.array(TaskListingSchema) });

/** What a task episode's reset answer carries in `info.task`. */
export const TaskResetInfoSchema = z.object({
  id: z.string(),
  instruction: z.string(),
  episode_index: z.number().int().nonnegative(),
  member: z.number().int().nonnegative(),
  /** Decisions the episode may take before it is truncated. */
  max_turns: z.number().int().positive(),
});

/** How a task episode ended: the verifiers' score, Gymnasium's split, and the blame. */
export const TaskOutcomeSchema = z.object({
  id: z.string(),
  blame: BlameSchema.exclude(['infrastructure']),
  reward: z.number(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  truncated_by: TruncationReasonSchema.optional(),
  final_answer: z.string().optional(),
  verifiers: z.array(VerifierResultRecordSchema),
  decisions: z.number().int().nonnegative(),
  invalid_replies: z.number().int().nonnegative(),
});
export type TaskOutcome = z.infer<typeof TaskOutcomeSchema>;

/** `POST /text/reset`. */
export const TextResetRequestSchema = z.object({
  task_id: TaskIdSchema,
  seed: TaskSeedSchema.optional(),
  member: TaskMemberSchema.optional(),
  episode_id: z.string().max(200).optional(),
  labels: LabelsSchema.optional(),
});
export type TextResetRequestBody = z.infer<typeof TextResetRequestSchema>;

const ChatMessageSchema = z.record(z.string(), z.unknown());

export const TextResetResponseSchema = z.object({
  session_id: z.string(),
  task_id: z.string(),
  /** What the native harness shows first: its system message (when it has one) and the user message. */
  messages: z.array(ChatMessageSchema),
  /** OpenAI function tools, only when the dialect's harness calls tools. */
  tools: z.array(z.record(z.string(), z.unknown())).optional(),
  /** The text of the last message. */
  observation: z.string(),
  done: z.literal(false),
  info: z.object({
    task: TaskResetInfoSchema,
    /** The harness and its reply form, e.g. `terminus-2 (json)`. */
    harness: z.string(),
    domain: z.string(),
    dialect: z.string(),
    /** The session seed. */
    seed: z.number().int(),
  }),
});
export type TextResetResponse = z.infer<typeof TextResetResponseSchema>;

/** A tool call as the policy made it: `{ id?, name, arguments }`, or OpenAI's `{ id, type, function }`. */
export const TextToolCallSchema = z.union([
  z.object({
    id: z.string().max(200).optional(),
    name: z.string().min(1).max(200),
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).default('{}'),
  }),
  z.object({
    id: z.string().max(200).optional(),
    type: z.literal('function').optional(),
    function: z.object({
      name: z.string().min(1).max(200),
      arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).default('{}'),
    }),
  }),
]);
export type TextToolCall = z.infer<typeof TextToolCallSchema>;

/** `POST /text/step`: the policy's completion, read as its harness reads it. */
export const TextStepRequestSchema = z.object({
  session_id: SessionIdSchema,
  /** The completion text as generated (`<think>` blocks allowed: kept as reasoning, never parsed as the action). */
  action_text: z.string(),
  tool_calls: z.array(TextToolCallSchema).max(64).optional(),
  /** Reasoning the server parsed out (`reasoning_content`), kept in the messages. */
  reasoning_content: z.string().optional(),
  /** The completion's token counts (OpenAI names), for the episode's token budget. */
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().optional(),
      completion_tokens: z.number().int().nonnegative().optional(),
      total_tokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
  timeout_s: z.number().positive().max(86_400).optional(),
});
export type TextStepRequestBody = z.infer<typeof TextStepRequestSchema>;

export const TextStepResponseSchema = z.object({
  session_id: z.string(),
  /** The messages to append after the assistant turn (tool results, user feedback), as the harness shows them. */
  messages: z.array(ChatMessageSchema),
  /** Their text, concatenated (empty once done). */
  observation: z.string(),
  /** The same text (OpenRLHF's name). */
  environment_feedback: z.string(),
  /** 0 until done, then the task's score. */
  reward: z.number(),
  /** The same (OpenRLHF's names). */
  rewards: z.number(),
  scores: z.number(),
  done: z.boolean(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  /** The harness's error when the reply held no valid action (the episode goes on; it is the feedback). */
  invalid_action: z.string().optional(),
  info: z.object({
    /** Decisions taken so far. */
    step: z.number().int().nonnegative(),
    blame: BlameSchema.exclude(['infrastructure']).optional(),
    verifiers: z.array(VerifierResultRecordSchema).optional(),
    final_answer: z.string().optional(),
    truncated_by: TruncationReasonSchema.optional(),
  }),
  /** OpenRLHF's `extra_logs`: numbers a trainer may log. */
  extra_logs: z.record(z.string(), z.number()),
});
export type TextStepResponse = z.infer<typeof TextStepResponseSchema>;
