import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../core/turn.js';
import { androidPhoneInvokeActionText } from '../../domains/android/index.js';
import { agentHarnessFor, renderOsAction } from '../../export/agent-prompts/index.js';
import { ScriptedPolicy } from '../scripted-policy.js';
import { exampleSessions, playRecord, taskOf } from '../sessions.test-data.js';
import { ANDROID_FORMAT_ERROR, OS_FORMAT_ERROR, PHONE_FORMAT_ERROR } from './gui.js';

/** The reply each harness's policy writes for a recorded action. */
function replyFor(record: SessionRecord, action: unknown): string {
  if (record.spec.dialect === 'phone-invoke')
    return `I open it.\n${androidPhoneInvokeActionText(action as never)}`;
  if (record.spec.domain === 'android') return `Reason: the next step.\nAction: ${JSON.stringify(action)}`;
  const dialect = record.spec.dialect === 'computer13' ? 'computer13' : 'pyautogui';
  return `I will act.\n${renderOsAction(action, dialect)}`;
}

const records = [...exampleSessions('android'), ...exampleSessions('os')];

describe('GUI adapters (AndroidWorld, phone-invoke, OSWorld)', () => {
  for (const record of records) {
    it(`${record.spec.domain}/${record.spec.dialect}: shows the harness's screens and reads its replies`, async () => {
      const policy = new ScriptedPolicy(
        {
          script: (turn) => {
            const recorded = record.turns[turn.step];
            return recorded === undefined ? 'nothing' : replyFor(record, recorded.action);
          },
        },
        { spec: record.spec, instruction: taskOf(record) },
      );
      const decisions = await playRecord(policy, record);
      const harness = agentHarnessFor(record);
      const expected = [
        ...(harness.opening.system === undefined
          ? []
          : [{ role: 'system', content: harness.opening.system }]),
        { role: 'user', content: harness.opening.user },
      ];
      assert.deepEqual(policy.messages().slice(0, expected.length), expected);
      const users = policy
        .messages()
        .filter((message) => message.role === 'user')
        .slice(1);
      users.forEach((message, index) => {
        assert.equal(message.content, harness.observe(record.turns[index] as SessionRecord['turns'][number]));
      });
      decisions.forEach((decision, index) => {
        if (record.turns[index] === undefined) return;
        assert.equal(decision.invalid, undefined, `${record.id} turn ${index + 1}`);
        assert.ok(decision.action !== undefined);
      });
      const last = record.turns.at(-1)?.action as Record<string, unknown>;
      const ends = last.action_type === 'status' || last.type === 'DONE' || last.action_type === 'DONE';
      if (ends) {
        assert.equal(decisions.length, record.turns.length);
        assert.equal(decisions.at(-1)?.done, true);
      }
    });
  }

  it("AndroidWorld: gives the agent's answer when the episode ends, and refuses a reply without an action", async () => {
    const record = records.find((r) => r.spec.dialect === 'androidworld') as SessionRecord;
    const script = [
      'I should click the button.',
      'Action: {"action_type": "answer", "text": "Ada"}',
      'Reason: done.\nAction: {"action_type": "status", "goal_status": "complete"}',
    ];
    const policy = new ScriptedPolicy({ script }, { spec: record.spec, instruction: 'x' });
    const bad = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.deepEqual(
      { invalid: bad.invalid, done: bad.done },
      { invalid: ANDROID_FORMAT_ERROR, done: false },
    );
    const answer = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: '',
      invalidActionError: bad.invalid,
    });
    assert.deepEqual(policy.messages().at(-2), { role: 'user', content: ANDROID_FORMAT_ERROR });
    assert.equal(answer.done, false);
    const status = await policy.decide({
      step: 2,
      spec: record.spec,
      observation: record.initialObservation,
    });
    assert.deepEqual(
      { done: status.done, finalAnswer: status.finalAnswer },
      { done: true, finalAnswer: 'Ada' },
    );
  });

  it('phone-invoke and OSWorld: a reply without a readable action is refused with the harness text', async () => {
    const phone = records.find((r) => r.spec.dialect === 'phone-invoke') as SessionRecord;
    const phonePolicy = new ScriptedPolicy(
      { script: ['tap the clock'] },
      { spec: phone.spec, instruction: 'x' },
    );
    const phoneDecision = await phonePolicy.decide({
      step: 0,
      spec: phone.spec,
      observation: phone.initialObservation,
    });
    assert.equal(phoneDecision.invalid, PHONE_FORMAT_ERROR);
    for (const os of records.filter((r) => r.spec.domain === 'os')) {
      const policy = new ScriptedPolicy(
        { script: ['I would click.', '```python\npyautogui.click(\n```', '```FAIL```'] },
        { spec: os.spec, instruction: 'x' },
      );
      const none = await policy.decide({ step: 0, spec: os.spec, observation: os.initialObservation });
      assert.equal(none.invalid, OS_FORMAT_ERROR);
      const broken = await policy.decide({
        step: 1,
        spec: os.spec,
        observation: '',
        invalidActionError: none.invalid,
      });
      assert.ok(broken.invalid?.startsWith(`${OS_FORMAT_ERROR} `), broken.invalid);
      const fail = await policy.decide({
        step: 2,
        spec: os.spec,
        observation: '',
        invalidActionError: broken.invalid,
      });
      assert.equal(fail.done, true);
    }
  });
});
