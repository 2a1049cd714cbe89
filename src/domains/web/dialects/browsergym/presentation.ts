/**
 * How BrowserGym's demo agent shows an observation to its policy (the harness presentation), after
 * ServiceNow/BrowserGym 9e779f08 `demo_agent/agent.py` `get_action`: the text parts `# Currently open tabs`, one
 * `Tab i (active tab)` / `  Title: …` / `  URL: …` part per tab, `# Current page Accessibility Tree` with the
 * flattened tree, and `# Error message from last action` with `last_action_error` when the action failed, joined
 * by newlines as the agent joins its prompt parts. The world-model observation (render.ts) stays the compact
 * `URL:` / `Title:` header over the same tree; the goal, action space and history around these parts are the
 * agent's own prompt, not the environment's.
 */
import { browserGymLastActionError } from './errors.js';
import { parseAxTree } from './parse.js';

/** The tree lines of an observation: what follows its error line and browser-state header. */
function treeOf(observation: string): string {
  const lines = observation.split('\n');
  let start = 0;
  while (start < lines.length) {
    const line = lines[start] as string;
    if (/^(?:Last action error:|URL:|Title:|Tab \d+)/.test(line) || line.trim().length === 0) start += 1;
    else break;
  }
  return lines.slice(start).join('\n').replace(/\s+$/, '');
}

/** A browsergym world-model observation as the demo agent shows it to its policy. */
export function presentBrowserGymObservation(observation: string): string {
  const page = parseAxTree(observation);
  const tabs =
    page.tabs.length > 0 ? page.tabs : [{ index: 0, title: page.title ?? '', url: page.url, active: true }];
  const parts = ['# Currently open tabs\n'];
  for (const tab of tabs) {
    const url = tab.url ?? (tab.active ? page.url : undefined);
    parts.push(
      `Tab ${tab.index}${tab.active ? ' (active tab)' : ''}\n  Title: ${tab.title}\n${url === undefined ? '' : `  URL: ${url}\n`}`,
    );
  }
  parts.push(`# Current page Accessibility Tree\n\n${treeOf(observation)}\n\n`);
  const error = browserGymLastActionError(observation);
  if (error !== undefined) parts.push(`# Error message from last action\n\n${error}\n\n`);
  return parts.join('\n');
}
