/**
 * Conformance of the computer_13 actions with OSWorld's own rules (no harness runs here). Source:
 * desktop_env/actions.py:1-10 (KEYBOARD_KEYS, X_MAX 1920, Y_MAX 1080; read at asyhyxcqdx/osworld-realtime
 * 43697a254b8bb2fbae657142be94ddaa41dadab6), restated in keyboard-keys.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseOsAction } from '../../actions.js';
import { OSWORLD_KEYBOARD_KEYS } from './keyboard-keys.js';

const computer13 = WorldSpecSchema.parse({ domain: 'os', dialect: 'computer13' });

function refused(input: unknown, path: string, pattern: RegExp): void {
  assert.throws(
    () => parseOsAction(input, computer13),
    (error: unknown) =>
      isAgentWorldError(error, 'INVALID_ACTION') &&
      error.details.path === path &&
      pattern.test(error.message),
  );
}

describe('computer_13 conformance with OSWorld', () => {
  it('accepts every KEYBOARD_KEYS name and the screen corners', () => {
    assert.equal(OSWORLD_KEYBOARD_KEYS.length, 193);
    for (const key of OSWORLD_KEYBOARD_KEYS)
      parseOsAction({ action_type: 'PRESS', parameters: { key } }, computer13);
    parseOsAction({ action_type: 'HOTKEY', parameters: { keys: ['ctrl', 'shift', 't'] } }, computer13);
    parseOsAction({ action_type: 'MOVE_TO', parameters: { x: 1920, y: 1080 } }, computer13);
    parseOsAction({ action_type: 'CLICK', parameters: { x: 0, y: 0, num_clicks: 3 } }, computer13);
  });

  it('refuses key names outside KEYBOARD_KEYS, naming the field', () => {
    refused({ action_type: 'PRESS', parameters: { key: 'Return' } }, '$.parameters.key', /KEYBOARD_KEYS/);
    refused({ action_type: 'KEY_DOWN', parameters: { key: 'control' } }, '$.parameters.key', /KEYBOARD_KEYS/);
    refused({ action_type: 'HOTKEY', parameters: { keys: ['ctrl', 'S'] } }, '$.parameters.keys[1]', /"S"/);
  });

  it('refuses coordinates beyond 1920x1080, naming the field', () => {
    refused({ action_type: 'MOVE_TO', parameters: { x: 1921, y: 5 } }, '$.parameters.x', /1920/);
    refused({ action_type: 'CLICK', parameters: { x: 5, y: 1081 } }, '$.parameters.y', /1080/);
    refused({ action_type: 'DRAG_TO', parameters: { x: 10, y: 2000 } }, '$.parameters.y', /1080/);
  });
});
