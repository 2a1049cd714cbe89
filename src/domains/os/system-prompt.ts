import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt } from '../shared/index.js';
import { DESKTOP_TABLE_HEADER } from './accessibility-table.js';
import { parseOsAction } from './actions.js';
import { COMPUTER13_ACTION_SPACE } from './dialects/computer13/index.js';
import { type OsDialect, osDialectOf } from './dialects/index.js';
import { PYAUTOGUI_ACTION_SPACE } from './dialects/pyautogui/index.js';
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
  pyautogui: PYAUTOGUI_ACTION_SPACE,
  computer13: COMPUTER13_ACTION_SPACE,
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
