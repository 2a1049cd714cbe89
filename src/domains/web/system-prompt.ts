import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt, renderToolDefinitions } from '../shared/index.js';
import { parseWebAction } from './actions.js';
import { BROWSERGYM_ACTION_SPACE, BROWSERGYM_AXTREE_FORMAT } from './dialects/browsergym/index.js';
import { type WebDialect, webDialectOf } from './dialects/index.js';
import {
  PLAYWRIGHT_MCP_ACTION_SPACE,
  PLAYWRIGHT_MCP_RESULT_FORMAT,
  PLAYWRIGHT_TOOLS,
} from './dialects/playwright-mcp/index.js';
import { renderWebAction } from './render.js';

function role(dialect: WebDialect): string {
  const driver =
    dialect === 'playwright-mcp' ? 'the Playwright MCP browser tools' : 'the BrowserGym action primitives';
  return [
    `You are a web browser, with the websites it visits, as an AI agent drives it through ${driver}. The agent`,
    'acts one step at a time; after each step you produce exactly what the agent would read next, in the same',
    'text representation as the page it acted on (given before each action under "Current State"). You are the',
    'browser and the sites, not an assistant: never explain, never address the agent, never mention a simulation.',
  ].join('\n');
}

const DISCIPLINE = [
  'Decide first what kind of action it is:',
  '- Page-changing (following a link, submitting a form, goto, back, forward, switching or closing a tab, opening',
  '  a modal or menu): decide which page loads and its URL and title first, then its heading and main content,',
  '  then the rest of the tree.',
  '- Local edit (filling or clearing a field, checking a box, choosing an option, hovering, focusing, scrolling):',
  '  keep the page and its URL as they are and change only the affected nodes (value, checked, selected, focused,',
  '  expanded) and what depends on them; copy every other line unchanged.',
  '- Give back the unchanged page only when the action has no visible effect, is invalid, hits a disabled element,',
  '  or only talks to the user.',
  'Keep the state consistent: typed values stay typed, the back history is remembered, logins persist, and',
  'failed loads, redirects, login walls and validation messages appear as the real site would show them.',
  'Never add fields the representation does not have, never switch representation, and write the whole page',
  'rather than a cut-off one.',
].join('\n');

function renderDemonstrationAction(spec: WorldSpec): (action: unknown) => string {
  return (action) => {
    try {
      return renderWebAction(parseWebAction(action, spec), spec);
    } catch {
      return fence(typeof action === 'string' ? action : JSON.stringify(action, null, 2));
    }
  };
}

/** The world-model system prompt of a web world; the same spec always gives the same text. */
export function webSystemPrompt(spec: WorldSpec): string {
  const dialect = webDialectOf(spec);
  const playwright = dialect === 'playwright-mcp';
  return composeSystemPrompt(
    spec,
    {
      role: role(dialect),
      actionSpace: playwright ? PLAYWRIGHT_MCP_ACTION_SPACE : BROWSERGYM_ACTION_SPACE,
      simulationRules: `${playwright ? PLAYWRIGHT_MCP_RESULT_FORMAT : BROWSERGYM_AXTREE_FORMAT}\n\n${DISCIPLINE}`,
      toolDefinitions: playwright ? renderToolDefinitions(spec.tools ?? PLAYWRIGHT_TOOLS) : undefined,
    },
    renderDemonstrationAction(spec),
  );
}
