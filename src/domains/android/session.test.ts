import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { createEnv } from '../../session/create-env.js';
import { CLOCK_ALARMS, CLOCK_TIME_PICKER, CONTACT_FORM, CONTACTS_LIST } from './fixtures.test-data.js';
import { DEFAULT_ELEMENT_LIST_HOME, DEFAULT_PHONE_STATE_HOME } from './initial-state.js';

/** An engine that answers from a fixed list of screens and keeps the messages it was sent. */
function cannedEngine(screens: string[]): Engine & { readonly calls: ChatMessage[][] } {
  const calls: ChatMessage[][] = [];
  return {
    id: 'canned',
    calls,
    identity: () => ({ engine: 'canned' }),
    async predict(request: PredictRequest) {
      calls.push([...request.messages]);
      const observation = screens[request.turnIndex - 1];
      if (observation === undefined) throw new Error(`no canned screen for turn ${request.turnIndex}`);
      return {
        observation,
        provenance: { source: 'simulated', engine: 'canned', promptHash: request.promptHash },
        events: [],
      };
    },
    async close() {},
  };
}

describe('android domain in a real Session', () => {
  it('androidworld: each turn carries the screen it acts on under Current State', async () => {
    const engine = cannedEngine([CONTACTS_LIST, CONTACT_FORM]);
    const env = await createEnv({ domain: 'android', task: 'Add a contact.' }, { engine });
    const reset = await env.reset({ seed: 1 });
    assert.equal(reset.info.dialect, 'androidworld');
    assert.equal(reset.observation, DEFAULT_ELEMENT_LIST_HOME);

    const first = await env.step({ action_type: 'open_app', app_name: 'Contacts' });
    const turn1 = `### Turn 1\n**Current State:**\n${DEFAULT_ELEMENT_LIST_HOME}\n\n**Action:**\n\`\`\`json\n{\n  "action_type": "open_app",\n  "app_name": "Contacts"\n}\n\`\`\``;
    assert.equal(engine.calls[0]?.[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    // An M3A element list does not name its app: the ledger keeps the one open_app named.
    assert.equal(first.info.ledger.foregroundApp, 'Contacts');
    assert.ok(
      first.info.turn.checks.every((check) => check.status !== 'fail'),
      JSON.stringify(first.info.turn.checks),
    );

    const second = await env.step('{"action_type":"click","index":5}');
    const turn2 = `### Turn 2\n**Current State:**\n${CONTACTS_LIST}\n\n**Action:**\n\`\`\`json\n{\n  "action_type": "click",\n  "index": 5\n}\n\`\`\``;
    const call = engine.calls[1] ?? [];
    assert.equal(call.length, 4);
    assert.equal(call[1]?.content, turn1);
    assert.equal(call[2]?.content, `**Environment Observation:**\n${CONTACTS_LIST}`);
    assert.equal(call[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(second.info.turn.checks.every((check) => check.status !== 'fail'));
    assert.equal(second.terminated, false);
  });

  it('phone-invoke: Current Phone State and the <invoke> action in an xml fence', async () => {
    const engine = cannedEngine([CLOCK_ALARMS, CLOCK_TIME_PICKER]);
    const env = await createEnv({ domain: 'android', dialect: 'phone-invoke' }, { engine });
    await env.reset({ seed: 1 });
    await env.step({ action: 'open_app', text: 'Clock' });
    const turn1 = `### Turn 1\n**Current Phone State:**\n${DEFAULT_PHONE_STATE_HOME}\n\n**Action:**\n\`\`\`xml\n<invoke name="phone">\n<parameter name="action">open_app</parameter>\n<parameter name="text">Clock</parameter>\n</invoke>\n\`\`\``;
    assert.equal(engine.calls[0]?.[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    const second = await env.step(
      '<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">4</parameter>\n</invoke>',
    );
    const turn2 = `### Turn 2\n**Current Phone State:**\n${CLOCK_ALARMS}\n\n**Action:**\n\`\`\`xml\n<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">4</parameter>\n</invoke>\n\`\`\``;
    assert.equal(engine.calls[1]?.[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(second.info.turn.checks.every((check) => check.status !== 'fail'));
    assert.ok(env.systemPrompt.includes('<invoke name="phone">'));
  });

  it('status ends the episode; a wrong-dialect action is INVALID_ACTION', async () => {
    const engine = cannedEngine([DEFAULT_ELEMENT_LIST_HOME]);
    const env = await createEnv({ domain: 'android' }, { engine });
    await env.reset({ seed: 1 });
    await assert.rejects(env.step({ action: 'click', index: 1 }), { code: 'INVALID_ACTION' });
    const done = await env.step({ action_type: 'status', goal_status: 'complete' });
    assert.equal(done.terminated, true);
    assert.equal(done.info.ledger.goalStatus, 'complete');
  });
});
