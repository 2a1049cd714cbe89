import { z } from 'zod';
import { parseWorldSpec } from '../../session/create-env.js';
import { actionJsonSchema, jsonSchemaFor } from '../../session/json-schemas.js';
import { resolveSpecInput } from '../sessions/named-spec.js';
import {
  TasksResponseSchema,
  TextResetRequestSchema,
  TextResetResponseSchema,
  TextStepRequestSchema,
  TextStepResponseSchema,
} from './task-wire-schemas.js';
import {
  WsErrorResponseSchema,
  WsIncomingMessageSchema,
  WsObservationResponseSchema,
  WsStateResponseSchema,
} from './websocket-wire-schemas.js';
import {
  CloseResponseSchema,
  ErrorResponseSchema,
  ForkResponseSchema,
  ResetRequestSchema,
  ResetResponseSchema,
  SessionRequestSchema,
  StateResponseSchema,
  StepRequestSchema,
  StepResponseSchema,
} from './wire-schemas.js';

function requestSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function responseSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * `GET /schema`: JSON Schemas of every request and answer (the `/ws` messages included), emitted from the zod schemas that validate them, the
 * WorldSpec, and — when a spec is named — the action schema of that world.
 */
export async function schemaDocument(
  specName: string | undefined,
  namedSpecs: Readonly<Record<string, unknown>>,
  options: { signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  const document: Record<string, unknown> = {
    worldspec: jsonSchemaFor('worldspec'),
    session: jsonSchemaFor('session'),
    reset_request: requestSchema(ResetRequestSchema),
    reset_response: responseSchema(ResetResponseSchema),
    step_request: requestSchema(StepRequestSchema),
    step_response: responseSchema(StepResponseSchema),
    state_response: responseSchema(StateResponseSchema),
    session_request: requestSchema(SessionRequestSchema),
    fork_response: responseSchema(ForkResponseSchema),
    close_response: responseSchema(CloseResponseSchema),
    error: responseSchema(ErrorResponseSchema),
    ws_message: requestSchema(WsIncomingMessageSchema),
    ws_observation: responseSchema(WsObservationResponseSchema),
    ws_state: responseSchema(WsStateResponseSchema),
    ws_error: responseSchema(WsErrorResponseSchema),
    tasks_response: responseSchema(TasksResponseSchema),
    text_reset_request: requestSchema(TextResetRequestSchema),
    text_reset_response: responseSchema(TextResetResponseSchema),
    text_step_request: requestSchema(TextStepRequestSchema),
    text_step_response: responseSchema(TextStepResponseSchema),
  };
  if (specName !== undefined) {
    const spec = parseWorldSpec(await resolveSpecInput(specName, namedSpecs, options));
    document.action = actionJsonSchema(spec);
  }
  return document;
}
