/**
 * The recorded android example sessions (examples/sessions/android.jsonl, made by
 * scripts/record-examples/android.ts), replayed through the real Session: same prompts, observations and checks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv, parseWorldSpec } from '../../src/session/create-env.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { examplePath } from '../helpers/index.js';

function loadRecords(): SessionRecord[] {
  return parseSessionLines(readFileSync(examplePath('sessions/android.jsonl'), 'utf8'), 'android.jsonl');
}

describe('android example sessions replay', () => {
  it('are one session per dialect, in the bundled specs, labelled as scripted', () => {
    const records = loadRecords();
    assert.deepEqual(
      records.map((record) => record.spec.dialect),
      ['androidworld', 'phone-invoke'],
    );
    for (const record of records) {
      assert.equal(record.labels.recordedWith, 'scripted-model-server');
      assert.equal(record.labels.note, 'not a real environment');
      assert.equal(record.closed, true);
      const bundled = readFileSync(examplePath(`android-${record.spec.dialect}.json`), 'utf8');
      assert.deepEqual(
        record.spec,
        parseWorldSpec(JSON.parse(bundled)),
        `${record.spec.id} is the bundled spec`,
      );
      assert.ok(record.turns.length >= 4, `${record.spec.id} has ${record.turns.length} turns`);
    }
  });

  it('replays both dialects with identical prompts, observations and checks, none failing', async () => {
    const records = loadRecords();
    const engine = createReplayEngine({ sessions: records });
    try {
      for (const record of records) {
        const env = await createEnv(record.spec, { engine });
        const reset = await env.reset({ seed: record.seed });
        assert.equal(reset.observation, record.initialObservation);
        assert.equal(env.systemPrompt, record.systemPrompt);
        let terminated = false;
        for (const recorded of record.turns) {
          const result = await env.step(recorded.action);
          const turn = result.info.turn;
          assert.equal(turn.prompt, recorded.prompt, `${record.spec.id} turn ${recorded.index} prompt`);
          assert.equal(result.observation, recorded.observation);
          assert.deepEqual(turn.checks, recorded.checks);
          const failing = turn.checks.filter((check) => check.status === 'fail');
          assert.deepEqual(failing, [], `${record.spec.id} turn ${recorded.index}`);
          assert.equal(turn.provenance.source, 'replayed');
          terminated = result.terminated;
        }
        assert.equal(env.turns.length, record.turns.length);
        // androidworld ends with `status`; phone-invoke has no completion action, so its episode stays open.
        assert.equal(terminated, record.spec.dialect === 'androidworld');
        await env.close();
      }
    } finally {
      await engine.close();
    }
  });

  it('the replayed ledgers follow the apps, the typed text and the verdict', async () => {
    const records = loadRecords();
    const engine = createReplayEngine({ sessions: records });
    try {
      const [contacts, clock] = records;
      assert.ok(contacts !== undefined && clock !== undefined);

      const contactsEnv = await createEnv(contacts.spec, { engine });
      await contactsEnv.reset({ seed: contacts.seed });
      for (const recorded of contacts.turns) await contactsEnv.step(recorded.action);
      const contactsLedger = contactsEnv.ledgerSummary();
      // An M3A element list does not name its app: the ledger keeps the one open_app named.
      assert.equal(contactsLedger.foregroundApp, 'Contacts');
      assert.deepEqual(contactsLedger.openedApps, ['Contacts']);
      assert.equal(contactsLedger.goalStatus, 'complete');
      assert.match(String(contactsLedger.screen), /"text": "Ada Lovelace"/);
      const firstPrompt = contacts.turns[0]?.prompt ?? '';
      assert.match(firstPrompt, /\*\*Current State:\*\*\nUI element 0: \{"index": 0, /);
      assert.match(firstPrompt, /```json\n\{\n {2}"action_type": "open_app"/);
      await contactsEnv.close();

      const clockEnv = await createEnv(clock.spec, { engine });
      await clockEnv.reset({ seed: clock.seed });
      for (const recorded of clock.turns) await clockEnv.step(recorded.action);
      const clockLedger = clockEnv.ledgerSummary();
      assert.equal(clockLedger.foregroundApp, 'com.google.android.apps.nexuslauncher');
      assert.deepEqual(clockLedger.openedApps, ['Clock']);
      assert.deepEqual(clockLedger.memory, [{ note: 'Alarm for 6:30 AM is saved and switched on' }]);
      const lastPrompt = clock.turns.at(-1)?.prompt ?? '';
      assert.match(
        lastPrompt,
        /\*\*Current Phone State:\*\*\n- App: Clock \(com\.google\.android\.deskclock\)/,
      );
      assert.match(lastPrompt, /6:30 AM/);
      assert.match(lastPrompt, /```xml\n<invoke name="remember">/);
      await clockEnv.close();
    } finally {
      await engine.close();
    }
  });
});
