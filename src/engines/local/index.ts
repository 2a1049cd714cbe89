export { BUNDLED_TERMINAL_MODEL, bundledModelPath, findBundledModel } from './bundled-model.js';
export { checkCommandGrammar, type GrammarVerdict } from './command-grammar.js';
export { type PromptWindowInput, promptWindow, windowStart } from './context-window.js';
export { encodeFormulaModel, FORMULA_CONFIG, writeFormulaModel } from './formula-model.js';
export { encodeGguf, type GgufTensor, type GgufValue, writeGguf } from './gguf-writer.js';
export {
  createLocalEngine,
  type LocalEngine,
  type LocalEngineRuntime,
  type LocalEngineStats,
} from './local-engine.js';
export * as mcpByteLayout from './mcp-sequence-layout.js';
export {
  type LocalEngineOptions,
  type LocalEngineOptionsInput,
  LocalEngineOptionsSchema,
  parseLocalEngineOptions,
  UNSUPPORTED_POLICIES,
} from './options.js';
export * as terminalByteLayout from './sequence-layout.js';
export {
  type ActionPlan as LocalActionPlan,
  planAction as planLocalAction,
  splitCommandLines,
  UNSUPPORTED_EVENT as LOCAL_UNSUPPORTED_EVENT,
} from './terminal-turns.js';
