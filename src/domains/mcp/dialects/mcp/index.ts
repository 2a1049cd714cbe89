/**
 * The mcp dialect (the Model Context Protocol's tools/call): the tool-call forms it accepts and their validation
 * against the tool catalog (actions.ts), the errors a real server answers for bad calls (protocol-errors.ts),
 * how an observation becomes the CallToolResult a client sees and back (presentation.ts, with
 * structured-content.ts), its part of the system prompt, and results captured from real servers (fixtures.json,
 * conformance.test.ts).
 */
export {
  type McpAction,
  McpJsonRpcToolCallSchema,
  McpOpenAiToolCallSchema,
  McpToolCallSchema,
  McpToolUseBlockSchema,
  mcpActionSchema,
  normalizeMcpAction,
  parseMcpAction,
} from './actions.js';
export {
  type CallToolResultLike,
  callToolResultToObservation,
  type McpCallToolResult,
  type TextToolResult,
  type ToolResultOutcome,
  toCallToolResult,
  toolResultOf,
} from './presentation.js';
export {
  invalidArgumentsError,
  JSON_RPC_INVALID_PARAMS,
  mcpErrorText,
  unknownToolError,
} from './protocol-errors.js';
export {
  type StructuredContentOutcome,
  type StructuredContentRule,
  structuredContentFor,
} from './structured-content.js';
export { MCP_ACTION_SPACE } from './system-prompt.js';
