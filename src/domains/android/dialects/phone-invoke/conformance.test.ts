/**
 * Conformance of the phone-invoke dialect (no harness runs here). The phone state is checked against DroidRun's
 * `IndexedFormatter` (droidrun/droidrun c0fc91c, droidrun/tools/formatters/indexed_formatter.py), restated in
 * render.ts and fixtures.ts; the `<invoke name="phone">` actions against the Qwen-AgentWorld spec text only
 * (qwen-agentworld-spec.md §1.5), no source of that tool having been found (fixtures.ts says where we looked).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseAndroidAction } from '../../actions.js';
import { checkAndroidObservation } from '../../checks.js';
import { createAndroidLedger } from '../../ledger.js';
import { phoneInvokeActionText } from './actions.js';
import {
  ACCEPTED_CALLS,
  FILES_STATE,
  FILES_TEXT,
  FILES_TREE,
  REFUSED_CALLS,
  SEARCH_STATE,
  SEARCH_TEXT_EMPTY_TREE,
} from './fixtures.js';
import { parsePhoneState } from './parse.js';
import { renderDroidRunPhoneState } from './render.js';

const world = WorldSpecSchema.parse({ domain: 'android', dialect: 'phone-invoke' });

describe('phone-invoke phone state conformance with DroidRun', () => {
  it('renders the phone state byte for byte from the same Portal state', () => {
    assert.equal(renderDroidRunPhoneState(FILES_STATE, FILES_TREE), FILES_TEXT);
    assert.equal(renderDroidRunPhoneState(SEARCH_STATE, undefined), SEARCH_TEXT_EMPTY_TREE);
  });

  it('parses every line of the real layout', () => {
    const screen = parsePhoneState(FILES_TEXT);
    assert.deepEqual(screen.app, { name: 'Files', packageName: 'com.google.android.documentsui' });
    assert.equal(screen.keyboard, 'Hidden');
    assert.equal(screen.focused, "''");
    assert.deepEqual(screen.unparsedLines, []);
    assert.deepEqual(
      screen.elements.map((element) => [element.index, element.className, element.resourceId, element.text]),
      [
        [
          1,
          'FrameLayout',
          'com.google.android.documentsui:id/drawer_layout',
          'com.google.android.documentsui:id/drawer_layout',
        ],
        [2, 'ImageButton', '', 'Show roots'],
        [3, 'TextView', 'com.google.android.documentsui:id/breadcrumb_text', 'Downloads'],
        [4, 'LinearLayout', '', 'android.widget.LinearLayout'],
        [5, 'TextView', 'android:id/title', 'report "final".pdf'],
      ],
    );
    assert.deepEqual(screen.elements[2]?.bounds, { x1: 0, y1: 258, x2: 267, y2: 384 });
    const empty = parsePhoneState(SEARCH_TEXT_EMPTY_TREE);
    assert.equal(empty.keyboard, 'Visible');
    assert.equal(empty.focused, "'invoice'");
    assert.deepEqual(empty.unparsedLines, []);
    assert.deepEqual(empty.elements, []);
  });

  it('passes the checks', () => {
    const ledger = { ...createAndroidLedger(world), screen: FILES_TEXT };
    const results = checkAndroidObservation({
      spec: world,
      turnIndex: 2,
      action: parseAndroidAction(ACCEPTED_CALLS[0]?.xml, world, FILES_TEXT),
      ledger,
      observation: FILES_TEXT,
    });
    assert.deepEqual(
      results.filter((result) => result.status === 'fail'),
      [],
    );
    for (const id of ['screen-format', 'index-numbering', 'index-exists']) {
      assert.equal(results.find((result) => result.id === id)?.status, 'pass', id);
    }
  });
});

describe('phone-invoke actions against the spec text', () => {
  it('accepts every call of the action space and writes it back the same way', () => {
    for (const { xml, action } of ACCEPTED_CALLS) {
      const parsed = parseAndroidAction(xml, world);
      assert.deepEqual(parsed, action, xml);
      assert.equal(phoneInvokeActionText(parsed as Parameters<typeof phoneInvokeActionText>[0]), xml);
    }
  });

  it('refuses calls outside it, with the reason', () => {
    for (const { xml, reason } of REFUSED_CALLS) {
      assert.throws(
        () => parseAndroidAction(xml, world),
        (error: unknown) => isAgentWorldError(error, 'INVALID_ACTION') && reason.test(error.message),
        xml,
      );
    }
  });

  it('refuses an index that is not on the current screen', () => {
    const call =
      '<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">9</parameter>\n</invoke>';
    assert.throws(() => parseAndroidAction(call, world, FILES_TEXT), /9/);
  });
});
