import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../core/turn.js';
import { TERMINAL_COMPLETION_QUESTION } from '../../domains/terminal/screen.js';
import { agentHarnessFor, terminusReply } from '../../export/agent-prompts/index.js';
import { ScriptedPolicy } from '../scripted-policy.js';
import { corpusSessions, exampleSessions, playRecord, taskOf } from '../sessions.test-data.js';

const FINAL = '{"analysis": "done", "plan": "", "commands": [], "task_complete": true}';

/** A scripted policy replying each recorded action as the Terminus-2 JSON reply that produced it. */
function replaying(record: SessionRecord): ScriptedPolicy {
  return new ScriptedPolicy(
    {
      script: (turn) =>
        turn.step < record.turns.length ? terminusReply(record.turns[turn.step]?.action) : FINAL,
    },
    { spec: record.spec, instruction: taskOf(record) },
  );
}

/** What Terminus-2 shows over the record (the export harness, the reference for the same rules). */
function harnessMessages(record: SessionRecord): string[] {
  const harness = agentHarnessFor(record);
  const shown = [harness.opening.user];
  for (const turn of record.turns) {
    const next = harness.observe(turn);
    if (next !== undefined) shown.push(next);
  }
  return shown;
}

describe('terminus adapter over recorded sessions', () => {
  const records = [...exampleSessions('terminal'), ...corpusSessions('terminal')];

  it(`shows the Terminus-2 prompt and each incremental output, as the harness does (${records.length} sessions)`, async () => {
    for (const record of records) {
      const policy = replaying(record);
      const decisions = await playRecord(policy, record);
      const shown = policy
        .messages()
        .filter((message) => message.role === 'user')
        .map((m) => m.content);
      const expected = harnessMessages(record);
      assert.deepEqual(shown.slice(0, expected.length), expected, record.id);
      for (const decision of decisions.slice(0, record.turns.length)) {
        assert.equal(decision.invalid, undefined, record.id);
      }
      assert.equal(policy.messages()[0]?.role, 'user', 'Terminus-2 sends no system message');
    }
  });

  it('opens with the task and the first screen, then New Terminal Output', async () => {
    const [record] = exampleSessions('terminal') as [SessionRecord];
    const policy = replaying(record);
    await playRecord(policy, record);
    const [opening, second] = policy
      .messages()
      .filter((m) => m.role === 'user')
      .map((m) => String(m.content));
    assert.ok(
      opening?.includes(
        `Task Description:\n${taskOf(record)}\n\nCurrent terminal state:\nCurrent Terminal Screen:\n`,
      ),
    );
    assert.ok(
      second?.startsWith('New Terminal Output:\n') || second?.startsWith('Current Terminal Screen:\n'),
    );
  });

  it('asks to confirm a first task_complete and ends on the second', async () => {
    const [record] = exampleSessions('terminal') as [SessionRecord];
    const policy = new ScriptedPolicy({ script: [FINAL, FINAL] }, { spec: record.spec, instruction: 'x' });
    const first = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.equal(first.done, false);
    // Not the empty command list (the world's completion action): nothing is typed, the screen is captured.
    assert.deepEqual(first.action, [{ keystrokes: '', duration: 0 }]);
    const screen = `Current terminal state:\n${record.initialObservation}\n\n${TERMINAL_COMPLETION_QUESTION}`;
    const second = await policy.decide({ step: 1, spec: record.spec, observation: screen });
    assert.equal(second.done, true);
    assert.equal(second.action, undefined);
    const question = String(policy.messages().at(-2)?.content);
    assert.ok(question.startsWith('Current terminal state:\nNew Terminal Output:\n'), question);
    assert.ok(question.endsWith(TERMINAL_COMPLETION_QUESTION));
  });

  it('refuses a reply the parser refuses, with the harness error text, and shows warnings before the next output', async () => {
    const [record] = exampleSessions('terminal') as [SessionRecord];
    const replies = [
      '{"analysis": "a", "commands": []}',
      'Sure! {"analysis": "a", "plan": "b", "commands": [{"keystrokes": "ls\\n", "duration": 0.1}]}',
      FINAL,
    ];
    const policy = new ScriptedPolicy({ script: replies }, { spec: record.spec, instruction: 'x' });
    const bad = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.equal(bad.action, undefined);
    assert.equal(bad.done, false);
    assert.equal(
      bad.invalid,
      'Previous response had parsing errors:\nERROR: Missing required fields: plan\n\nPlease fix these issues and provide a proper JSON response.',
    );
    const good = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: record.initialObservation,
      invalidActionError: bad.invalid,
    });
    assert.equal(policy.messages().at(-2)?.content, bad.invalid);
    assert.equal(typeof good.action, 'string');
    assert.equal(good.invalid, undefined);
    const prompt =
      (record.initialObservation.split('\n').at(-1) ?? '') +
      'ls\nnotes\n' +
      (record.initialObservation.split('\n').at(-1) ?? '');
    await policy.decide({ step: 2, spec: record.spec, observation: prompt });
    const shown = String(policy.messages().at(-2)?.content);
    assert.ok(
      shown.startsWith(
        'Previous response had warnings:\nWARNINGS: - Extra text detected before JSON object\n\n',
      ),
      shown,
    );
  });

  it('reads the XML reply form', async () => {
    const [record] = exampleSessions('terminal') as [SessionRecord];
    const xml =
      '<response>\n<analysis>a</analysis>\n<plan>b</plan>\n<commands>\n<keystrokes duration="0.1">ls\n</keystrokes>\n</commands>\n</response>';
    const policy = new ScriptedPolicy({ script: [xml] }, { spec: record.spec, instruction: 'x' });
    const decision = await policy.decide({
      step: 0,
      spec: record.spec,
      observation: record.initialObservation,
    });
    assert.equal(decision.invalid, undefined);
    assert.equal(decision.action, xml);
  });

  it('cuts an output over 10,000 bytes as Terminus-2 does', async () => {
    const [record] = exampleSessions('terminal') as [SessionRecord];
    const reply =
      '{"analysis": "a", "plan": "b", "commands": [{"keystrokes": "seq 5000\\n", "duration": 1}]}';
    const policy = new ScriptedPolicy({ script: [reply, reply] }, { spec: record.spec, instruction: 'x' });
    await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    const prompt = record.initialObservation.split('\n').at(-1) ?? '';
    const long = `${prompt}seq 5000\n${Array.from({ length: 5000 }, (_, i) => String(i + 1)).join('\n')}\n${prompt}`;
    await policy.decide({ step: 1, spec: record.spec, observation: long });
    const shown = String(policy.messages().at(-2)?.content);
    assert.match(shown, /\n\[\.\.\. output limited to 10000 bytes; \d+ interior bytes omitted \.\.\.\]\n/);
    assert.ok(Buffer.byteLength(shown) < 10_200);
  });
});
