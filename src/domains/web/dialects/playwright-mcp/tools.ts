import type { ToolDefinition } from '../../../../core/world-spec.js';
import captured from './tools.json' with { type: 'json' };

/** What a tool does to the page, as the checks need to know it (see BrowserGymEffect). */
export type PlaywrightToolEffect = 'navigate' | 'interact' | 'edit' | 'none';

/** The `@playwright/mcp` version whose tools/list the dialect uses (scripts/capture-web/playwright-mcp.ts). */
export const PLAYWRIGHT_MCP_VERSION: string = captured.version;

/**
 * The browser tools of the playwright-mcp dialect: the real server's tools/list, as captured from the pinned
 * `@playwright/mcp` (names, descriptions, input schemas and annotations unchanged), so they cannot drift.
 */
export const PLAYWRIGHT_TOOLS: readonly ToolDefinition[] = captured.tools as unknown as ToolDefinition[];

export const PLAYWRIGHT_TOOL_NAMES = PLAYWRIGHT_TOOLS.map((definition) => definition.name);

const EFFECTS: Readonly<Record<string, PlaywrightToolEffect>> = {
  browser_navigate: 'navigate',
  browser_navigate_back: 'navigate',
  browser_click: 'interact',
  browser_press_key: 'interact',
  browser_drag: 'interact',
  browser_drop: 'edit',
  browser_evaluate: 'interact',
  browser_run_code_unsafe: 'interact',
  browser_handle_dialog: 'interact',
  browser_file_upload: 'edit',
  browser_hover: 'edit',
  browser_fill_form: 'edit',
  browser_select_option: 'edit',
  browser_resize: 'edit',
  browser_emulate_media: 'edit',
  browser_snapshot: 'none',
  browser_take_screenshot: 'none',
  browser_find: 'none',
  browser_wait_for: 'interact',
  browser_console_messages: 'none',
  browser_network_requests: 'none',
  browser_network_request: 'none',
  browser_close: 'navigate',
};

/** The effect of a tool call; `browser_type` with `submit` and `browser_tabs` other than `list` may navigate. */
export function playwrightToolEffect(
  name: string,
  args: Readonly<Record<string, unknown>>,
): PlaywrightToolEffect {
  if (name === 'browser_type') return args.submit === true ? 'interact' : 'edit';
  if (name === 'browser_tabs') return args.action === 'list' ? 'none' : 'navigate';
  return EFFECTS[name] ?? 'interact';
}
