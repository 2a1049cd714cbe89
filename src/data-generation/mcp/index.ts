export {
  type McpCallOutcome,
  McpServerEngine,
  type McpServerEngineOptions,
} from '../../engines/real/mcp/mcp-server-engine.js';
export {
  CALL_FAMILIES,
  type CallFamily,
  type DrawnCall,
  drawCall,
  type GrammarState,
  REJECTED_FAMILIES,
  type TrainingCallFamily,
} from './call-grammar.js';
export { EXTENSION_CALL_FAMILIES, type ExtensionCallFamily } from './extension-calls.js';
export { addMcpOutcome, emptyMcpSummary, type McpGenerationSummary } from './generation-summary.js';
export {
  EMPTY_GRAPH,
  type MemoryEntity,
  type MemoryGraph,
  type MemoryRelation,
  readMemoryGraph,
} from './memory-graph.js';
export {
  MEMORY_SERVER_PACKAGE,
  MEMORY_SERVER_RELATIVE_SCRIPT,
  memoryServerCommand,
  memoryServerVersion,
} from './memory-server.js';
export { type EntityKind, MemoryVocabulary } from './memory-vocabulary.js';
export {
  type McpGenerationOptions,
  type McpGenerationResult,
  runMcpGeneration,
} from './run-generation.js';
export {
  generatedMcpSessionId,
  generateMcpSession,
  type McpDropReason,
  type McpSessionGeneratorOptions,
  type McpSessionOutcome,
  type RejectedCall,
} from './session-generator.js';
export { MEMORY_SERVER_NAME, memorySessionSpec } from './session-spec.js';
