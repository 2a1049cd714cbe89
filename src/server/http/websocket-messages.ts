import { AgentWorldError, type ErrorCode, toAgentWorldError } from '../../core/errors.js';
import { parseWith } from '../../core/validation.js';
import {
  type OpenEnvErrorCode,
  WS_MESSAGE_TYPES,
  type WsErrorResponse,
  type WsIncomingMessage,
  WsIncomingMessageSchema,
  WsStepEnvelopeSchema,
} from './websocket-wire-schemas.js';

/** A message that could not be read, with the OpenEnv code that names why. */
export interface UnreadableMessage {
  readonly error: AgentWorldError;
  readonly openenvCode: OpenEnvErrorCode;
}

/** Parses one text frame: malformed JSON is INVALID_JSON, a type we lack UNKNOWN_TYPE, bad fields VALIDATION_ERROR. */
export function readWsMessage(text: string): { message: WsIncomingMessage } | UnreadableMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      error: new AgentWorldError(
        'INVALID_REQUEST',
        `The message is not valid JSON: ${(error as Error).message}`,
        {
          details: { path: '$' },
        },
      ),
      openenvCode: 'INVALID_JSON',
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      error: new AgentWorldError('INVALID_REQUEST', 'A message must be a JSON object { type, data }.', {
        details: { path: '$' },
      }),
      openenvCode: 'VALIDATION_ERROR',
    };
  }
  const type: unknown = (value as Record<string, unknown>).type;
  if (typeof type !== 'string' || !(WS_MESSAGE_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 100)}"` : String(type);
    return {
      error: new AgentWorldError(
        'INVALID_REQUEST',
        `Unknown message type ${shown}: send one of ${WS_MESSAGE_TYPES.join(', ')}.`,
        { details: { path: '$.type' } },
      ),
      openenvCode: 'UNKNOWN_TYPE',
    };
  }
  try {
    return { message: parseWith(WsIncomingMessageSchema, value, 'INVALID_REQUEST', 'message') };
  } catch (error) {
    return { error: toAgentWorldError(error), openenvCode: 'VALIDATION_ERROR' };
  }
}

const ENVELOPE_KEYS = new Set(['action', 'done', 'final_answer', 'timeout_s', 'request_id']);

/** What a `step` message asks for. */
export interface WsStep {
  readonly action: unknown;
  readonly timeoutMs: number | undefined;
  /** Task episodes: end the episode (after the action, if any), with the agent's final answer. */
  readonly done?: boolean | undefined;
  readonly finalAnswer?: string | undefined;
}

/**
 * The action of a `step` message and its time limit. `data` is the envelope `{ action, done?, final_answer?,
 * timeout_s?, request_id? }` when it is an object holding `action` and nothing but those keys;
 * otherwise `data` itself is the action (so `{ "action": "click", "index": 3 }`, a phone-invoke action, stays an
 * action).
 */
export function stepActionOf(data: unknown): WsStep {
  const isEnvelope =
    data !== null &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.hasOwn(data, 'action') &&
    Object.keys(data).every((key) => ENVELOPE_KEYS.has(key));
  if (!isEnvelope) return { action: data, timeoutMs: undefined };
  const envelope = parseWith(WsStepEnvelopeSchema, data, 'INVALID_REQUEST', 'step data');
  return {
    action: envelope.action,
    timeoutMs: envelope.timeout_s === undefined ? undefined : envelope.timeout_s * 1000,
    ...(envelope.done === undefined ? {} : { done: envelope.done }),
    ...(envelope.final_answer === undefined ? {} : { finalAnswer: envelope.final_answer }),
  };
}

/** The OpenEnv code nearest to one of ours. */
export function openEnvCodeOf(code: ErrorCode): OpenEnvErrorCode {
  switch (code) {
    case 'INVALID_REQUEST':
    case 'INVALID_ACTION':
    case 'INVALID_ARGUMENTS':
    case 'INVALID_SPEC':
    case 'UNKNOWN_TOOL':
    case 'PAYLOAD_TOO_LARGE':
      return 'VALIDATION_ERROR';
    case 'CAPACITY_REACHED':
      return 'CAPACITY_REACHED';
    case 'SESSION_NOT_FOUND':
    case 'SESSION_CLOSED':
    case 'SESSION_NOT_STARTED':
    case 'SESSION_BUSY':
      return 'SESSION_ERROR';
    default:
      return 'EXECUTION_ERROR';
  }
}

/** `{ type: 'error', data }` for anything thrown: our code in `code`, OpenEnv's in `openenv_code`. */
export function wsErrorResponse(error: unknown, openenvCode?: OpenEnvErrorCode): WsErrorResponse {
  const failure = toAgentWorldError(error);
  return {
    type: 'error',
    data: {
      code: failure.code,
      message: failure.message,
      openenv_code: openenvCode ?? openEnvCodeOf(failure.code),
      retryable: failure.retryable,
      details: failure.details,
    },
  };
}
