/**
 * The example os sessions: a gedit task played in both dialects. There is no real desktop here, so every state
 * is one of the hand-written tables of src/domains/os/fixtures, served by the scripted model server.
 */
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import {
  GEDIT_EMPTY,
  GEDIT_SAVE_DIALOG,
  GEDIT_SAVE_DIALOG_NAMED,
  GEDIT_SAVED,
  GEDIT_TASK,
  GEDIT_TYPED,
  NOTE_TEXT,
} from '../../src/domains/os/fixtures/gedit-desktop.js';

export interface OsScenario {
  readonly title: string;
  readonly dialect: 'pyautogui' | 'computer13';
  readonly seed: number;
  /** Each action with the state the scripted server answers after it. */
  readonly turns: ReadonlyArray<{ readonly action: unknown; readonly observation: string }>;
}

export function osExampleSpec(dialect: 'pyautogui' | 'computer13'): WorldSpecInput {
  return {
    version: 1,
    id: `example-os-${dialect}`,
    description:
      `An Ubuntu GNOME desktop with gedit open on an empty document, for agents speaking ${dialect}. The ` +
      'states are hand-written OSWorld-style accessibility tables, not captured from a real machine.',
    domain: 'os',
    dialect,
    task: GEDIT_TASK,
    initialState: {
      text: GEDIT_EMPTY,
      data: { screen: { width: 1920, height: 1080 }, system: 'Ubuntu 22.04 with the GNOME desktop' },
    },
    maxTurns: 30,
  };
}

export const OS_SCENARIOS: readonly OsScenario[] = [
  {
    title: 'Write a note in gedit and save it (pyautogui)',
    dialect: 'pyautogui',
    seed: 7,
    turns: [
      { action: 'pyautogui.click(x=960, y=540)', observation: GEDIT_EMPTY },
      {
        action: `pyautogui.typewrite(${JSON.stringify(NOTE_TEXT)}, interval=0.03)`,
        observation: GEDIT_TYPED,
      },
      { action: "pyautogui.hotkey('ctrl', 's')\ntime.sleep(1)", observation: GEDIT_SAVE_DIALOG },
      {
        action: "pyautogui.tripleClick(870, 319)\npyautogui.write('meeting-notes.txt')",
        observation: GEDIT_SAVE_DIALOG_NAMED,
      },
      { action: "pyautogui.press('enter'); time.sleep(0.5)", observation: GEDIT_SAVED },
      { action: 'DONE', observation: GEDIT_SAVED },
    ],
  },
  {
    title: 'Write a note in gedit and save it (computer13)',
    dialect: 'computer13',
    seed: 7,
    turns: [
      { action: { action_type: 'CLICK', parameters: { x: 960, y: 540 } }, observation: GEDIT_EMPTY },
      { action: { action_type: 'TYPING', parameters: { text: NOTE_TEXT } }, observation: GEDIT_TYPED },
      {
        action: { action_type: 'HOTKEY', parameters: { keys: ['ctrl', 's'] } },
        observation: GEDIT_SAVE_DIALOG,
      },
      {
        action: { action_type: 'DOUBLE_CLICK', parameters: { x: 870, y: 319 } },
        observation: GEDIT_SAVE_DIALOG,
      },
      {
        action: { action_type: 'HOTKEY', parameters: { keys: ['ctrl', 'a'] } },
        observation: GEDIT_SAVE_DIALOG,
      },
      {
        action: { action_type: 'TYPING', parameters: { text: 'meeting-notes.txt' } },
        observation: GEDIT_SAVE_DIALOG_NAMED,
      },
      { action: { action_type: 'PRESS', parameters: { key: 'enter' } }, observation: GEDIT_SAVED },
      { action: { action_type: 'DONE', parameters: {} }, observation: GEDIT_SAVED },
    ],
  },
];
