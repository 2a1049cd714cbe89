export {
  analyzeBatch as analyzeTerminalBatch,
  type BatchAnalysis as TerminalBatchAnalysis,
  type BatchStart as TerminalBatchStart,
  type ShellCommandRun as TerminalShellCommandRun,
} from './batch.js';
export { checkTerminalObservation, MAX_TERMINAL_SCREEN_LINES } from './checks.js';
export { TERMINAL_DIALECTS } from './dialects/index.js';
export {
  DEFAULT_TERMINAL_DURATION_SECONDS,
  isTerminalCompletion,
  isTerminalControlKey,
  isTerminalEnterKey,
  limitTerminusOutput,
  looksLikeTerminusXml,
  MAX_TERMINAL_DURATION_SECONDS,
  parseTerminalAction,
  parseTerminusReply,
  presentTerminusParseError,
  presentTerminusReply,
  presentTerminusTurn,
  renderTerminusConfirmation,
  TERMINUS_OUTPUT_LIMIT_BYTES,
  type TerminalAction,
  TerminalActionSchema,
  type TerminalCommand,
  TerminalCommandSchema,
  type TerminusPaneCapture,
  type TerminusParsedReply,
  type TerminusParseOptions,
  type TerminusParserName,
  type TerminusReply,
  TerminusReplySchema,
  type TerminusReplyStepInput,
  type TerminusTurnInput,
  type TerminusTurnOutcome,
  terminusIncrementalOutput,
} from './dialects/terminus/index.js';
export { terminalDomain } from './domain.js';
export {
  applyTerminalTurn,
  createTerminalLedger,
  summarizeTerminalLedger,
  TERMINAL_HISTORY_LIMIT,
  type TerminalLedger,
} from './ledger.js';
export { terminalPerturbations } from './perturbations.js';
export {
  findPromptLines,
  isSessionPrompt,
  type LocatedPrompt,
  type PromptLine,
  parsePromptLine,
  parseTrailingPrompt,
} from './prompt-line.js';
export { renderTerminalAction } from './render.js';
export {
  detectTerminalMode,
  renderTerminalCompletion,
  renderTerminalScreen,
  TERMINAL_COMPLETION_QUESTION,
  TERMINAL_PANE_LINES,
  type TerminalScreenEntry,
} from './screen.js';
export {
  DEFAULT_TERMINAL_CWD,
  DEFAULT_TERMINAL_PROMPT_TEMPLATE,
  DEFAULT_TERMINAL_USER,
  defaultTerminalHost,
  renderTerminalPrompt,
  resolveTerminalSetup,
  type TerminalInitialData,
  TerminalInitialDataSchema,
  type TerminalSetup,
  terminalInitialScreen,
} from './setup.js';
export type {
  FileMark as TerminalFileMark,
  ShellState as TerminalShellState,
  TerminalMode,
} from './shell-effects.js';
export { parseShellLine as parseTerminalShellLine } from './shell-words.js';
export { terminalSystemPrompt } from './system-prompt.js';
