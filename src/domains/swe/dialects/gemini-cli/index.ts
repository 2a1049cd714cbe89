/**
 * The gemini-cli dialect of the swe domain. gemini-cli: tool calls to its built-in tools and the refusals of its
 * parameter checks (actions.ts), the texts its tools return (render.ts writes them, parse.ts reads the
 * run_shell_command envelope), its part of the system prompt.
 */
export {
  GEMINI_CLI_TOOLS,
  GEMINI_TODO_STATUSES,
  type GeminiWorkspace,
  geminiToolParamsError,
  geminiUnknownToolError,
} from './actions.js';
export { parseShellEnvelope } from './parse.js';
export {
  GEMINI_READ_MAX_LINE_LENGTH,
  GEMINI_READ_MAX_LINES,
  GEMINI_SHELL_FIELDS,
  type GeminiDirectoryEntry,
  type GeminiReplaceOutcome,
  type GeminiShellField,
  type GeminiShellResult,
  geminiShellOutput,
  renderGeminiFileNotFound,
  renderGeminiListDirectory,
  renderGeminiPathIsDirectory,
  renderGeminiReadFile,
  renderGeminiReplace,
  renderGeminiShellEnvelope,
  renderGeminiWriteFile,
  renderGeminiWriteTodos,
} from './render.js';
export { GEMINI_CLI_ACTION_SPACE, GEMINI_CLI_RESULT_FORMAT } from './system-prompt.js';
