/**
 * The one error hierarchy of AgentWorld. Every failure that reaches a caller is an AgentWorldError with a
 * string code, a retryable flag and an HTTP status that servers reuse. Failures *inside* the simulated world
 * (a command that fails, a tool that returns an error) are observations, never errors.
 */

export const ERROR_CODES = {
  INVALID_ACTION: {
    retryable: false,
    httpStatus: 400,
    description: 'The action does not match the dialect.',
  },
  INVALID_SPEC: { retryable: false, httpStatus: 400, description: 'The WorldSpec is not valid.' },
  INVALID_REQUEST: { retryable: false, httpStatus: 400, description: 'A request or option is not valid.' },
  UNKNOWN_TOOL: {
    retryable: false,
    httpStatus: 400,
    description: 'The action names a tool the world lacks.',
  },
  INVALID_ARGUMENTS: {
    retryable: false,
    httpStatus: 400,
    description: "The tool arguments do not match the tool's input schema.",
  },
  UNSUPPORTED: { retryable: false, httpStatus: 400, description: 'The feature is not supported here.' },
  UNAUTHORIZED: { retryable: false, httpStatus: 401, description: 'The API key is missing or not valid.' },
  FORBIDDEN: {
    retryable: false,
    httpStatus: 403,
    description: 'A server without API keys refuses a request from elsewhere (a foreign Host or Origin).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    retryable: false,
    httpStatus: 415,
    description: 'The request body is not declared as application/json.',
  },
  PAYLOAD_TOO_LARGE: {
    retryable: false,
    httpStatus: 413,
    description: 'The request body is over the size limit.',
  },
  NOT_FOUND: { retryable: false, httpStatus: 404, description: 'No such route or resource.' },
  SESSION_NOT_FOUND: { retryable: false, httpStatus: 404, description: 'No session has that id.' },
  SESSION_CLOSED: { retryable: false, httpStatus: 409, description: 'The session was closed.' },
  SESSION_NOT_STARTED: { retryable: false, httpStatus: 409, description: 'reset() has not been called.' },
  SESSION_BUSY: { retryable: true, httpStatus: 409, description: 'Another step of this session is running.' },
  ENGINE_UNAVAILABLE: { retryable: true, httpStatus: 503, description: 'The engine could not be reached.' },
  ENGINE_TIMEOUT: { retryable: true, httpStatus: 504, description: 'The engine did not answer in time.' },
  ENGINE_RATE_LIMITED: { retryable: true, httpStatus: 429, description: 'The engine asked us to slow down.' },
  ENGINE_ERROR: { retryable: false, httpStatus: 502, description: 'The engine refused the request.' },
  MODEL_OUTPUT_INVALID: {
    retryable: true,
    httpStatus: 502,
    description: 'The world model answered without a usable observation.',
  },
  REPLAY_MISS: {
    retryable: false,
    httpStatus: 404,
    description: 'No recorded trajectory matches this step.',
  },
  CAPACITY_REACHED: { retryable: true, httpStatus: 429, description: 'Too many sessions or requests.' },
  ABORTED: { retryable: false, httpStatus: 499, description: 'The caller aborted the operation.' },
  CONFIG_INVALID: { retryable: false, httpStatus: 400, description: 'The configuration is not valid.' },
  STORE_ERROR: { retryable: false, httpStatus: 500, description: 'The embedded store failed.' },
  STORE_UNAVAILABLE: {
    retryable: true,
    httpStatus: 503,
    description: 'The store (PostgreSQL or SQLite) could not be reached; nothing was half-written.',
  },
  QUEUE_UNAVAILABLE: {
    retryable: true,
    httpStatus: 503,
    description: 'The job queue (Redis) could not be reached.',
  },
  JOB_INVALID: {
    retryable: false,
    httpStatus: 400,
    description: 'A queued job carries a payload that is not valid; it fails once and is not retried.',
  },
  INTERNAL: { retryable: false, httpStatus: 500, description: 'An unexpected internal failure.' },
} as const satisfies Record<string, { retryable: boolean; httpStatus: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AgentWorldErrorOptions {
  readonly details?: Record<string, unknown>;
  readonly cause?: unknown;
  /** Overrides the code's default retryable flag (e.g. a 400 from an engine is not worth retrying). */
  readonly retryable?: boolean;
}

export class AgentWorldError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AgentWorldErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentWorldError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.httpStatus = ERROR_CODES[code].httpStatus;
    this.details = options.details ?? {};
  }

  /** The JSON body servers and the CLI print for this error. */
  toJSON(): {
    error: { code: ErrorCode; message: string; retryable: boolean; details: Record<string, unknown> };
  } {
    return {
      error: { code: this.code, message: this.message, retryable: this.retryable, details: this.details },
    };
  }
}

export function isAgentWorldError(value: unknown, code?: ErrorCode): value is AgentWorldError {
  return value instanceof AgentWorldError && (code === undefined || value.code === code);
}

/** Wraps anything thrown into an AgentWorldError, keeping AgentWorldErrors as they are. */
export function toAgentWorldError(value: unknown, fallback: ErrorCode = 'INTERNAL'): AgentWorldError {
  if (value instanceof AgentWorldError) return value;
  if (value instanceof Error && value.name === 'AbortError') {
    return new AgentWorldError('ABORTED', value.message || 'The operation was aborted.', { cause: value });
  }
  const message = value instanceof Error ? value.message : String(value);
  return new AgentWorldError(fallback, message, { cause: value });
}
