/** The browsergym dialect's part of the web system prompt: its action space (BrowserGym primitives). */
export const BROWSERGYM_ACTION_SPACE = [
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

/** How BrowserGym shows a page: browser-state lines, then its flattened accessibility tree. */
export const BROWSERGYM_AXTREE_FORMAT = [
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
  'An action that fails is not refused: its calls run until one fails, and the page is shown as it then is after a',
  'first line `Last action error: <the error>`. A call naming a bid the page does not have fails before it does',
  'anything, with `Last action error: ValueError: Could not find element with bid "<bid>"`. Code calling a function',
  "BrowserGym does not have runs none of its calls: `Last action error: NameError: Invalid action type '<name>'.`",
].join('\n');
