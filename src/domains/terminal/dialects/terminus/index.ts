/**
 * The terminus dialect (terminal-bench's Terminus-2): keystroke commands and whole Terminus-2 replies
 * in the JSON or XML form (actions.ts, xml-reply.ts, with the tmux key names of keystrokes.ts), what the harness shows its policy (presentation.ts),
 * its part of the system prompt, and conformance fixtures restated from the harness source (fixtures.ts,
 * conformance.test.ts). The world-model screen format is the domain's own (../../screen.ts).
 */
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
  type TerminusParseOptions,
  type TerminusParserName,
  type TerminusReply,
  TerminusReplySchema,
} from './actions.js';
export { isTerminalControlKey, isTerminalEnterKey } from './keystrokes.js';
export {
  limitTerminusOutput,
  presentTerminusParseError,
  presentTerminusReply,
  presentTerminusTurn,
  renderTerminusConfirmation,
  TERMINUS_OUTPUT_LIMIT_BYTES,
  type TerminusPaneCapture,
  type TerminusReplyStepInput,
  type TerminusTurnInput,
  type TerminusTurnOutcome,
  terminusIncrementalOutput,
} from './presentation.js';
export { TERMINUS_ACTION_SPACE } from './system-prompt.js';
export { looksLikeTerminusXml, parseTerminusXml, type XmlParseResult } from './xml-reply.js';
