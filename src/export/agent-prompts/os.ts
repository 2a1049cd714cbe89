/**
 * The OSWorld baseline agent from its policy's side (accessibility-tree input), after the prompts of
 * OSWorld's `mm_agents/prompts.py` and `mm_agents/agent.py` as read in pkueecszc/OSWorld eac51b5: the role,
 * the action space (pyautogui code, or computer_13 action dicts), the special answers WAIT, FAIL and DONE,
 * the task, then each step's accessibility table and the question for the next step. Our wording.
 */
import type { SessionRecord } from '../../core/turn.js';
import { type AgentHarness, plainAction, taskText } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ACTION_SPACE: Readonly<Record<'pyautogui' | 'computer13', string>> = {
  pyautogui: [
    'Answer with Python code that uses pyautogui to act on the screen (no screenshot or locate functions: use',
    'the coordinates of the table), inside a ```python code block. Each answer is run on its own, so import',
    'and define what it needs.',
  ].join('\n'),
  computer13: [
    'Answer with one action as a JSON object {"action_type": ..., "parameters": {...}} inside a ```json code',
    'block. Action types: MOVE_TO, CLICK, MOUSE_DOWN, MOUSE_UP, RIGHT_CLICK, DOUBLE_CLICK, DRAG_TO, SCROLL,',
    'TYPING, PRESS, KEY_DOWN, KEY_UP, HOTKEY.',
  ].join('\n'),
};

/** An os action as the policy writes it. */
export function renderOsAction(action: unknown, dialect: 'pyautogui' | 'computer13'): string {
  if (!isRecord(action)) return plainAction(action);
  const type = action.type ?? action.action_type;
  if (typeof type === 'string' && ['WAIT', 'FAIL', 'DONE'].includes(type)) return `\`\`\`${type}\`\`\``;
  if (dialect === 'pyautogui' && typeof action.code === 'string')
    return `\`\`\`python\n${action.code}\n\`\`\``;
  return `\`\`\`json\n${JSON.stringify(action)}\n\`\`\``;
}

const NEXT_STEP = 'What is the next step toward the task?';

export function osHarness(record: SessionRecord): AgentHarness {
  const dialect = record.spec.dialect === 'computer13' ? 'computer13' : 'pyautogui';
  return {
    name: `osworld (${dialect}, accessibility tree)`,
    opening: {
      system: [
        'You are an agent that carries out tasks on an Ubuntu desktop. Each step you get the desktop as an',
        'accessibility table (tag, name, text, class, description, position, size) and act with mouse and keyboard.',
        '',
        ACTION_SPACE[dialect],
        'Answer ```WAIT``` to wait, ```FAIL``` when the task cannot be done, ```DONE``` when it is done.',
        '',
        `The task: ${taskText(record)}`,
      ].join('\n'),
      user: `The desktop's accessibility table:\n${record.initialObservation}\n\n${NEXT_STEP}`,
    },
    renderAction: (action) => renderOsAction(action, dialect),
    observe: (turn) => `The desktop's accessibility table:\n${turn.observation}\n\n${NEXT_STEP}`,
  };
}
