/**
 * Conformance of the androidworld element list and JSONAction with AndroidWorld's source rules (no harness runs
 * here). Sources, google-research/android_world d9c569f (per real-formats.md §7; the text read at 0549c0a for
 * m3a.py and 21c0bc0 for json_action.py, where these functions are the same):
 * - android_world/agents/m3a.py:204-248 `_generate_ui_element_description`, `_generate_ui_elements_description_list`;
 * - android_world/env/json_action.py `JSONAction.__post_init__`.
 * The expected lines (fixtures.ts) were written by hand from those rules: an `if` per optional field (empty strings left
 * out), Python's True/False, `", "` between fields, the trailing `, ` cut and `}` added, one `\n` per element,
 * only valid elements listed with their index in the whole tree.
 *
 * Conformance of the T3A element list (the `initialState.data.elementList: "t3a"` option) with AndroidWorld's
 * source rules (no harness runs here). Sources, google-research/android_world d9c569f (per real-formats.md §7):
 * android_world/agents/t3a.py:186-203 (`UI element {index}: {str(ui_element)}\n` per valid element) and the
 * `UIElement` dataclass of android_world/env/representation_utils.py:53-77 (read at 1214f0e), whose generated
 * repr prints every field in declaration order with Python's repr (`None`, `True`, quotes chosen by content).
 * The expected line was written by hand from those rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseAndroidAction } from '../../actions.js';
import { checkAndroidObservation } from '../../checks.js';
import { androidDomain } from '../../domain.js';
import { DEFAULT_T3A_ELEMENT_LIST_HOME } from '../../initial-state.js';
import { createAndroidLedger } from '../../ledger.js';
import { androidPerturbations } from '../../perturbations.js';
import { parseAndroidScreen } from '../../screen.js';
import { ELEMENTS, M3A_TEXT, NOTE, SAVE, T3A_TEXT } from './fixtures.js';
import { parseM3aElement, parseT3aElement } from './parse.js';
import { type M3aElement, renderM3aElementList, renderM3aScreen, renderT3aElementList } from './render.js';

const world = WorldSpecSchema.parse({ domain: 'android', dialect: 'androidworld' });

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

const t3a = WorldSpecSchema.parse({
  domain: 'android',
  dialect: 'androidworld',
  initialState: { data: { elementList: 't3a' } },
});

describe('androidworld T3A element list conformance', () => {
  it('renders UIElement reprs byte for byte and parses them back', () => {
    assert.equal(renderT3aElementList([SAVE, NOTE]), T3A_TEXT);
    const lines = T3A_TEXT.trimEnd().split('\n');
    assert.deepEqual(parseT3aElement(lines[0] as string), SAVE);
    assert.deepEqual(parseT3aElement(lines[1] as string), NOTE);
    const screen = parseAndroidScreen(T3A_TEXT, 'element-list');
    assert.deepEqual(screen.unparsedLines, []);
    assert.deepEqual(screen.elements[0]?.bounds, { x1: 864, y1: 146, x2: 1038, y2: 244 });
    assert.equal(screen.elements[0]?.resourceId, 'com.google.android.contacts:id/menu_save');
  });

  it('is the spec option: prompt, default home, checks and perturbations follow it', async () => {
    assert.match(androidDomain.systemPrompt(t3a), /UI element i: UIElement\(text='Save'/);
    assert.equal(androidDomain.initialObservation(t3a), DEFAULT_T3A_ELEMENT_LIST_HOME);
    const home = parseAndroidScreen(DEFAULT_T3A_ELEMENT_LIST_HOME, 'element-list');
    assert.equal(home.elements.length, 7);
    assert.deepEqual(home.unparsedLines, []);

    const ledger = createAndroidLedger(t3a);
    const screen = T3A_TEXT.trimEnd();
    const results = checkAndroidObservation({
      spec: t3a,
      turnIndex: 1,
      action: parseAndroidAction({ action_type: 'open_app', app_name: 'Contacts' }, t3a),
      ledger,
      observation: screen,
    });
    for (const id of ['screen-format', 'index-numbering', 'stale-screen', 'foreground-app']) {
      assert.equal(results.find((result) => result.id === id)?.status, 'pass', id);
    }
    assert.throws(
      () => parseAndroidAction({ action_type: 'click', index: 4 }, t3a, screen),
      (error: unknown) => isAgentWorldError(error, 'INVALID_ACTION') && /unknown index 4/.test(error.message),
    );

    const toast = androidPerturbations.find((definition) => definition.id === 'network-error-toast');
    assert.ok(toast !== undefined);
    const action = parseAndroidAction({ action_type: 'click', index: 3 }, t3a);
    const rendered = toast.render(toast.params.parse({}), {
      spec: t3a,
      seed: 0,
      turnIndex: 2,
      action,
      actionText: androidDomain.renderAction(action, t3a),
      tools: androidDomain.actionTools(action, t3a),
      observation: screen,
    });
    const after = parseAndroidScreen(rendered, 'element-list');
    assert.deepEqual(after.unparsedLines, []);
    assert.equal(after.elements.at(-1)?.index, 8);
    assert.match(
      rendered.split('\n').at(-1) ?? '',
      /^UI element 8: UIElement\(text='No internet connection'/,
    );

    await assert.rejects(
      androidDomain.prepare(
        WorldSpecSchema.parse({ domain: 'android', initialState: { data: { elementList: 'xml' } } }),
      ),
      (error: unknown) =>
        isAgentWorldError(error, 'INVALID_SPEC') && error.details.path === '$.initialState.data.elementList',
    );
  });
});
