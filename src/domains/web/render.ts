import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { isBrowserGymAction, type WebAction } from './actions.js';
import { playwrightCallText } from './dialects/playwright-mcp/index.js';

/**
 * The action as it follows `**Action:**`: BrowserGym code in a python fence; a Playwright MCP tool call as its
 * call string in a fence without a language tag.
 */
export function renderWebAction(action: WebAction, _spec?: WorldSpec): string {
  if (isBrowserGymAction(action)) return fence(action.code, 'python');
  return fence(playwrightCallText(action));
}
