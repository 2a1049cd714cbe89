import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { type AndroidAction, parseAndroidAction } from './actions.js';
import { checkAndroidObservation } from './checks.js';
import { CLOCK_ALARMS, CLOCK_TIME_PICKER, CONTACT_FORM, CONTACTS_LIST } from './fixtures.test-data.js';
import { DEFAULT_ELEMENT_LIST_HOME } from './initial-state.js';
import { type AndroidLedger, applyAndroidTurn, createAndroidLedger } from './ledger.js';

const world = WorldSpecSchema.parse({ domain: 'android', dialect: 'androidworld' });
const phone = WorldSpecSchema.parse({
  domain: 'android',
  dialect: 'phone-invoke',
  initialState: { text: CLOCK_ALARMS },
});

function run(
  spec: typeof world,
  ledger: AndroidLedger,
  action: unknown,
  observation: string,
): Map<string, CheckResult> {
  const parsed: AndroidAction = parseAndroidAction(action, spec);
  const results = checkAndroidObservation({
    spec,
    turnIndex: ledger.turns + 1,
    action: parsed,
    ledger,
    observation,
  });
  return new Map(results.map((result) => [result.id, result]));
}

const statusOf = (results: Map<string, CheckResult>, id: string): string | undefined =>
  results.get(id)?.status;

describe('android checks', () => {
  const home = createAndroidLedger(world);

  it('pass on a realistic open_app and a tap that opens a form', () => {
    const opened = run(world, home, { action_type: 'open_app', app_name: 'Contacts' }, CONTACTS_LIST);
    for (const result of opened.values()) assert.notEqual(result.status, 'fail', JSON.stringify(result));
    // An M3A element list does not name its app, so the foreground cannot be judged from it.
    assert.equal(statusOf(opened, 'foreground-app'), 'skip');
    assert.equal(statusOf(opened, 'stale-screen'), 'pass');
    const onList = applyAndroidTurn(
      home,
      parseAndroidAction({ action_type: 'open_app', app_name: 'Contacts' }, world),
      CONTACTS_LIST,
    );
    const tapped = run(world, onList, { action_type: 'click', index: 5 }, CONTACT_FORM);
    for (const result of tapped.values()) assert.notEqual(result.status, 'fail', JSON.stringify(result));
    assert.equal(statusOf(tapped, 'index-exists'), 'pass');
  });

  it('flag an index the screen lacks, a stale screen, the wrong app, bad format and bad numbering', () => {
    assert.equal(
      statusOf(run(world, home, { action_type: 'click', index: 9 }, CONTACTS_LIST), 'index-exists'),
      'fail',
    );
    const stale = run(
      world,
      home,
      { action_type: 'open_app', app_name: 'Contacts' },
      DEFAULT_ELEMENT_LIST_HOME,
    );
    assert.equal(statusOf(stale, 'stale-screen'), 'fail');
    const prose = run(world, home, { action_type: 'navigate_back' }, 'The Contacts app opens.');
    assert.equal(statusOf(prose, 'screen-format'), 'fail');
    // M3A keeps the gaps where invalid elements were left out; indices must still rise.
    const gap = CONTACTS_LIST.replaceAll('UI element 4: {"index": 4,', 'UI element 5: {"index": 5,');
    assert.equal(statusOf(run(world, home, { action_type: 'wait' }, gap), 'index-numbering'), 'fail');
    const skipped = CONTACTS_LIST.split('\n')
      .filter((line) => !line.startsWith('UI element 2:'))
      .join('\n');
    assert.equal(statusOf(run(world, home, { action_type: 'wait' }, skipped), 'index-numbering'), 'pass');
    const mismatched = CONTACTS_LIST.replace('UI element 4: {"index": 4,', 'UI element 4: {"index": 7,');
    assert.equal(statusOf(run(world, home, { action_type: 'wait' }, mismatched), 'screen-format'), 'fail');
  });

  it('allow an unchanged screen where the action may have no effect', () => {
    // Home on the launcher, a wait, a tap on a plain text line.
    assert.equal(
      statusOf(run(world, home, { action_type: 'navigate_home' }, DEFAULT_ELEMENT_LIST_HOME), 'stale-screen'),
      'skip',
    );
    assert.equal(
      statusOf(run(world, home, { action_type: 'wait' }, DEFAULT_ELEMENT_LIST_HOME), 'stale-screen'),
      'skip',
    );
  });

  it('check phone states: a tap on a navigating button that changes nothing is stale', () => {
    const ledger = createAndroidLedger(phone);
    const fine = run(phone, ledger, { action: 'click', index: 4 }, CLOCK_TIME_PICKER);
    for (const result of fine.values()) assert.notEqual(result.status, 'fail', JSON.stringify(result));
    assert.equal(
      statusOf(run(phone, ledger, { action: 'click', index: 4 }, CLOCK_ALARMS), 'stale-screen'),
      'fail',
    );
    assert.equal(
      statusOf(run(phone, ledger, { action: 'click', index: 0 }, CLOCK_ALARMS), 'index-exists'),
      'fail',
    );
    const noApp = CLOCK_TIME_PICKER.split('\n').slice(1).join('\n');
    assert.equal(statusOf(run(phone, ledger, { action: 'click', index: 4 }, noApp), 'screen-format'), 'fail');
    const zeroBased = CLOCK_TIME_PICKER.replace(/^(\d+)\./gm, (_m, n: string) => `${Number(n) - 1}.`);
    assert.equal(
      statusOf(run(phone, ledger, { action: 'click', index: 4 }, zeroBased), 'index-numbering'),
      'fail',
    );
  });

  it('never throw, even on odd observations', () => {
    const results = checkAndroidObservation({
      spec: world,
      turnIndex: 1,
      action: parseAndroidAction({ action_type: 'click', index: 1 }, world),
      ledger: home,
      observation: '',
    });
    assert.equal(results.find((r) => r.id === 'non-empty')?.status, 'fail');
  });
});
