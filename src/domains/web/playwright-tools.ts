import type { ToolDefinition } from '../../core/world-spec.js';

/** What a tool does to the page, as the checks need to know it (see BrowserGymEffect). */
export type PlaywrightToolEffect = 'navigate' | 'interact' | 'edit' | 'none';

const ELEMENT = {
  type: 'string',
  description: 'A short human description of the element, used to ask permission to touch it.',
};
const TARGET = {
  type: 'string',
  description:
    'The ref of the element in the latest page snapshot, e.g. "e12" (older clients name this argument "ref").',
};

function tool(name: string, description: string, properties: Record<string, unknown>, required: string[]) {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, required, additionalProperties: false },
  } satisfies ToolDefinition;
}

/**
 * The browser tools of the playwright-mcp dialect, in our own words. Every tool that points at an element takes
 * `target` (the snapshot ref) or its older name `ref`; the schemas list `target`.
 */
export const PLAYWRIGHT_TOOLS: readonly ToolDefinition[] = [
  tool('browser_navigate', 'Open a URL in the current tab.', { url: { type: 'string' } }, ['url']),
  tool('browser_navigate_back', 'Go back to the previous page of the current tab.', {}, []),
  tool(
    'browser_click',
    'Click an element of the page.',
    {
      element: ELEMENT,
      target: TARGET,
      doubleClick: { type: 'boolean', description: 'Double-click instead of a single click.' },
      button: { type: 'string', enum: ['left', 'right', 'middle'] },
      modifiers: {
        type: 'array',
        items: { type: 'string', enum: ['Alt', 'Control', 'ControlOrMeta', 'Meta', 'Shift'] },
      },
    },
    ['target'],
  ),
  tool('browser_hover', 'Move the mouse over an element.', { element: ELEMENT, target: TARGET }, ['target']),
  tool(
    'browser_type',
    'Type text into an editable element.',
    {
      element: ELEMENT,
      target: TARGET,
      text: { type: 'string' },
      submit: { type: 'boolean', description: 'Press Enter after typing.' },
      slowly: { type: 'boolean', description: 'Type one character at a time, firing key handlers.' },
    },
    ['target', 'text'],
  ),
  tool(
    'browser_fill_form',
    'Fill several form fields at once.',
    {
      fields: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            type: { type: 'string', enum: ['textbox', 'checkbox', 'radio', 'combobox', 'slider'] },
            target: TARGET,
            value: { type: 'string' },
          },
          required: ['name', 'type', 'target', 'value'],
        },
      },
    },
    ['fields'],
  ),
  tool(
    'browser_select_option',
    'Choose one or more options of a dropdown.',
    { element: ELEMENT, target: TARGET, values: { type: 'array', items: { type: 'string' } } },
    ['target', 'values'],
  ),
  tool(
    'browser_press_key',
    'Press a key such as Enter, ArrowDown or a character.',
    { key: { type: 'string' } },
    ['key'],
  ),
  tool(
    'browser_drag',
    'Drag one element onto another.',
    { startElement: ELEMENT, startTarget: TARGET, endElement: ELEMENT, endTarget: TARGET },
    ['startTarget', 'endTarget'],
  ),
  tool('browser_snapshot', 'Capture the accessibility snapshot of the current page.', {}, []),
  tool(
    'browser_wait_for',
    'Wait for some seconds, or until a text appears or disappears.',
    { time: { type: 'number' }, text: { type: 'string' }, textGone: { type: 'string' } },
    [],
  ),
  tool(
    'browser_tabs',
    'List, open, close or select browser tabs.',
    { action: { type: 'string', enum: ['list', 'new', 'close', 'select'] }, index: { type: 'number' } },
    ['action'],
  ),
  tool(
    'browser_evaluate',
    'Run a JavaScript function on the page or on one element and return its result.',
    { function: { type: 'string' }, element: ELEMENT, target: TARGET },
    ['function'],
  ),
  tool(
    'browser_handle_dialog',
    'Accept or dismiss the open dialog.',
    { accept: { type: 'boolean' }, promptText: { type: 'string' } },
    ['accept'],
  ),
  tool(
    'browser_file_upload',
    'Choose files for the open file chooser.',
    { paths: { type: 'array', items: { type: 'string' } } },
    [],
  ),
  tool(
    'browser_resize',
    'Resize the browser window.',
    { width: { type: 'number' }, height: { type: 'number' } },
    ['width', 'height'],
  ),
  tool('browser_console_messages', 'Return the console messages of the page.', {}, []),
  tool('browser_network_requests', 'Return the network requests made since the page loaded.', {}, []),
  tool('browser_close', 'Close the page.', {}, []),
];

export const PLAYWRIGHT_TOOL_NAMES = PLAYWRIGHT_TOOLS.map((definition) => definition.name);

const EFFECTS: Readonly<Record<string, PlaywrightToolEffect>> = {
  browser_navigate: 'navigate',
  browser_navigate_back: 'navigate',
  browser_click: 'interact',
  browser_press_key: 'interact',
  browser_drag: 'interact',
  browser_evaluate: 'interact',
  browser_handle_dialog: 'interact',
  browser_file_upload: 'edit',
  browser_hover: 'edit',
  browser_fill_form: 'edit',
  browser_select_option: 'edit',
  browser_resize: 'edit',
  browser_snapshot: 'none',
  browser_wait_for: 'interact',
  browser_console_messages: 'none',
  browser_network_requests: 'none',
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
