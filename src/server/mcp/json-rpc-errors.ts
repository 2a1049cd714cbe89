import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { type AgentWorldError, toAgentWorldError } from '../../core/errors.js';

/** Our errors that come from the agent's request itself, answered as JSON-RPC "Invalid params". */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNKNOWN_TOOL',
  'INVALID_ARGUMENTS',
  'INVALID_ACTION',
]);

function protocolErrorOf(error: AgentWorldError): { code: number; message: string } | undefined {
  const { jsonRpcCode, jsonRpcMessage } = error.details;
  if (
    typeof jsonRpcCode === 'number' &&
    Number.isSafeInteger(jsonRpcCode) &&
    typeof jsonRpcMessage === 'string'
  ) {
    return { code: jsonRpcCode, message: jsonRpcMessage };
  }
  return undefined;
}

/**
 * The JSON-RPC error a `tools/call` answers for a failure that is not an observation:
 *
 * - a simulated protocol error (unknown tool, arguments that fail the inputSchema) carries the code and text a
 *   real server answers in `details.jsonRpcCode` / `details.jsonRpcMessage`: it becomes exactly that McpError;
 * - other problems with the request (a malformed action, or a search tool's bad arguments) are
 *   "Invalid params" (-32602) with our message;
 * - a session that reached its turn limit is "Invalid request" (-32600);
 * - everything else (engine down, timeouts, bad model output, replay misses …) is an infrastructure failure:
 *   "Internal error" (-32603) with our code in the message and `{ code, retryable, details }` as data, so a
 *   client never mistakes it for a tool failure inside the world.
 */
export function toJsonRpcError(value: unknown): McpError {
  if (value instanceof McpError) return value;
  const error = toAgentWorldError(value);
  const protocol = protocolErrorOf(error);
  if (protocol !== undefined) return new McpError(protocol.code, protocol.message);
  if (REQUEST_ERROR_CODES.has(error.code)) {
    return new McpError(ErrorCode.InvalidParams, error.message, { code: error.code, details: error.details });
  }
  const data = { code: error.code, retryable: error.retryable, details: error.details };
  if (error.code === 'INVALID_REQUEST') return new McpError(ErrorCode.InvalidRequest, error.message, data);
  return new McpError(ErrorCode.InternalError, `${error.code}: ${error.message}`, data);
}
