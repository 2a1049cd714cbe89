import { AgentWorldError } from '../../../../core/errors.js';
import { renderSchemaIssue, type SchemaIssue } from '../../schema-messages.js';

/** JSON-RPC "Invalid params": what MCP servers answer for an unknown tool or bad arguments. */
export const JSON_RPC_INVALID_PARAMS = -32602;

/*
 * What a real server answers, measured with the official SDK client (@modelcontextprotocol/sdk 1.32.2) against
 * @modelcontextprotocol/server-everything 2026.8.31 over stdio:
 *
 * - `tools/call` of a missing tool: the server raises McpError(-32602, "Tool <name> not found"). Its McpServer
 *   class catches that and answers with a *result*, not a JSON-RPC error:
 *   `{ content: [{ type: 'text', text: 'MCP error -32602: Tool <name> not found' }], isError: true }`.
 * - Arguments that fail the tool's input schema: McpError(-32602, "Input validation error: Invalid arguments for
 *   tool <name>: <issues>"), where each issue is zod's message plus ` at <dot path>` and issues are joined by
 *   newlines, e.g. `Invalid input: expected number, received undefined at a\nInvalid input: expected number,
 *   received undefined at b`; delivered the same way, as an isError result whose text starts
 *   `MCP error -32602: Input validation error: …`.
 * - Extra, undeclared arguments are accepted silently (zod strips them) unless the schema forbids them.
 *
 * We raise both as AgentWorldErrors whose message is the exact text the agent's client shows. `details` keeps
 * the JSON-RPC code and the unprefixed message; the MCP surface hands them back as the isError result the real
 * server sends (src/server/mcp/tool-error-result.ts), checked against captured real results
 * (fixtures.json).
 */

/** The text a client shows for an McpError: the SDK prefixes the code. */
export function mcpErrorText(code: number, message: string): string {
  return `MCP error ${code}: ${message}`;
}

export function unknownToolError(tool: string, available: readonly string[]): AgentWorldError {
  const jsonRpcMessage = `Tool ${tool} not found`;
  return new AgentWorldError('UNKNOWN_TOOL', mcpErrorText(JSON_RPC_INVALID_PARAMS, jsonRpcMessage), {
    details: {
      jsonRpcCode: JSON_RPC_INVALID_PARAMS,
      jsonRpcMessage,
      tool,
      path: '$.name',
      available: [...available],
    },
  });
}

export function invalidArgumentsError(tool: string, issues: readonly SchemaIssue[]): AgentWorldError {
  const jsonRpcMessage = `Input validation error: Invalid arguments for tool ${tool}: ${issues
    .map(renderSchemaIssue)
    .join('\n')}`;
  const pathed = issues.map((issue) => ({
    path: `$.arguments${issue.path.slice(1)}`,
    message: issue.message,
  }));
  return new AgentWorldError('INVALID_ARGUMENTS', mcpErrorText(JSON_RPC_INVALID_PARAMS, jsonRpcMessage), {
    details: {
      jsonRpcCode: JSON_RPC_INVALID_PARAMS,
      jsonRpcMessage,
      tool,
      path: pathed[0]?.path ?? '$.arguments',
      issues: pathed,
    },
  });
}
