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
  renderClaudeFileUpdated as sweRenderClaudeFileUpdated,
  renderClaudeNumberedLines as sweRenderClaudeNumberedLines,
  renderClaudeRead as sweRenderClaudeRead,
  renderClaudeWriteCreated as sweRenderClaudeWriteCreated,
} from './dialects/claude-code/index.js';
export {
  GEMINI_SHELL_FIELDS as SWE_GEMINI_SHELL_FIELDS,
  type GeminiShellResult as SweGeminiShellResult,
  parseShellEnvelope as sweParseShellEnvelope,
  renderGeminiShellEnvelope as sweRenderGeminiShellEnvelope,
} from './dialects/gemini-cli/index.js';
export {
  DEFAULT_SWE_DIALECT,
  isSweDialect,
  SWE_DIALECTS,
  type SweDialect,
  sweDialectOf,
} from './dialects/index.js';
export {
  isMiniSweSubmission,
  MINI_SWE_ELISION_WARNING as SWE_MINI_ELISION_WARNING,
  MINI_SWE_HEAD_TAIL as SWE_MINI_HEAD_TAIL,
  MINI_SWE_OUTPUT_LIMIT as SWE_MINI_OUTPUT_LIMIT,
  miniSweCommandFromText,
  miniSweTimeoutMessage,
  parseMiniSweResult as sweParseMiniResult,
  presentMiniSweObservation,
  renderMiniSweException as sweRenderMiniException,
  renderMiniSweObservation as sweRenderMiniObservation,
} from './dialects/mini-swe-agent/index.js';
export {
  renderSweAgentView as sweRenderSweAgentView,
  SWE_AGENT_NO_OUTPUT,
} from './dialects/swe-agent/index.js';
export { presentSweAgentObservation } from './dialects/swe-agent/presentation.js';
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
} from './dialects/swe-agent/render.js';
export { sweDomain, sweInitialObservation } from './domain.js';
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
  renderCatNumberedLines as sweRenderCatNumberedLines,
} from './observation-format.js';
export {
  diffSweObservations,
  parseNumberedLines as sweParseNumberedLines,
  parseSweObservation,
  type SweNumberedLine,
  type SweObservationDiff,
  type SweObservationNode,
} from './observation-parse.js';
export { swePerturbations } from './perturbations.js';
export { presentSweObservation } from './presentation.js';
export { renderSweAction } from './render.js';
export { sweSystemPrompt } from './system-prompt.js';
export { SWE_BUILTIN_TOOLS, sweTools } from './tools.js';
