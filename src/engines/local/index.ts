export {
  BUNDLED_MCP_MODEL,
  BUNDLED_MODELS,
  BUNDLED_TERMINAL_MODEL,
  type BundledModelDomain,
  bundledModelPath,
  findBundledModel,
  isBundledModelDomain,
} from './bundled-model.js';
export { checkCommandGrammar, type GrammarVerdict } from './command-grammar.js';
export { type PromptWindowInput, promptWindow, windowStart } from './context-window.js';
export {
  encodeFormulaModel,
  FORMULA_CONFIG,
  FORMULA_MCP_LAYOUT,
  type FormulaModelFileOptions,
  writeFormulaMcpModel,
  writeFormulaModel,
} from './formula-model.js';
export { readGgufStrings, readModelFileLayout } from './gguf-metadata.js';
export { encodeGguf, type GgufTensor, type GgufValue, writeGguf } from './gguf-writer.js';
export {
  createLocalEngine,
  type LocalEngine,
  type LocalEngineRuntime,
  type LocalEngineStats,
} from './local-engine.js';
export * as mcpByteLayout from './mcp-sequence-layout.js';
export { mcpModelSubject, mcpSpecMismatch } from './mcp-spec-fit.js';
export {
  EMBEDDED_LAYOUTS,
  type EmbeddedLayoutId,
  type EmbeddedModelLayout,
  mcpModelServer,
  recognizeModelLayout,
} from './model-layout.js';
export {
  type LocalEngineOptions,
  type LocalEngineOptionsInput,
  LocalEngineOptionsSchema,
  parseLocalEngineOptions,
  UNSUPPORTED_POLICIES,
} from './options.js';
export * as terminalByteLayout from './sequence-layout.js';
export { EMBEDDED_TERMINAL_SHELLS, terminalSpecMismatch } from './terminal-spec-fit.js';
export {
  type ActionPlan as LocalActionPlan,
  planAction as planLocalAction,
  splitCommandLines,
  UNSUPPORTED_EVENT as LOCAL_UNSUPPORTED_EVENT,
} from './terminal-turns.js';
