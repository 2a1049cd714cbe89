/**
 * Conformance of the T3A element list (the `initialState.data.elementList: "t3a"` option) with AndroidWorld's
 * source rules (no harness runs here). Sources, google-research/android_world d9c569f (per real-formats.md §7):
 * android_world/agents/t3a.py:186-203 (`UI element {index}: {str(ui_element)}\n` per valid element) and the
 * `UIElement` dataclass of android_world/env/representation_utils.py:53-77 (read at 1214f0e), whose generated
 * repr prints every field in declaration order with Python's repr (`None`, `True`, quotes chosen by content).
 * The expected line was written by hand from those rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseAndroidAction } from './actions.js';
import { checkAndroidObservation } from './checks.js';
import { androidDomain } from './domain.js';
import { DEFAULT_T3A_ELEMENT_LIST_HOME } from './initial-state.js';
import { createAndroidLedger } from './ledger.js';
import { androidPerturbations } from './perturbations.js';
import { parseAndroidScreen } from './screen.js';
import { parseT3aElement, renderT3aElementList, type T3aElement } from './t3a-elements.js';

const t3a = WorldSpecSchema.parse({
  domain: 'android',
  dialect: 'androidworld',
  initialState: { data: { elementList: 't3a' } },
});

const SAVE: T3aElement = {
  index: 3,
  text: 'Save',
  className: 'android.widget.Button',
  bboxPixels: { xMin: 864, xMax: 1038, yMin: 146, yMax: 244 },
  isChecked: false,
  isCheckable: false,
  isClickable: true,
  isEditable: false,
  isEnabled: true,
  isFocused: false,
  isFocusable: true,
  isLongClickable: false,
  isScrollable: false,
  isSelected: false,
  isVisible: true,
  packageName: 'com.google.android.contacts',
  resourceName: 'com.google.android.contacts:id/menu_save',
};
const NOTE: T3aElement = {
  index: 7,
  text: "Ada's note\nline 2",
  contentDescription: 'say "hi"',
  bbox: { xMin: 0, xMax: 0.5, yMin: 0.25, yMax: 1 },
};

const T3A_TEXT =
  "UI element 3: UIElement(text='Save', content_description=None, class_name='android.widget.Button', bbox=None, " +
  'bbox_pixels=BoundingBox(x_min=864, x_max=1038, y_min=146, y_max=244), hint_text=None, is_checked=False, ' +
  'is_checkable=False, is_clickable=True, is_editable=False, is_enabled=True, is_focused=False, is_focusable=True, ' +
  'is_long_clickable=False, is_scrollable=False, is_selected=False, is_visible=True, ' +
  "package_name='com.google.android.contacts', resource_name='com.google.android.contacts:id/menu_save', " +
  'tooltip=None, resource_id=None)\n' +
  'UI element 7: UIElement(text="Ada\'s note\\nline 2", content_description=\'say "hi"\', class_name=None, ' +
  'bbox=BoundingBox(x_min=0.0, x_max=0.5, y_min=0.25, y_max=1.0), bbox_pixels=None, hint_text=None, ' +
  'is_checked=None, is_checkable=None, is_clickable=None, is_editable=None, is_enabled=None, is_focused=None, ' +
  'is_focusable=None, is_long_clickable=None, is_scrollable=None, is_selected=None, is_visible=None, ' +
  'package_name=None, resource_name=None, tooltip=None, resource_id=None)\n';

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
