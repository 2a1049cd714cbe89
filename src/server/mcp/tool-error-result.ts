import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isAgentWorldError } from '../../core/errors.js';
import { JSON_RPC_INVALID_PARAMS, mcpErrorText } from '../../domains/mcp/index.js';

/** Our errors that come from the agent's call itself: the tool, its arguments or the call's shape. */
const CALL_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNKNOWN_TOOL',
  'INVALID_ARGUMENTS',
  'INVALID_ACTION',
]);

/**
 * What a real server built on the SDK's McpServer answers for a `tools/call` it refuses: McpServer catches
 * every error of its call handler (an unknown or disabled tool, arguments that fail the inputSchema, a handler
 * that throws) and answers with a *result*, `{ content: [{ type: 'text', text: <the error's message> }],
 * isError: true }`; for an McpError that message reads `MCP error -32602: Tool x not found`. Only URL
 * elicitation errors stay JSON-RPC errors there.
 *
 * So an error of ours about the agent's call (UNKNOWN_TOOL, INVALID_ARGUMENTS, INVALID_ACTION) becomes that
 * result: the exact text of the real server when the error carries it (`details.jsonRpcCode` and
 * `details.jsonRpcMessage`, see domains/mcp/protocol-errors.ts), else the same `MCP error -32602: ` form around
 * our message. Anything else (infra failures, the turn limit) is undefined: a JSON-RPC error of ours.
 */
export function toolErrorResultOf(value: unknown): CallToolResult | undefined {
  if (!isAgentWorldError(value) || !CALL_ERROR_CODES.has(value.code)) return undefined;
  const { jsonRpcCode, jsonRpcMessage } = value.details;
  const text =
    typeof jsonRpcCode === 'number' && typeof jsonRpcMessage === 'string'
      ? mcpErrorText(jsonRpcCode, jsonRpcMessage)
      : mcpErrorText(JSON_RPC_INVALID_PARAMS, value.message);
  return { content: [{ type: 'text', text }], isError: true };
}
