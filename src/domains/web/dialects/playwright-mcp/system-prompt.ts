/** The playwright-mcp dialect's part of the web system prompt: its action space (one browser tool call). */
export const PLAYWRIGHT_MCP_ACTION_SPACE = [
  'Each action is one call of a browser tool (listed under Tool Definitions), written as a call string such as',
  '`browser_click(element="Sign in link", target="e12")`. Elements are named by `target`, the `[ref=eN]` marker',
  'of the latest page snapshot; `element` is only a human description. `browser_navigate` opens a URL,',
  '`browser_navigate_back` goes back, `browser_type` types into a field and presses Enter when `submit` is true,',
  '`browser_press_key` presses a key on the focused element, `browser_wait_for` waits for time or text,',
  '`browser_snapshot` shows the current page, `browser_tabs` lists, opens, selects or closes tabs.',
].join('\n');

/** What the Playwright MCP server returns: the markdown result sections and the ARIA snapshot. */
export const PLAYWRIGHT_MCP_RESULT_FORMAT = [
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
  'returns only the code it ran. Refs are only valid for the snapshot that shows them: a call naming a ref the',
  'latest snapshot lacks is answered with the `### Error` section alone, the page left as it was. A call the',
  'server cannot take at all is answered the same way before anything runs: `Tool "<name>" not found` for a tool',
  'it does not list, and for arguments against the tool\'s input schema `Invalid arguments for tool "<name>":`',
  'followed by one `✖ <issue>` line and one `  → at <argument>` line per issue (arguments it does not know are',
  'ignored).',
].join('\n');
