import { z } from 'zod';
import {
  ResetRequestSchema,
  ResetResponseSchema,
  StateResponseSchema,
  StepResponseSchema,
} from './wire-schemas.js';

/**
 * The messages of the `/ws` endpoint, in OpenEnv's WebSocket shape: every message is `{ type, data }`. One
 * connection holds one session at a time.
 */

/** The error codes OpenEnv's own servers put into `data.code`; ours carry the nearest one as `openenv_code`. */
export const OPENENV_ERROR_CODES = [
  'INVALID_JSON',
  'UNKNOWN_TYPE',
  'VALIDATION_ERROR',
  'EXECUTION_ERROR',
  'CAPACITY_REACHED',
  'FACTORY_ERROR',
  'SESSION_ERROR',
] as const;
export type OpenEnvErrorCode = (typeof OPENENV_ERROR_CODES)[number];

/** The message types a client may send. */
export const WS_MESSAGE_TYPES = ['reset', 'step', 'state', 'close'] as const;

/**
 * A step wrapped like the body of `POST /step` (minus `session_id`, which the connection knows); on a task
 * episode `done: true` ends it (after the action; `"action": null` ends it without acting) and `final_answer`
 * is the agent's answer.
 */
export const WsStepEnvelopeSchema = z.strictObject({
  action: z.unknown().refine((value) => value !== undefined, { message: 'an action is required' }),
  done: z.boolean().optional(),
  final_answer: z.string().max(100_000).optional(),
  timeout_s: z.number().positive().max(86_400).optional(),
  request_id: z.string().max(200).optional(),
});

/** `reset`: the same fields as the body of `POST /reset`; `data` may be left out. */
export const WsResetMessageSchema = z.object({
  type: z.literal('reset'),
  data: ResetRequestSchema.optional(),
});

/**
 * `step`: `data` is either the action itself (what OpenEnv's `GenericEnvClient.step(action_dict)` sends), or
 * `{ action, done?, final_answer?, timeout_s?, request_id? }` — the form to use when the action is not an object
 * (terminal keystroke lists) or to end a task episode. An object is read as that envelope only when it has
 * `action` and no other keys than these.
 */
export const WsStepMessageSchema = z.object({
  type: z.literal('step'),
  data: z
    .unknown()
    .refine((value) => value !== undefined && value !== null, { message: 'step needs data (the action)' })
    .describe('The action, or { action, done?, final_answer?, timeout_s?, request_id? }.'),
});

export const WsStateMessageSchema = z.object({ type: z.literal('state') });
export const WsCloseMessageSchema = z.object({ type: z.literal('close') });

export const WsIncomingMessageSchema = z.discriminatedUnion('type', [
  WsResetMessageSchema,
  WsStepMessageSchema,
  WsStateMessageSchema,
  WsCloseMessageSchema,
]);
export type WsIncomingMessage = z.infer<typeof WsIncomingMessageSchema>;

/** The answer to `reset` and `step`: `data` is the body `POST /reset` or `POST /step` would return. */
export const WsObservationResponseSchema = z.object({
  type: z.literal('observation'),
  data: z.union([ResetResponseSchema, StepResponseSchema]),
});

/** The answer to `state`: `data` is the body of `GET /state`. */
export const WsStateResponseSchema = z.object({
  type: z.literal('state'),
  data: StateResponseSchema,
});

/** Any failure; the connection stays open (except after a message over the size limit). */
export const WsErrorResponseSchema = z.object({
  type: z.literal('error'),
  data: z.object({
    /** Our error code (see `ERROR_CODES`), e.g. INVALID_ACTION or SESSION_NOT_STARTED. */
    code: z.string(),
    message: z.string(),
    /** The nearest code of OpenEnv's WebSocket vocabulary. */
    openenv_code: z.enum(OPENENV_ERROR_CODES),
    retryable: z.boolean(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type WsErrorResponse = z.infer<typeof WsErrorResponseSchema>;
