export * from './action-tools.js';
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
} from './call-tool-result.js';
export {
  checkMcpObservation,
  deletedStaysDeletedCheck,
  errorShapeCheck,
  jsonWhenDeclaredCheck,
  type McpCheckContext,
  outputSchemaCheck,
} from './checks.js';
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
export {
  invalidArgumentsError,
  JSON_RPC_INVALID_PARAMS,
  mcpErrorText,
  unknownToolError,
} from './protocol-errors.js';
export { renderMcpAction } from './render.js';
export { describeValueType, renderSchemaIssue, type SchemaIssue, schemaIssues } from './schema-messages.js';
export {
  type ConnectMcpServerOptions,
  connectMcpServer,
  type McpServerConnection,
} from './server-connection.js';
export {
  type StructuredContentOutcome,
  type StructuredContentRule,
  structuredContentFor,
} from './structured-content.js';
export { mcpSystemPrompt } from './system-prompt.js';
export { type OutputSchemaMatch, ToolCatalog, toolCatalog } from './tool-catalog.js';
