import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { actionJsonSchema } from '../../session/json-schemas.js';
import { DESKTOP_TABLE_HEADER } from './accessibility-table.js';
import { GEDIT_EMPTY, GEDIT_TASK } from './fixtures/gedit-desktop.js';
import { osSystemPrompt } from './system-prompt.js';

const base = {
  domain: 'os',
  task: GEDIT_TASK,
  initialState: { text: GEDIT_EMPTY, data: { screen: { width: 1280, height: 800 } } },
};

describe('os system prompt', () => {
  it('describes the dialect, the table and the change discipline, and is stable', () => {
    const pyautogui = WorldSpecSchema.parse({
      ...base,
      demonstrations: [{ turns: [{ state: GEDIT_EMPTY, action: 'DONE', observation: GEDIT_EMPTY }] }],
    });
    const text = osSystemPrompt(pyautogui);
    assert.equal(text, osSystemPrompt(pyautogui));
    assert.match(text, /1280x800 screen/);
    assert.match(text, /pyautogui\.click\(x, y/);
    assert.ok(text.includes(DESKTOP_TABLE_HEADER.replaceAll('\t', '\\t')));
    assert.match(text, /only edits locally/);
    assert.ok(text.includes('```python\nDONE\n```'));
    assert.ok(text.includes(`## Task Given to the Agent\n${GEDIT_TASK}`));
    const computer13 = osSystemPrompt(WorldSpecSchema.parse({ ...base, dialect: 'computer13' }));
    assert.match(computer13, /"action_type": TYPE/);
    assert.doesNotMatch(computer13, /pyautogui\.click/);
  });

  it('emits a JSON Schema for the actions of each dialect', () => {
    const pyautogui = JSON.stringify(actionJsonSchema(WorldSpecSchema.parse(base)));
    assert.match(pyautogui, /"code"/);
    const computer13 = JSON.stringify(
      actionJsonSchema(WorldSpecSchema.parse({ ...base, dialect: 'computer13' })),
    );
    assert.match(computer13, /DOUBLE_CLICK/);
  });
});
