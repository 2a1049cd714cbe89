import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../core/turn.js';
import { sweTools } from '../../domains/swe/index.js';
import {
  agentHarnessFor,
  functionSignature,
  renderToolCall,
  renderToolResponse,
} from '../../export/agent-prompts/index.js';
import { ScriptedPolicy, type ScriptedPolicyReply } from '../scripted-policy.js';
import { corpusSessions, exampleSessions, playRecord, taskOf } from '../sessions.test-data.js';
import { SWE_AGENT_NO_TOOL_CALL_ERROR, TOOL_CALL_NOT_RUN } from './tool-calling.js';

const FINAL_ANSWER = 'The answer is 42.';

interface ToolAction {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

function toolAction(action: unknown): ToolAction {
  const value = action as ToolAction;
  assert.equal(typeof value.name, 'string');
  return value;
}

function policyFor(record: SessionRecord, native: boolean): ScriptedPolicy {
  return new ScriptedPolicy(
    {
      script: (turn): ScriptedPolicyReply => {
        const recorded = record.turns[turn.step];
        if (recorded === undefined) return FINAL_ANSWER;
        if (!native) return renderToolCall(recorded.action);
        const action = toolAction(recorded.action);
        return { content: null, toolCalls: [{ name: action.name, arguments: action.arguments }] };
      },
    },
    { spec: record.spec, instruction: taskOf(record) },
  );
}

const records: SessionRecord[] = [
  ...exampleSessions('mcp'),
  ...exampleSessions('swe').filter((record) => record.spec.dialect !== 'mini-swe-agent'),
  ...exampleSessions('web').filter((record) => record.spec.dialect === 'playwright-mcp'),
  ...corpusSessions('mcp'),
  ...corpusSessions('search'),
  ...corpusSessions('swe').filter((record) => record.spec.dialect !== 'mini-swe-agent'),
  ...corpusSessions('web-playwright-mcp'),
];

describe('function-calling adapter over recorded sessions', () => {
  it(`sends the harness opening and each result as a tool message answering the call (${records.length} sessions)`, async () => {
    for (const record of records) {
      const harness = agentHarnessFor(record);
      const policy = policyFor(record, true);
      const decisions = await playRecord(policy, record);
      const messages = policy.messages();
      const system = String(messages[0]?.content);
      assert.equal(messages[0]?.role, 'system');
      assert.ok(harness.opening.system?.startsWith(`${system}\n\n# Tools\n`), record.id);
      assert.ok(!system.includes('<tools>'));
      assert.deepEqual(messages[1], { role: 'user', content: harness.opening.user });
      const toolMessages = messages.filter((message) => message.role === 'tool');
      const assistants = messages.filter((message) => message.role === 'assistant');
      toolMessages.forEach((message, index) => {
        const turn = record.turns[index] as SessionRecord['turns'][number];
        assert.equal(
          renderToolResponse(String(message.content)),
          harness.observe(turn),
          `${record.id} turn ${index + 1}`,
        );
        const calls = assistants[index]?.tool_calls as Array<{ id: string; function: { name: string } }>;
        assert.equal(message.tool_call_id, calls[0]?.id);
        assert.equal(calls[0]?.function.name, toolAction(turn.action).name);
      });
      decisions.forEach((decision, index) => {
        const turn = record.turns[index];
        if (turn === undefined) return;
        assert.equal(decision.invalid, undefined);
        assert.deepEqual(decision.action, {
          name: toolAction(turn.action).name,
          arguments: toolAction(turn.action).arguments,
        });
      });
      const last = decisions.at(-1);
      if (record.spec.dialect === 'swe-agent') {
        // SWE-agent's submit ends the episode once it has run.
        assert.equal(last?.done, toolAction(record.turns.at(-1)?.action).name === 'submit');
      } else {
        assert.equal(last?.done, true);
        assert.equal(last?.finalAnswer, FINAL_ANSWER);
      }
    }
  });

  it('reads tool calls written in the text (Qwen style) and answers in <tool_response>, as the export layout', async () => {
    for (const record of records) {
      const harness = agentHarnessFor(record);
      const policy = policyFor(record, false);
      const decisions = await playRecord(policy, record);
      const users = policy
        .messages()
        .filter((message) => message.role === 'user')
        .map((m) => m.content);
      const expected = [harness.opening.user, ...record.turns.map((turn) => harness.observe(turn))];
      assert.deepEqual(users, expected.slice(0, users.length), record.id);
      for (const decision of decisions.slice(0, record.turns.length))
        assert.equal(decision.invalid, undefined);
    }
  });

  it("keeps SWE-agent's OBSERVATION: wrapper and sends the dialect tools as function definitions", async () => {
    const record = exampleSessions('swe').find((r) => r.spec.dialect === 'swe-agent') as SessionRecord;
    const policy = policyFor(record, true);
    await playRecord(policy, record);
    const tool = policy.messages().find((message) => message.role === 'tool');
    assert.ok(String(tool?.content).startsWith('OBSERVATION:\n'));
    assert.deepEqual(
      policy.adapter.tools,
      sweTools(record.spec).map((entry) => functionSignature(entry)),
    );
    assert.equal(policy.adapter.mode, 'tools');
  });

  it('refuses a SWE-agent reply without a tool call with its format error, fed back as a user message', async () => {
    const record = exampleSessions('swe').find((r) => r.spec.dialect === 'swe-agent') as SessionRecord;
    const policy = new ScriptedPolicy(
      { script: ['I think the fix is done.', { toolCalls: [{ name: 'submit', arguments: {} }] }] },
      { spec: record.spec, instruction: 'x' },
    );
    const bad = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.deepEqual(
      { invalid: bad.invalid, done: bad.done, action: bad.action },
      {
        invalid: SWE_AGENT_NO_TOOL_CALL_ERROR,
        done: false,
        action: undefined,
      },
    );
    const submit = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: '',
      invalidActionError: bad.invalid,
    });
    assert.deepEqual(policy.messages().at(-2), { role: 'user', content: SWE_AGENT_NO_TOOL_CALL_ERROR });
    assert.equal(submit.done, true);
    assert.deepEqual(submit.action, { name: 'submit', arguments: {} });
  });

  it('answers malformed arguments and extra calls with tool messages', async () => {
    const [record] = exampleSessions('mcp') as [SessionRecord];
    const policy = new ScriptedPolicy(
      {
        script: [
          { toolCalls: [{ id: 'a', name: 'echo', arguments: '{"message": ' }] },
          {
            toolCalls: [
              { id: 'b', name: 'echo', arguments: { message: 'hi' } },
              { id: 'c', name: 'echo', arguments: { message: 'again' } },
            ],
          },
          'done',
        ],
      },
      { spec: record.spec, instruction: 'x' },
    );
    const bad = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.match(bad.invalid ?? '', /^The arguments of the echo call are not valid JSON: /);
    const good = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: '',
      invalidActionError: bad.invalid,
    });
    assert.deepEqual(policy.messages().at(-2), { role: 'tool', tool_call_id: 'a', content: bad.invalid });
    assert.deepEqual(good.action, { name: 'echo', arguments: { message: 'hi' } });
    assert.equal(
      good.reply,
      '[{"name":"echo","arguments":"{\\"message\\":\\"hi\\"}"},{"name":"echo","arguments":"{\\"message\\":\\"again\\"}"}]',
    );
    const end = await policy.decide({ step: 2, spec: record.spec, observation: 'Echo: hi' });
    assert.deepEqual(policy.messages().slice(-3, -1), [
      { role: 'tool', tool_call_id: 'b', content: 'Echo: hi' },
      { role: 'tool', tool_call_id: 'c', content: TOOL_CALL_NOT_RUN },
    ]);
    assert.deepEqual({ done: end.done, finalAnswer: end.finalAnswer }, { done: true, finalAnswer: 'done' });
  });

  it('refuses a <tool_call> block that is not JSON', async () => {
    const [record] = exampleSessions('mcp') as [SessionRecord];
    const policy = new ScriptedPolicy(
      { script: ['<tool_call>\n{name: echo}\n</tool_call>'] },
      { spec: record.spec, instruction: 'x' },
    );
    const decision = await policy.decide({
      step: 0,
      spec: record.spec,
      observation: record.initialObservation,
    });
    assert.match(
      decision.invalid ?? '',
      /^Your tool call could not be read: the <tool_call> block is not valid JSON/,
    );
    assert.equal(decision.done, false);
  });
});
