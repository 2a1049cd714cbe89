/**
 * The claude-code dialect of the swe domain. Claude Code: tool calls to its built-in tools (actions.ts), the results they print (render.ts), its part of
 * the system prompt. Its numbered views are parsed by the domain's observation-parse.ts (shared with swe-agent).
 */
export { CLAUDE_CODE_TOOLS } from './actions.js';
export {
  renderClaudeFileUpdated,
  renderClaudeNumberedLines,
  renderClaudeRead,
  renderClaudeWriteCreated,
} from './render.js';
export { CLAUDE_CODE_ACTION_SPACE, CLAUDE_CODE_RESULT_FORMAT } from './system-prompt.js';
