/**
 * Conformance of the androidworld element list and JSONAction with AndroidWorld's source rules (no harness runs
 * here). Sources, google-research/android_world d9c569f (per real-formats.md §7; the text read at 0549c0a for
 * m3a.py and 21c0bc0 for json_action.py, where these functions are the same):
 * - android_world/agents/m3a.py:204-248 `_generate_ui_element_description`, `_generate_ui_elements_description_list`;
 * - android_world/env/json_action.py `JSONAction.__post_init__`.
 * The expected lines were written by hand from those rules: an `if` per optional field (empty strings left
 * out), Python's True/False, `", "` between fields, the trailing `, ` cut and `}` added, one `\n` per element,
 * only valid elements listed with their index in the whole tree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseAndroidAction } from './actions.js';
import { checkAndroidObservation } from './checks.js';
import { createAndroidLedger } from './ledger.js';
import { type M3aElement, parseM3aElement, renderM3aElementList, renderM3aScreen } from './m3a-elements.js';
import { parseAndroidScreen } from './screen.js';

const world = WorldSpecSchema.parse({ domain: 'android', dialect: 'androidworld' });

/** A Contacts editor; elements 1 and 4 of the tree are invalid (off screen), so the indices skip them. */
const ELEMENTS: readonly M3aElement[] = [
  { index: 0, isScrollable: true },
  { index: 2, contentDescription: 'Cancel', isClickable: true, isFocusable: true },
  { index: 3, text: 'Save', isClickable: true, isFocusable: true },
  {
    index: 5,
    text: 'Ada',
    hintText: 'First name',
    isClickable: true,
    isLongClickable: true,
    isEditable: true,
    isFocusable: true,
  },
  { index: 6, text: 'Say "hi", then go', tooltip: 'Note', isSelected: true, isChecked: true },
];

const M3A_TEXT =
  'UI element 0: {"index": 0, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_scrollable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 2: {"index": 2, "content_description": "Cancel", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 3: {"index": 3, "text": "Save", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 5: {"index": 5, "text": "Ada", "hint_text": "First name", "is_clickable": True, "is_long_clickable": True, "is_editable": True, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 6: {"index": 6, "text": "Say "hi", then go", "tooltip": "Note", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": True, "is_checked": True}\n';

describe('androidworld element list conformance with M3A', () => {
  it('renders the list byte for byte', () => {
    assert.equal(renderM3aElementList(ELEMENTS), M3A_TEXT);
    assert.equal(renderM3aScreen(ELEMENTS), M3A_TEXT.slice(0, -1));
  });

  it('parses every description back, quotes and commas in text included', () => {
    const parsed = M3A_TEXT.trimEnd()
      .split('\n')
      .map((line) => parseM3aElement(line));
    assert.deepEqual(
      parsed.map((element) => element?.index),
      [0, 2, 3, 5, 6],
    );
    assert.equal(parsed[4]?.text, 'Say "hi", then go');
    assert.equal(parsed[4]?.tooltip, 'Note');
    assert.equal(parsed[3]?.hintText, 'First name');
    assert.equal(renderM3aElementList(parsed.map((element) => element as M3aElement)), M3A_TEXT);
    const screen = parseAndroidScreen(M3A_TEXT, 'element-list');
    assert.deepEqual(screen.unparsedLines, []);
    assert.deepEqual(screen.elements[3]?.flags, ['clickable', 'long_clickable', 'editable', 'focusable']);
  });

  it('passes the checks, gaps in the numbering included', () => {
    const ledger = { ...createAndroidLedger(world), screen: M3A_TEXT.trimEnd() };
    const results = checkAndroidObservation({
      spec: world,
      turnIndex: 2,
      action: parseAndroidAction({ action_type: 'input_text', index: '5', text: 'Ada' }, world),
      ledger,
      observation: M3A_TEXT.trimEnd(),
    });
    assert.deepEqual(
      results.filter((result) => result.status === 'fail'),
      [],
    );
    for (const id of ['screen-format', 'index-numbering', 'index-exists']) {
      assert.equal(results.find((result) => result.id === id)?.status, 'pass', id);
    }
  });

  it('accepts and refuses actions as JSONAction and the screen do', () => {
    const screen = M3A_TEXT.trimEnd();
    assert.deepEqual(parseAndroidAction({ action_type: 'click', index: '3' }, world, screen), {
      action_type: 'click',
      index: 3,
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'input_text', index: 5, text: 555 }, world, screen), {
      action_type: 'input_text',
      index: 5,
      text: '555',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'unknown' }, world, screen), {
      action_type: 'unknown',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'status', goal_status: 'task_complete' }, world), {
      action_type: 'status',
      goal_status: 'task_complete',
    });
    const refused = (input: unknown, path: string, pattern: RegExp): void =>
      assert.throws(
        () => parseAndroidAction(input, world, screen),
        (error: unknown) =>
          isAgentWorldError(error, 'INVALID_ACTION') &&
          error.details.path === path &&
          pattern.test(error.message),
      );
    refused({ action_type: 'click', index: 4 }, '$.index', /unknown index 4/);
    refused({ action_type: 'click', index: 3, x: 1, y: 2 }, '$.index', /Either an index or a <x, y>/);
    refused({ action_type: 'scroll', direction: 'diagonal' }, '$.direction', /androidworld/);
    refused({ action_type: 'keyboard_enter', keycode: 'ENTER' }, '$.keycode', /KEYCODE_/);
    refused({ action_type: 'tap', index: 3 }, '$.action_type', /androidworld/);
  });
});
