/**
 * The BrowserGym action primitives an agent may call, with their parameters in order. Kinds: `bid` (an element
 * id from the accessibility tree; numbers are accepted and read as text), `string`, `number`, `integer`,
 * `boolean`, `strings` (one string or a list of them).
 */
export type BrowserGymArgumentKind = 'bid' | 'string' | 'number' | 'integer' | 'boolean' | 'strings';

/** One parameter: name, kind, and whether it may be left out. */
export type BrowserGymParameter = readonly [name: string, kind: BrowserGymArgumentKind, optional?: boolean];

/** What a primitive does to the page, as the checks need to know it. */
export type BrowserGymEffect =
  /** Loads another page or switches tab: the page is expected to change. */
  | 'navigate'
  /** May change the page (a click may follow a link or submit a form). */
  | 'interact'
  /** Changes values on the same page; the URL stays. */
  | 'edit'
  /** Talks to the user or waits; the page stays as it is. */
  | 'none';

export interface BrowserGymSignature {
  readonly parameters: readonly BrowserGymParameter[];
  readonly effect: BrowserGymEffect;
}

const BUTTON: BrowserGymParameter = ['button', 'string', true];
const MODIFIERS: BrowserGymParameter = ['modifiers', 'strings', true];

export const BROWSERGYM_FUNCTIONS = {
  click: { parameters: [['bid', 'bid'], BUTTON, MODIFIERS], effect: 'interact' },
  dblclick: { parameters: [['bid', 'bid'], BUTTON, MODIFIERS], effect: 'interact' },
  hover: { parameters: [['bid', 'bid']], effect: 'edit' },
  fill: {
    parameters: [
      ['bid', 'bid'],
      ['value', 'string'],
      ['enable_autocomplete_menu', 'boolean', true],
    ],
    effect: 'edit',
  },
  select_option: {
    parameters: [
      ['bid', 'bid'],
      ['options', 'strings'],
    ],
    effect: 'edit',
  },
  check: { parameters: [['bid', 'bid']], effect: 'edit' },
  uncheck: { parameters: [['bid', 'bid']], effect: 'edit' },
  press: {
    parameters: [
      ['bid', 'bid'],
      ['key_comb', 'string'],
    ],
    effect: 'interact',
  },
  focus: { parameters: [['bid', 'bid']], effect: 'edit' },
  clear: { parameters: [['bid', 'bid']], effect: 'edit' },
  drag_and_drop: {
    parameters: [
      ['from_bid', 'bid'],
      ['to_bid', 'bid'],
    ],
    effect: 'interact',
  },
  upload_file: {
    parameters: [
      ['bid', 'bid'],
      ['file', 'strings'],
    ],
    effect: 'edit',
  },
  scroll: {
    parameters: [
      ['delta_x', 'number'],
      ['delta_y', 'number'],
    ],
    effect: 'edit',
  },
  scroll_at: {
    parameters: [
      ['x', 'number'],
      ['y', 'number'],
      ['dx', 'number'],
      ['dy', 'number'],
    ],
    effect: 'edit',
  },
  mouse_move: {
    parameters: [
      ['x', 'number'],
      ['y', 'number'],
    ],
    effect: 'edit',
  },
  mouse_click: {
    parameters: [['x', 'number'], ['y', 'number'], BUTTON],
    effect: 'interact',
  },
  mouse_dblclick: {
    parameters: [['x', 'number'], ['y', 'number'], BUTTON],
    effect: 'interact',
  },
  mouse_down: { parameters: [['x', 'number'], ['y', 'number'], BUTTON], effect: 'interact' },
  mouse_up: { parameters: [['x', 'number'], ['y', 'number'], BUTTON], effect: 'interact' },
  mouse_drag_and_drop: {
    parameters: [
      ['from_x', 'number'],
      ['from_y', 'number'],
      ['to_x', 'number'],
      ['to_y', 'number'],
    ],
    effect: 'interact',
  },
  mouse_upload_file: {
    parameters: [
      ['x', 'number'],
      ['y', 'number'],
      ['file', 'strings'],
    ],
    effect: 'edit',
  },
  keyboard_type: { parameters: [['text', 'string']], effect: 'edit' },
  keyboard_insert_text: { parameters: [['text', 'string']], effect: 'edit' },
  keyboard_press: { parameters: [['key', 'string']], effect: 'interact' },
  keyboard_down: { parameters: [['key', 'string']], effect: 'interact' },
  keyboard_up: { parameters: [['key', 'string']], effect: 'interact' },
  goto: { parameters: [['url', 'string']], effect: 'navigate' },
  go_back: { parameters: [], effect: 'navigate' },
  go_forward: { parameters: [], effect: 'navigate' },
  new_tab: { parameters: [], effect: 'navigate' },
  tab_focus: { parameters: [['index', 'integer']], effect: 'navigate' },
  tab_close: { parameters: [], effect: 'navigate' },
  send_msg_to_user: { parameters: [['text', 'string']], effect: 'none' },
  report_infeasible: { parameters: [['reason', 'string']], effect: 'none' },
  noop: { parameters: [['wait_ms', 'number', true]], effect: 'none' },
} as const satisfies Record<string, BrowserGymSignature>;

export type BrowserGymFunction = keyof typeof BROWSERGYM_FUNCTIONS;
export const BROWSERGYM_FUNCTION_NAMES = Object.keys(BROWSERGYM_FUNCTIONS) as [
  BrowserGymFunction,
  ...BrowserGymFunction[],
];

export function isBrowserGymFunction(name: string): name is BrowserGymFunction {
  return Object.hasOwn(BROWSERGYM_FUNCTIONS, name);
}

export function browserGymSignature(name: BrowserGymFunction): BrowserGymSignature {
  return BROWSERGYM_FUNCTIONS[name];
}
