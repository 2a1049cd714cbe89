export * from './action-tools.js';
export {
  checkMcpObservation,
  deletedStaysDeletedCheck,
  errorShapeCheck,
  jsonWhenDeclaredCheck,
  type McpCheckContext,
  outputSchemaCheck,
} from './checks.js';
export {
  type CallToolResultLike,
  callToolResultToObservation,
  invalidArgumentsError,
  JSON_RPC_INVALID_PARAMS,
  type McpAction,
  type McpCallToolResult,
  McpJsonRpcToolCallSchema,
  McpOpenAiToolCallSchema,
  McpToolCallSchema,
  McpToolUseBlockSchema,
  mcpActionSchema,
  mcpErrorText,
  normalizeMcpAction,
  parseMcpAction,
  type StructuredContentOutcome,
  type StructuredContentRule,
  structuredContentFor,
  type TextToolResult,
  type ToolResultOutcome,
  toCallToolResult,
  toolResultOf,
  unknownToolError,
} from './dialects/mcp/index.js';
export { mcpDomain, mcpInitialObservation, prepareMcpSpec } from './domain.js';
export { hasClearErrorSign, mayBeErrorMessage } from './error-signs.js';
export { fetchMcpServerTools, listAllTools } from './fetch-tools.js';
export { type McpInitialData, McpInitialDataSchema, readMcpInitialData } from './initial-data.js';
export {
  applyMcpTurn,
  createMcpLedger,
  type McpCallRecord,
  type McpLedger,
  summarizeMcpLedger,
} from './ledger.js';
export { mcpPerturbations } from './perturbations.js';
export { renderMcpAction } from './render.js';
export { describeValueType, renderSchemaIssue, type SchemaIssue, schemaIssues } from './schema-messages.js';
export {
  type ConnectMcpServerOptions,
  connectMcpServer,
  type McpServerConnection,
} from './server-connection.js';
export { mcpSystemPrompt } from './system-prompt.js';
export { type OutputSchemaMatch, ToolCatalog, toolCatalog } from './tool-catalog.js';
