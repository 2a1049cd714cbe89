import { z } from 'zod';
import { ResetResultSchema, StepInfoSchema } from '../../core/turn.js';
import {
  TaskMemberSchema,
  TaskOutcomeSchema,
  TaskResetInfoSchema,
  TaskSeedSchema,
} from './task-wire-schemas.js';

/** A session id as clients send it (ours are `s_` + 24 URL-safe characters; anything else is just unknown). */
const SessionIdSchema = z.string().min(1).max(200);
const LabelsSchema = z.record(z.string().max(100), z.string().max(1000));

/**
 * `POST /reset`: a spec name or inline WorldSpec (else the server's default spec), seed, episode id; or a task of
 * the server (`task_id`, never with `spec`), whose seed picks the episode (see TaskCatalog).
 */
export const ResetRequestSchema = z
  .object({
    spec: z.union([z.string().min(1).max(200), z.record(z.string(), z.unknown())]).optional(),
    task_id: z.string().min(1).max(200).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    member: TaskMemberSchema.optional(),
    episode_id: z.string().max(200).optional(),
    labels: LabelsSchema.optional(),
  })
  .refine((body) => body.task_id === undefined || body.spec === undefined, {
    message: 'send either a spec or a task_id, not both',
    path: ['task_id'],
  })
  .refine((body) => body.task_id === undefined || TaskSeedSchema.safeParse(body.seed ?? 0).success, {
    message: 'a task seed is at most 2^31-2',
    path: ['seed'],
  })
  .refine((body) => body.member === undefined || body.task_id !== undefined, {
    message: 'member applies to task episodes only (send a task_id)',
    path: ['member'],
  });
export type ResetRequestBody = z.infer<typeof ResetRequestSchema>;

/**
 * `POST /step`: the action in the world's dialect, and an optional time limit in seconds. On a task episode,
 * `done: true` ends the episode after this action (`"action": null` ends it without acting) and `final_answer`
 * is the agent's answer, both read by the task's verifiers.
 */
export const StepRequestSchema = z.object({
  session_id: SessionIdSchema,
  action: z.unknown().refine((value) => value !== undefined, {
    message: 'an action is required (on a task episode, null with done: true ends it without acting)',
  }),
  done: z.boolean().optional(),
  final_answer: z.string().max(100_000).optional(),
  timeout_s: z.number().positive().max(86_400).optional(),
  request_id: z.string().max(200).optional(),
});
export type StepRequestBody = z.infer<typeof StepRequestSchema>;

/** `POST /fork` and `POST /close`. */
export const SessionRequestSchema = z.object({
  session_id: SessionIdSchema,
  labels: LabelsSchema.optional(),
});
export type SessionRequestBody = z.infer<typeof SessionRequestSchema>;

/** The answer of `POST /reset`, OpenEnv-shaped (`observation`, `reward`, `done`) plus Gymnasium's split. */
export const ResetResponseSchema = z.object({
  session_id: z.string(),
  observation: z.string(),
  reward: z.null(),
  done: z.literal(false),
  terminated: z.literal(false),
  truncated: z.literal(false),
  /** On a task episode, `task` names the task and the episode. */
  info: ResetResultSchema.shape.info.extend({ task: TaskResetInfoSchema.optional() }),
});
export type ResetResponse = z.infer<typeof ResetResponseSchema>;

/**
 * The answer of `POST /step`: `done` is `terminated || truncated`; `info` holds the turn with provenance. On a
 * task episode `reward` is 0 until done, then the task's score, with the outcome in `info.task`; `info.turn` is
 * then the last turn (absent only when the client ended the episode before any turn).
 */
export const StepResponseSchema = z.object({
  session_id: z.string(),
  observation: z.string(),
  reward: z.number(),
  done: z.boolean(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  info: StepInfoSchema.partial({ turn: true }).extend({ task: TaskOutcomeSchema.optional() }),
});
export type StepResponse = z.infer<typeof StepResponseSchema>;

/** The answer of `GET /state`. */
export const StateResponseSchema = z.object({
  session_id: z.string(),
  episode_id: z.string().optional(),
  domain: z.string(),
  dialect: z.string(),
  seed: z.number().int(),
  step_count: z.number().int().nonnegative(),
  max_turns: z.number().int().positive(),
  closed: z.boolean(),
  parent_id: z.string().optional(),
  forked_at_turn: z.number().int().nonnegative().optional(),
  created_at: z.string(),
  observation: z.string(),
  ledger: z.record(z.string(), z.unknown()),
  labels: z.record(z.string(), z.string()),
});
export type StateResponse = z.infer<typeof StateResponseSchema>;

export const ForkResponseSchema = z.object({
  session_id: z.string(),
  parent_id: z.string(),
  forked_at_turn: z.number().int().nonnegative(),
  observation: z.string(),
});

export const CloseResponseSchema = z.object({
  session_id: z.string(),
  closed: z.literal(true),
  /** False when the session had already been closed. */
  was_open: z.boolean(),
});

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    details: z.record(z.string(), z.unknown()),
  }),
});
