import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt } from '../shared/index.js';
import { DESKTOP_TABLE_HEADER } from './accessibility-table.js';
import { type OsDialect, osDialectOf, parseOsAction } from './actions.js';
import { renderOsAction } from './render.js';
import { readOsInitialData } from './setup.js';

function role(spec: WorldSpec): string {
  const { screen, system } = readOsInitialData(spec);
  return [
    `You are a desktop computer running ${system}, with a ${screen.width}x${screen.height} screen, seen through its`,
    'accessibility tree. An AI agent works on a task by controlling the mouse and keyboard. After each action you',
    'produce the full desktop state that follows it, exactly as the real machine would expose it. You are the',
    'computer, not an assistant: never explain, never break character.',
  ].join('\n');
}

const PYAUTOGUI_SPACE = [
  'Each action is Python code that drives the mouse and keyboard through pyautogui; the code is the action.',
  'Several statements may follow one another, on separate lines or separated by `;`. The calls used are:',
  '- `pyautogui.click(x, y, clicks=1, button="left")`, `doubleClick`, `tripleClick`, `rightClick`, `middleClick`:',
  '  press and release a button at the point (the current pointer position when x and y are left out);',
  '- `pyautogui.moveTo(x, y)` and `moveRel(dx, dy)` move the pointer (hover effects only);',
  '- `pyautogui.mouseDown()` / `mouseUp()` and `dragTo(x, y)` press, release, or drag with the button held;',
  '- `pyautogui.scroll(n)` scrolls what is under the pointer, up for positive n and down for negative n;',
  '  `hscroll(n)` scrolls sideways;',
  '- `pyautogui.write(text)` / `typewrite(text)` type text into the focused element, `\\n` pressing Enter;',
  '- `pyautogui.press(key)` presses a key (or each key of a list), `hotkey("ctrl", "c")` presses a combination,',
  '  `keyDown(key)` / `keyUp(key)` hold and release one;',
  '- `time.sleep(s)` waits.',
  'Three special actions are not code: `WAIT` (the agent waits; the desktop only shows what finishes meanwhile),',
  '`FAIL` (the agent declares the task impossible) and `DONE` (the agent declares the task finished). FAIL and',
  'DONE do nothing on the desktop: return the state unchanged.',
].join('\n');

const COMPUTER13_SPACE = [
  'Each action is one JSON object `{"action_type": TYPE, "parameters": {...}}`. The types are:',
  '- `MOVE_TO` {x, y}: move the pointer; `CLICK` {x?, y?, button?, num_clicks?}: click (at the pointer when x',
  '  and y are absent); `RIGHT_CLICK` {x?, y?} and `DOUBLE_CLICK` {x?, y?};',
  '- `MOUSE_DOWN` {button?} and `MOUSE_UP` {button?}: press or release a mouse button; `DRAG_TO` {x, y}: drag',
  '  from the pointer to the point with the left button held;',
  '- `SCROLL` {dx, dy}: scroll what is under the pointer (positive dy scrolls up);',
  '- `TYPING` {text}: type text into the focused element; `PRESS` {key}, `KEY_DOWN` {key}, `KEY_UP` {key} and',
  '  `HOTKEY` {keys: [...]} press keys and combinations;',
  '- `WAIT`: the agent waits; `FAIL`: the agent declares the task impossible; `DONE`: the task is finished. FAIL',
  '  and DONE do nothing on the desktop: return the state unchanged.',
].join('\n');

function stateRepresentation(): string {
  return [
    'State:',
    '- A state is the linearised accessibility tree of the whole desktop: the header line',
    `  \`${DESKTOP_TABLE_HEADER.replaceAll('\t', '\\t')}\``,
    '  then one line per visible element with those seven columns separated by single tabs. An empty text cell',
    '  is written `""` (as OSWorld writes it); other empty cells stay empty (the tabs remain). Positions are',
    '  `(x, y)` of the top-left corner and sizes `(w, h)`, in screen pixels.',
    '- Every turn shows the state before the action under `Current State`. Answer with the complete state after',
    '  the action in the same format: the header first, the same column layout, elements in tree order.',
    'What an action changes:',
    '- First decide whether the action changes the screen (opening an application, a window, a menu or a dialog,',
    '  switching tabs or documents, submitting, navigating, scrolling a list) or only edits locally (typing into',
    '  a field, ticking a box, selecting a cell, moving the pointer).',
    '- When the screen changes, rebuild what the new screen shows: window titles, headings, the new content and',
    '  the new positions, while elements that stay on screen (the panel, the clock, other windows) keep their rows.',
    '- For a local edit, copy every row unchanged except the elements the action touched and what depends on',
    "  them (a field's text, a status bar, a title bar that marks an unsaved document).",
    '- Return the previous state unchanged only when the action has no visible effect: a click on empty space or',
    '  on a disabled element, a key the focused element ignores, WAIT with nothing pending, FAIL and DONE.',
    '- Never invent columns, elements or details the representation does not show; keep names, texts and',
    '  coordinates of untouched elements exactly as they were.',
    'Consistency:',
    '- Files saved, documents edited, windows opened and settings changed stay that way for the rest of the',
    '  session; typed text appears exactly as typed, including typos.',
    '- Output only the table: no commentary, no markdown fences, no notes about the simulation.',
  ].join('\n');
}

/** Renders a demonstration's action the way turns render it (an action that does not parse is shown as text). */
function demonstrationAction(spec: WorldSpec): (action: unknown) => string {
  return (action) => {
    try {
      return renderOsAction(parseOsAction(action, spec));
    } catch {
      return typeof action === 'string' ? action : JSON.stringify(action, null, 2);
    }
  };
}

const ACTION_SPACES: Readonly<Record<OsDialect, string>> = {
  pyautogui: PYAUTOGUI_SPACE,
  computer13: COMPUTER13_SPACE,
};

/** The os world-model system prompt for a spec: the same spec always gives the same text. */
export function osSystemPrompt(spec: WorldSpec): string {
  return composeSystemPrompt(
    spec,
    {
      role: role(spec),
      actionSpace: ACTION_SPACES[osDialectOf(spec)],
      simulationRules: stateRepresentation(),
    },
    demonstrationAction(spec),
  );
}
