export {
  isSweCompletion,
  normalizeSweAction,
  parseSweAction,
  type SweAction,
  SweToolCallSchema,
  sweActionSchema,
} from './actions.js';
export {
  checkSweObservation,
  editAnchorCheck as sweEditAnchorCheck,
  envelopeFormatCheck as sweEnvelopeFormatCheck,
  readShowsWrittenCheck as sweReadShowsWrittenCheck,
  type SweCheckContext,
} from './checks.js';
export {
  DEFAULT_SWE_DIALECT,
  isSweDialect,
  SWE_DIALECTS,
  type SweDialect,
  sweDialectOf,
} from './dialects.js';
export { sweDomain, sweInitialObservation } from './domain.js';
export {
  presentMiniSweObservation,
  presentSweAgentObservation,
  presentSweObservation,
} from './harness-presentation.js';
export {
  defaultSweCwd,
  readSweInitialData,
  type SweInitialData,
  SweInitialDataSchema,
} from './initial-data.js';
export {
  applySweTurn,
  createSweLedger,
  type SweBackgroundShell,
  type SweFileState,
  type SweLedger,
  type SweTodo,
  summarizeSweLedger,
} from './ledger.js';
export {
  codePointLength as sweCodePointLength,
  fileLines as sweFileLines,
  GEMINI_SHELL_FIELDS as SWE_GEMINI_SHELL_FIELDS,
  type GeminiShellResult as SweGeminiShellResult,
  isMiniSweSubmission,
  MINI_SWE_ELISION_WARNING as SWE_MINI_ELISION_WARNING,
  MINI_SWE_HEAD_TAIL as SWE_MINI_HEAD_TAIL,
  MINI_SWE_OUTPUT_LIMIT as SWE_MINI_OUTPUT_LIMIT,
  miniSweTimeoutMessage,
  renderCatNumberedLines as sweRenderCatNumberedLines,
  renderClaudeFileUpdated as sweRenderClaudeFileUpdated,
  renderClaudeNumberedLines as sweRenderClaudeNumberedLines,
  renderClaudeRead as sweRenderClaudeRead,
  renderClaudeWriteCreated as sweRenderClaudeWriteCreated,
  renderGeminiShellEnvelope as sweRenderGeminiShellEnvelope,
  renderMiniSweException as sweRenderMiniException,
  renderMiniSweObservation as sweRenderMiniObservation,
  renderSweAgentView as sweRenderSweAgentView,
  SWE_AGENT_NO_OUTPUT,
} from './observation-format.js';
export {
  diffSweObservations,
  parseMiniSweResult as sweParseMiniResult,
  parseNumberedLines as sweParseNumberedLines,
  parseShellEnvelope as sweParseShellEnvelope,
  parseSweObservation,
  type SweNumberedLine,
  type SweObservationDiff,
  type SweObservationNode,
} from './observation-parse.js';
export { swePerturbations } from './perturbations.js';
export { renderSweAction } from './render.js';
export {
  expandTabs as sweExpandTabs,
  renderSweAgentStrReplace,
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  runSweAgentEditor,
  SWE_AGENT_SUBMIT_REVIEW,
  type SweAgentEditorFiles,
  type SweAgentEditorHistory,
  type SweAgentEditorResult,
  sweAgentMakeOutput,
} from './swe-agent-editor.js';
export { sweSystemPrompt } from './system-prompt.js';
export { SWE_BUILTIN_TOOLS, sweTools } from './tools.js';
