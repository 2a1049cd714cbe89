/**
 * The gemini-cli dialect of the swe domain. gemini-cli: tool calls to its built-in tools (actions.ts), the run_shell_command envelope (render.ts writes it,
 * parse.ts reads it), its part of the system prompt.
 */
export { GEMINI_CLI_TOOLS } from './actions.js';
export { parseShellEnvelope } from './parse.js';
export {
  GEMINI_SHELL_FIELDS,
  type GeminiShellField,
  type GeminiShellResult,
  renderGeminiShellEnvelope,
} from './render.js';
export { GEMINI_CLI_ACTION_SPACE, GEMINI_CLI_RESULT_FORMAT } from './system-prompt.js';
