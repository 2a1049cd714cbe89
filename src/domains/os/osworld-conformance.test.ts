/**
 * Conformance with OSWorld's own rules (no harness runs here). Sources: mm_agents/agent.py:86-103
 * (`linearize_accessibility_tree`, pkueecszc/OSWorld eac51b5 = karakuri-ai/OSWorld-JP, per real-formats.md §8)
 * for the table; desktop_env/actions.py:1-10 (KEYBOARD_KEYS, X_MAX 1920, Y_MAX 1080; read at
 * asyhyxcqdx/osworld-realtime 43697a254b8bb2fbae657142be94ddaa41dadab6) for computer_13.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseDesktopTable } from './accessibility-table.js';
import { parseOsAction } from './actions.js';
import { checkOsObservation } from './checks.js';
import { GEDIT_EMPTY } from './fixtures/gedit-desktop.js';
import { OSWORLD_KEYBOARD_KEYS } from './keyboard-keys.js';
import { createOsLedger } from './ledger.js';
import { renderDesktopRow, rerenderDesktopTable } from './table-render.js';

const computer13 = WorldSpecSchema.parse({ domain: 'os', dialect: 'computer13' });

/** Rows as OSWorld's linearisation prints them (agent.py:102-103 writes `""` for an empty text). */
const REAL_ROWS = [
  {
    row: {
      tag: 'push-button',
      name: 'Activities',
      text: '',
      className: '',
      description: '',
      position: '(0, 0)',
      size: '(98, 27)',
    },
    expected: 'push-button\tActivities\t""\t\t\t(0, 0)\t(98, 27)',
  },
  {
    row: {
      tag: 'label',
      name: 'Quote',
      text: 'say "hi"',
      className: '',
      description: '',
      position: '(5, 6)',
      size: '(7, 8)',
    },
    expected: 'label\tQuote\t"say ""hi"""\t\t\t(5, 6)\t(7, 8)',
  },
];

describe('os table conformance with OSWorld', () => {
  for (const { row, expected } of REAL_ROWS) {
    it(`writes ${row.name} as OSWorld does`, () => {
      assert.equal(renderDesktopRow(row), expected);
      const parsed = parseDesktopTable(
        `tag\tname\ttext\tclass\tdescription\tposition (top-left x&y)\tsize (w&h)\n${expected}`,
      );
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.nodes[0]?.text, row.text);
    });
  }

  it('the fixture table writes "" in every empty text cell, parses cleanly and re-renders byte for byte', () => {
    const table = parseDesktopTable(GEDIT_EMPTY);
    assert.deepEqual(table.problems, []);
    const lines = GEDIT_EMPTY.split('\n').slice(1);
    for (const line of lines) assert.notEqual(line.split('\t')[2], '', line);
    assert.equal(rerenderDesktopTable(GEDIT_EMPTY), GEDIT_EMPTY);
  });

  it('the fixture table passes the os checks', () => {
    const results = checkOsObservation({
      spec: computer13,
      turnIndex: 1,
      action: parseOsAction({ action_type: 'WAIT' }, computer13),
      ledger: createOsLedger(computer13),
      observation: GEDIT_EMPTY,
    });
    assert.deepEqual(
      results.filter((result) => result.status === 'fail').map((result) => result.id),
      [],
    );
  });
});

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
