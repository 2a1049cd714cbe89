import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { isBrowserGymAction, type WebAction } from './actions.js';
import type { PlaywrightMcpAction } from './playwright-mcp-actions.js';

function pythonLiteral(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return JSON.stringify(value);
}

/** A tool call as the call string the real rows show: `browser_click(element="Sign in", target="e12")`. */
export function playwrightCallText(action: PlaywrightMcpAction): string {
  const args = Object.entries(action.arguments).map(([key, value]) => `${key}=${pythonLiteral(value)}`);
  return `${action.name}(${args.join(', ')})`;
}

/**
 * The action as it follows `**Action:**`: BrowserGym code in a python fence; a Playwright MCP tool call as its
 * call string in a fence without a language tag.
 */
export function renderWebAction(action: WebAction, _spec?: WorldSpec): string {
  if (isBrowserGymAction(action)) return fence(action.code, 'python');
  return fence(playwrightCallText(action));
}
