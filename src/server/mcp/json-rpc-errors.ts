import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { toAgentWorldError } from '../../core/errors.js';

/**
 * A JSON-RPC error to throw from an SDK request handler. The SDK answers a handler's failure with its numeric
 * `code`, its `message` and its `data` as they are. An McpError would not do: its message already carries the
 * `MCP error <code>: ` prefix, which the client then adds a second time.
 */
export class JsonRpcErrorReply extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'JsonRpcErrorReply';
    this.code = code;
    this.data = data;
  }
}

const MCP_ERROR_PREFIX = /^MCP error -?\d+: /;

/**
 * The JSON-RPC error a `tools/call` answers for a failure that is neither an observation nor a tool error
 * (those are results: see tool-error-result.ts):
 *
 * - a session that reached its turn limit is "Invalid request" (-32600);
 * - an agent's request that reaches here anyway (unknown tool, bad arguments) is "Invalid params" (-32602);
 * - everything else (engine down, timeouts, bad model output, a result that fits no outputSchema, replay
 *   misses …) is an infrastructure failure of ours: "Internal error" (-32603) with our code in the message and
 *   `{ code, retryable, details }` as data, so a client never mistakes it for a tool failure inside the world.
 */
export function toJsonRpcError(value: unknown): JsonRpcErrorReply {
  if (value instanceof JsonRpcErrorReply) return value;
  if (value instanceof McpError) {
    return new JsonRpcErrorReply(value.code, value.message.replace(MCP_ERROR_PREFIX, ''), value.data);
  }
  const error = toAgentWorldError(value);
  const data = { code: error.code, retryable: error.retryable, details: error.details };
  if (error.code === 'INVALID_REQUEST')
    return new JsonRpcErrorReply(ErrorCode.InvalidRequest, error.message, data);
  if (
    error.code === 'UNKNOWN_TOOL' ||
    error.code === 'INVALID_ARGUMENTS' ||
    error.code === 'INVALID_ACTION'
  ) {
    return new JsonRpcErrorReply(ErrorCode.InvalidParams, error.message, data);
  }
  return new JsonRpcErrorReply(ErrorCode.InternalError, `${error.code}: ${error.message}`, data);
}
