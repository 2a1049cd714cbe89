/**
 * The playwright-mcp dialect of the web domain: one `@playwright/mcp` tool call per action (actions.ts, over the
 * real server's tools/list in tools.json, read by tools.ts), its markdown result sections (render.ts writes and
 * splits them) with the ARIA snapshot (parse.ts reads it), its part of the system prompt; conformance fixtures
 * captured from the real server by scripts/capture-web/playwright-mcp.ts (fixtures.json, tools.json,
 * conformance.test.ts).
 */
export {
  type PlaywrightMcpAction,
  PlaywrightMcpActionInputSchema,
  PlaywrightMcpActionSchema,
  parsePlaywrightMcpAction,
  playwrightCallText,
  refsOfToolCall,
} from './actions.js';
export { playwrightErrorText, playwrightRefNotFoundError } from './errors.js';
export { isPlaywrightErrorResult, parseAriaSnapshot } from './parse.js';
export {
  PLAYWRIGHT_SECTION_TITLES,
  type PlaywrightPageState,
  type PlaywrightSection,
  playwrightPageLines,
  renderPlaywrightResult,
  renderPlaywrightSnapshotResult,
  SNAPSHOT_LINK,
  sectionLines,
  splitPlaywrightResult,
} from './render.js';
export { playwrightServerRefusal } from './server-refusal.js';
export { PLAYWRIGHT_MCP_ACTION_SPACE, PLAYWRIGHT_MCP_RESULT_FORMAT } from './system-prompt.js';
export {
  PLAYWRIGHT_MCP_VERSION,
  PLAYWRIGHT_TOOL_NAMES,
  PLAYWRIGHT_TOOLS,
  type PlaywrightToolEffect,
  playwrightToolEffect,
} from './tools.js';
