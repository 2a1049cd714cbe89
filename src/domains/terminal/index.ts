export {
  DEFAULT_TERMINAL_DURATION_SECONDS,
  isTerminalCompletion,
  MAX_TERMINAL_DURATION_SECONDS,
  parseTerminalAction,
  parseTerminusReply,
  type TerminalAction,
  TerminalActionSchema,
  type TerminalCommand,
  TerminalCommandSchema,
  type TerminusParsedReply,
  type TerminusReply,
  TerminusReplySchema,
} from './actions.js';
export {
  analyzeBatch as analyzeTerminalBatch,
  type BatchAnalysis as TerminalBatchAnalysis,
  type BatchStart as TerminalBatchStart,
  type ShellCommandRun as TerminalShellCommandRun,
} from './batch.js';
export { checkTerminalObservation, MAX_TERMINAL_SCREEN_LINES } from './checks.js';
export { TERMINAL_DIALECTS, terminalDomain } from './domain.js';
export { isTerminalControlKey, isTerminalEnterKey } from './keystrokes.js';
export {
  applyTerminalTurn,
  createTerminalLedger,
  summarizeTerminalLedger,
  TERMINAL_HISTORY_LIMIT,
  type TerminalLedger,
} from './ledger.js';
export { terminalPerturbations } from './perturbations.js';
export {
  limitTerminusOutput,
  presentTerminusParseError,
  presentTerminusTurn,
  renderTerminusConfirmation,
  TERMINUS_OUTPUT_LIMIT_BYTES,
  type TerminusPaneCapture,
  type TerminusTurnInput,
  type TerminusTurnOutcome,
  terminusIncrementalOutput,
} from './presentation.js';
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
