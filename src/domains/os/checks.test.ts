import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { DESKTOP_TABLE_HEADER, nodesAt, parseDesktopTable } from './accessibility-table.js';
import { parseOsAction } from './actions.js';
import { checkOsObservation } from './checks.js';
import { GEDIT_EMPTY, GEDIT_SAVE_DIALOG, GEDIT_TYPED } from './fixtures/gedit-desktop.js';
import { applyOsTurn, createOsLedger } from './ledger.js';
import { diffDesktopTables } from './table-diff.js';

const spec = WorldSpecSchema.parse({ domain: 'os', initialState: { text: GEDIT_TYPED } });

function checks(code: string, observation: string): Record<string, CheckResult> {
  const results = checkOsObservation({
    spec,
    turnIndex: 1,
    action: parseOsAction(code, spec),
    ledger: createOsLedger(spec),
    observation,
  });
  return Object.fromEntries(results.map((result) => [result.id, result]));
}

describe('os accessibility table', () => {
  it('parses rows into typed nodes, with quoted and multi-line text', () => {
    const table = parseDesktopTable(
      `${DESKTOP_TABLE_HEADER}\npush-button\tOK\t\t\t\t(10, 20)\t(30, 40)\nterminal\tTerminal\t"say ""hi""\nsecond line"\t\t\t(0, 100)\t(800, 600)`,
    );
    assert.equal(table.hasHeader, true);
    assert.deepEqual(table.problems, []);
    assert.equal(table.nodes.length, 2);
    assert.deepEqual(table.nodes[0], {
      index: 0,
      line: 2,
      tag: 'push-button',
      name: 'OK',
      text: '',
      className: '',
      description: '',
      position: { x: 10, y: 20 },
      size: { width: 30, height: 40 },
    });
    assert.equal(table.nodes[1]?.text, 'say "hi"\nsecond line');
    assert.deepEqual(
      nodesAt(table.nodes, { x: 20, y: 30 }).map((node) => node.name),
      ['OK'],
    );
  });

  it('reports a missing header and bad rows without throwing', () => {
    const table = parseDesktopTable(
      'push-button\tOK\t\t\t\t(10, 20)\t(30, 40)\nlabel\tbroken\t\t\t\t\tnot-a-size\t\textra',
    );
    assert.equal(table.hasHeader, false);
    assert.ok(table.problems.some((problem) => /header/.test(problem.message)));
    assert.ok(table.problems.some((problem) => problem.line === 2 && /9 columns/.test(problem.message)));
    assert.deepEqual(parseDesktopTable('').nodes, []);
  });

  it('diffs two states element by element', () => {
    const diff = diffDesktopTables(parseDesktopTable(GEDIT_TYPED), parseDesktopTable(GEDIT_SAVE_DIALOG));
    assert.equal(diff.removed.length, 0);
    assert.ok(diff.added.some((node) => node.tag === 'dialog' && node.name === 'Save As'));
    assert.equal(diff.changed.length, 0);
    const typed = diffDesktopTables(parseDesktopTable(GEDIT_EMPTY), parseDesktopTable(GEDIT_TYPED));
    assert.ok(typed.changed.some((change) => change.after.tag === 'text' && change.fields.includes('text')));
    assert.ok(typed.added.some((node) => node.name === '*Untitled Document 1 - gedit'));
    assert.equal(
      diffDesktopTables(parseDesktopTable(GEDIT_EMPTY), parseDesktopTable(GEDIT_EMPTY)).identical,
      true,
    );
  });
});

describe('os checks', () => {
  it('pass on a realistic transition', () => {
    const results = checks("pyautogui.hotkey('ctrl', 's')", GEDIT_SAVE_DIALOG);
    for (const id of ['no-scaffolding', 'non-empty', 'table-header', 'table-columns']) {
      assert.equal(results[id]?.status, 'pass', id);
    }
    assert.equal(results['click-target']?.status, 'skip');
    assert.equal(results['stale-state']?.status, 'skip');
  });

  it('fail when the header is lost or a row has the wrong columns', () => {
    const body = GEDIT_SAVE_DIALOG.split('\n').slice(1).join('\n');
    assert.equal(checks('pyautogui.press("a")', body)['table-header']?.status, 'fail');
    const broken = `${GEDIT_SAVE_DIALOG}\nlabel\tStatus\tSaved`;
    assert.match(checks('pyautogui.press("a")', broken)['table-columns']?.message ?? '', /3 columns/);
  });

  it('flag a copied state after a click on a button, but not after a click on empty space', () => {
    const stale = checks('pyautogui.click(1670, 54)', GEDIT_TYPED)['stale-state'];
    assert.equal(stale?.status, 'fail');
    assert.match(stale?.message ?? '', /push-button "Save"/);
    assert.equal(checks('pyautogui.click(1670, 54)', GEDIT_SAVE_DIALOG)['stale-state']?.status, 'pass');
    assert.equal(checks('pyautogui.click(960, 540)', GEDIT_TYPED)['stale-state']?.status, 'skip');
    assert.equal(checks("pyautogui.write('x')", GEDIT_TYPED)['stale-state']?.status, 'fail');
    assert.equal(checks('time.sleep(2)', GEDIT_TYPED)['stale-state']?.status, 'skip');
  });

  it('check click targets against the screen and the elements of the current state', () => {
    assert.equal(checks('pyautogui.click(1670, 54)', GEDIT_SAVE_DIALOG)['click-target']?.status, 'pass');
    const off = checks('pyautogui.click(2500, 40)', GEDIT_TYPED)['click-target'];
    assert.equal(off?.status, 'fail');
    assert.match(off?.message ?? '', /outside the 1920x1080 screen/);
    const empty = parseOsAction('pyautogui.click(1900, 5)', spec);
    const ledger = applyOsTurn(
      createOsLedger(spec),
      parseOsAction('pyautogui.moveTo(5, 5)', spec),
      GEDIT_TYPED,
    );
    const results = checkOsObservation({
      spec,
      turnIndex: 2,
      action: empty,
      ledger,
      observation: GEDIT_TYPED,
    });
    const target = results.find((result) => result.id === 'click-target');
    assert.equal(target?.status, 'pass', 'the System menu holds (1900, 5)');
    const nowhere = checks('pyautogui.click(50, 600)', GEDIT_TYPED)['click-target'];
    assert.equal(nowhere?.status, 'skip');
    assert.match(nowhere?.message ?? '', /warning/);
    // A click with no coordinates lands where the pointer is, when the ledger knows it.
    const atPointer = checkOsObservation({
      spec,
      turnIndex: 2,
      action: parseOsAction('pyautogui.click()', spec),
      ledger: applyOsTurn(
        createOsLedger(spec),
        parseOsAction('pyautogui.moveTo(1670, 54)', spec),
        GEDIT_TYPED,
      ),
      observation: GEDIT_TYPED,
    });
    assert.equal(atPointer.find((result) => result.id === 'stale-state')?.status, 'fail');
  });

  it('never throw and skip table checks in a world that is not a table', () => {
    const plain = WorldSpecSchema.parse({ domain: 'os', initialState: { text: 'A desktop.' } });
    const results = checkOsObservation({
      spec: plain,
      turnIndex: 1,
      action: parseOsAction('DONE', plain),
      ledger: createOsLedger(plain),
      observation: '<predicted_observation>',
    });
    assert.equal(results.find((result) => result.id === 'no-scaffolding')?.status, 'fail');
    assert.equal(results.find((result) => result.id === 'table-header')?.status, 'skip');
  });
});
