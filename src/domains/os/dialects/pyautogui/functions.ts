import type { PythonValue } from '../../../shared/python-calls.js';

/** What one parameter of a pyautogui function accepts. */
export type ParameterKind =
  | 'coordinate'
  | 'number'
  | 'count'
  | 'text'
  | 'key'
  | 'keys'
  | 'button'
  | 'boolean';

export interface FunctionSignature {
  /** Parameter names in positional order. */
  readonly parameters: ReadonlyArray<readonly [name: string, kind: ParameterKind]>;
  /** Parameters that must be given. */
  readonly required: readonly string[];
  /** `hotkey('ctrl', 'c')`: every positional argument is one key, gathered into `keys`. */
  readonly variadicKeys?: boolean;
}

const POINT = [
  ['x', 'coordinate'],
  ['y', 'coordinate'],
] as const;
const MOTION = [
  ['duration', 'number'],
  ['tween', 'text'],
  ['logScreenshot', 'boolean'],
  ['_pause', 'boolean'],
] as const;

/** The pyautogui calls (and `time.sleep`) an action may use, with the parameters each accepts. */
export const PYAUTOGUI_FUNCTIONS = {
  'pyautogui.click': {
    parameters: [...POINT, ['clicks', 'count'], ['interval', 'number'], ['button', 'button'], ...MOTION],
    required: [],
  },
  'pyautogui.doubleClick': {
    parameters: [...POINT, ['interval', 'number'], ['button', 'button'], ...MOTION],
    required: [],
  },
  'pyautogui.tripleClick': {
    parameters: [...POINT, ['interval', 'number'], ['button', 'button'], ...MOTION],
    required: [],
  },
  'pyautogui.rightClick': { parameters: [...POINT, ...MOTION], required: [] },
  'pyautogui.middleClick': { parameters: [...POINT, ...MOTION], required: [] },
  'pyautogui.moveTo': { parameters: [...POINT, ...MOTION], required: [] },
  'pyautogui.moveRel': {
    parameters: [['xOffset', 'number'], ['yOffset', 'number'], ...MOTION],
    required: [],
  },
  'pyautogui.dragTo': {
    parameters: [
      ...POINT,
      ['duration', 'number'],
      ['tween', 'text'],
      ['button', 'button'],
      ['mouseDownUp', 'boolean'],
    ],
    required: [],
  },
  'pyautogui.mouseDown': {
    parameters: [...POINT, ['button', 'button'], ['duration', 'number']],
    required: [],
  },
  'pyautogui.mouseUp': { parameters: [...POINT, ['button', 'button'], ['duration', 'number']], required: [] },
  'pyautogui.scroll': { parameters: [['clicks', 'number'], ...POINT], required: ['clicks'] },
  'pyautogui.hscroll': { parameters: [['clicks', 'number'], ...POINT], required: ['clicks'] },
  'pyautogui.vscroll': { parameters: [['clicks', 'number'], ...POINT], required: ['clicks'] },
  'pyautogui.typewrite': {
    parameters: [
      ['message', 'keys'],
      ['interval', 'number'],
    ],
    required: ['message'],
  },
  'pyautogui.write': {
    parameters: [
      ['message', 'keys'],
      ['interval', 'number'],
    ],
    required: ['message'],
  },
  'pyautogui.press': {
    parameters: [
      ['keys', 'keys'],
      ['presses', 'count'],
      ['interval', 'number'],
    ],
    required: ['keys'],
  },
  'pyautogui.hotkey': { parameters: [['interval', 'number']], required: ['keys'], variadicKeys: true },
  'pyautogui.keyDown': { parameters: [['key', 'key']], required: ['key'] },
  'pyautogui.keyUp': { parameters: [['key', 'key']], required: ['key'] },
  'time.sleep': { parameters: [['secs', 'number']], required: ['secs'] },
} as const satisfies Record<string, FunctionSignature>;

export type PyautoguiFunction = keyof typeof PYAUTOGUI_FUNCTIONS;

export const PYAUTOGUI_FUNCTION_NAMES = Object.keys(PYAUTOGUI_FUNCTIONS) as PyautoguiFunction[];

export function isPyautoguiFunction(name: string): name is PyautoguiFunction {
  return Object.hasOwn(PYAUTOGUI_FUNCTIONS, name);
}

export function signatureOf(name: PyautoguiFunction): FunctionSignature {
  return PYAUTOGUI_FUNCTIONS[name];
}

/** Why a value does not fit a parameter kind, or undefined when it fits. */
export function kindProblem(kind: ParameterKind, value: PythonValue): string | undefined {
  switch (kind) {
    case 'coordinate':
    case 'number':
      return typeof value === 'number' || value === null ? undefined : 'expected a number';
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0
        ? undefined
        : 'expected a whole number of at least 0';
    case 'text':
      return typeof value === 'string' || value === null ? undefined : 'expected a string';
    case 'key':
      return typeof value === 'string' && value.length > 0 ? undefined : 'expected a key name';
    case 'keys':
      if (typeof value === 'string') return undefined;
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return undefined;
      return 'expected a string or a list of key names';
    case 'button':
      return value === 'left' ||
        value === 'right' ||
        value === 'middle' ||
        value === 'primary' ||
        value === 'secondary'
        ? undefined
        : 'expected "left", "right" or "middle"';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected True or False';
  }
}
