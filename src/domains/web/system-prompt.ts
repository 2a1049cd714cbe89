import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt, renderToolDefinitions } from '../shared/index.js';
import { parseWebAction } from './actions.js';
import { type WebDialect, webDialectOf } from './dialect.js';
import { PLAYWRIGHT_TOOLS } from './playwright-tools.js';
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

const BROWSERGYM_ACTIONS = [
  'Each action is Python code calling BrowserGym primitives, one call per line; the calls run in order. Elements',
  'are named by their bid, the id in square brackets in the accessibility tree.',
  '- On elements: `click(bid, button?, modifiers?)`, `dblclick(bid)`, `hover(bid)`, `fill(bid, value)` (replaces',
  '  the field value), `select_option(bid, options)`, `check(bid)`, `uncheck(bid)`, `press(bid, key_comb)` (e.g.',
  '  "Enter" or "Control+a"), `focus(bid)`, `clear(bid)`, `drag_and_drop(from_bid, to_bid)`, `upload_file(bid, file)`.',
  '- By coordinates and keyboard: `mouse_move(x, y)`, `mouse_click(x, y, button?)`, `mouse_dblclick`, `mouse_down`,',
  '  `mouse_up`, `scroll(delta_x, delta_y)` (positive delta_y moves further down the page), `keyboard_type(text)`,',
  '  `keyboard_press(key)`.',
  '- Navigation: `goto(url)`, `go_back()`, `go_forward()`, `new_tab()`, `tab_focus(index)`, `tab_close()`.',
  '- Toward the user: `send_msg_to_user(text)` (the answer) and `report_infeasible(reason)`; `noop(wait_ms?)`',
  '  only lets time pass. These leave the page as it is.',
].join('\n');

const PLAYWRIGHT_ACTIONS = [
  'Each action is one call of a browser tool (listed under Tool Definitions), written as a call string such as',
  '`browser_click(element="Sign in link", target="e12")`. Elements are named by `target`, the `[ref=eN]` marker',
  'of the latest page snapshot; `element` is only a human description. `browser_navigate` opens a URL,',
  '`browser_navigate_back` goes back, `browser_type` types into a field and presses Enter when `submit` is true,',
  '`browser_press_key` presses a key on the focused element, `browser_wait_for` waits for time or text,',
  '`browser_snapshot` shows the current page, `browser_tabs` lists, opens, selects or closes tabs.',
].join('\n');

const AXTREE_FORMAT = [
  'The page is shown as BrowserGym agents read it: browser-state lines first (`URL: …`, `Title: …`, and with',
  'several tabs one `Tab i: <title>` line each, the active one marked `(active tab)`), a blank line, then the',
  'accessibility tree as BrowserGym flattens it, one node per line, indented one TAB per level:',
  "`[bid] role 'name'`, then ` value='…'` for fields, then comma-separated properties, such as",
  "`[10] textbox 'Your name' value='Ada', focused, required` or `[23] link 'Home', url='https://example.com/'`.",
  "The root line `RootWebArea 'Title', focused, url='…'` has no bid; names and values are Python string reprs,",
  "`''` when empty; properties are flags (focused, required) or `name=value` with Python reprs (`checked='true'`,",
  '`selected=True`, `expanded=False`); link URLs are absolute. Generic containers without properties are left',
  'out, their children moving up a level; StaticText and InlineTextBox lines carry no bid. Bids are decimal',
  'numbers given in document order when the page loads: elements that stay keep theirs, new elements get the',
  'next unused numbers, and a newly loaded page counts again from its own start.',
].join('\n');

const ARIA_FORMAT = [
  'Each tool result is what the Playwright MCP server returns: markdown sections, each opened by a `### ` line, in',
  'this order and only when they apply: `### Error` (the error text alone, e.g. `Error: Ref e9 not found in the',
  'current page snapshot. Try capturing new snapshot.`), `### Result` (what the tool reports: a tab list, a',
  'waited time), `### Ran Playwright code` with the Playwright code it ran in a ```js block, `### Open tabs` (only',
  'with more than one tab, one `- i: [Title](url)` line each, the active one `- i: (current) [Title](url)`),',
  '`### Page` with `- Page URL: …`, `- Page Title: …` (left out for an empty title), `- HTTP status: …` for an',
  'error status and `- Console: N errors, M warnings` once the page logged any, `### Modal state` for an open',
  'dialog or file chooser, `### Snapshot`, and `### Events` (`- New console entries: <log file>#Ln`).',
  'Only `browser_snapshot` shows the snapshot inline, as a ```yaml block of the ARIA tree: one',
  '`- role "name" [attributes] [ref=eN]` item per node, children indented two spaces below an item ending in `:`,',
  'text leaves as `- text: …`, link targets as `- /url: …`. Other tools that change the page link the file the',
  'snapshot was written to instead: `- [Snapshot](.playwright-mcp/page-<time>.yml)`. Typing without submit',
  'returns only the code it ran. Refs are only valid for the snapshot that shows them.',
].join('\n');

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
      actionSpace: playwright ? PLAYWRIGHT_ACTIONS : BROWSERGYM_ACTIONS,
      simulationRules: `${playwright ? ARIA_FORMAT : AXTREE_FORMAT}\n\n${DISCIPLINE}`,
      toolDefinitions: playwright ? renderToolDefinitions(spec.tools ?? PLAYWRIGHT_TOOLS) : undefined,
    },
    renderDemonstrationAction(spec),
  );
}
