/**
 * The claude-code dialect of the swe domain. Claude Code: tool calls to its built-in tools and the wording of its
 * schema refusals (actions.ts), the results its tools print (render.ts), its part of the system prompt. Its
 * numbered views are parsed by the domain's observation-parse.ts (shared with swe-agent).
 */
export {
  CLAUDE_CODE_TOOLS,
  claudeInputValidationError,
  renderClaudeInputValidationError,
  renderClaudeNoSuchTool,
} from './actions.js';
export {
  CLAUDE_READ_REMINDER,
  CLAUDE_WRITE_CLIPPED,
  CLAUDE_WRITE_MAX_LINES,
  type ClaudeBashResult,
  claudeApplyEdit,
  claudeBashIsError,
  claudeEditRefusal,
  claudeWriteRefusal,
  renderClaudeBash,
  renderClaudeBashBackground,
  renderClaudeEditUpdated,
  renderClaudeFileDoesNotExist,
  renderClaudeFileUpdated,
  renderClaudeNumberedLines,
  renderClaudeRead,
  renderClaudeToolUseError,
  renderClaudeWriteCreated,
  renderClaudeWriteUpdated,
} from './render.js';
export { CLAUDE_CODE_ACTION_SPACE, CLAUDE_CODE_RESULT_FORMAT } from './system-prompt.js';
