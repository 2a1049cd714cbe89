import { isBrowserGymAction, type WebAction } from './actions.js';

/**
 * The GUI action types an action uses, for a rule's `when.tool`: the BrowserGym functions it calls (`click`,
 * `fill`, `goto` …), or the Playwright MCP tool name together with its short form (`browser_click` and `click`),
 * so one rule can name an action type in either dialect.
 */
export function webActionTools(action: WebAction): string[] {
  if (isBrowserGymAction(action)) return [...new Set(action.calls.map((call) => call.function))];
  const short = action.name.replace(/^browser_/, '');
  return short === action.name || short.length === 0 ? [action.name] : [action.name, short];
}
