import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../core/turn.js';
import { agentHarnessFor } from '../../export/agent-prompts/index.js';
import { ScriptedPolicy } from '../scripted-policy.js';
import { corpusSessions, exampleSessions, playRecord, taskOf } from '../sessions.test-data.js';
import { agentAdapterFor } from './index.js';
import { MINI_SWE_TEXT_FORMAT, miniSweFormatError } from './mini-swe-agent.js';

function commandOf(action: unknown): string {
  return String((action as { arguments: { command: string } }).arguments.command);
}

const records = [...exampleSessions('swe'), ...corpusSessions('swe')].filter(
  (record) => record.spec.dialect === 'mini-swe-agent',
);

describe('mini-swe-agent adapter (text form)', () => {
  it(`shows each <returncode>/<output> result unchanged and reads the mswea_bash_command block (${records.length} sessions)`, async () => {
    for (const record of records) {
      const policy = new ScriptedPolicy(
        {
          script: (turn) => {
            const recorded = record.turns[turn.step];
            return recorded === undefined
              ? 'no block'
              : `THOUGHT: next step.\n\n\`\`\`mswea_bash_command\n${commandOf(recorded.action)}\n\`\`\``;
          },
        },
        { spec: record.spec, instruction: taskOf(record) },
      );
      const decisions = await playRecord(policy, record);
      const messages = policy.messages();
      const opening = agentHarnessFor(record).opening;
      assert.equal(messages[0]?.role, 'system');
      assert.ok(String(messages[0]?.content).endsWith(MINI_SWE_TEXT_FORMAT));
      assert.ok(opening.user.includes('- Call the bash tool with exactly one command per reply'));
      assert.equal(
        messages[1]?.content,
        opening.user.replace(
          '- Call the bash tool with exactly one command per reply',
          '- Put exactly one command per reply in a ```mswea_bash_command block',
        ),
      );
      const results = messages.slice(2).filter((message) => message.role === 'user');
      results.forEach((message, index) => {
        assert.equal(message.content, record.turns[index]?.observation, `${record.id} turn ${index + 1}`);
      });
      decisions.forEach((decision, index) => {
        const recorded = record.turns[index];
        if (recorded === undefined) return;
        assert.deepEqual(decision.action, {
          name: 'bash',
          arguments: { command: commandOf(recorded.action) },
        });
      });
      const submits = commandOf(record.turns.at(-1)?.action).startsWith(
        'echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT',
      );
      if (submits) {
        assert.equal(decisions.length, record.turns.length);
        assert.equal(decisions.at(-1)?.done, true);
      }
    }
  });

  it('gives its format error for a reply without exactly one block, fed back as a user message', async () => {
    const [record] = records as [SessionRecord];
    const replies = [
      'I will run ls.',
      '```mswea_bash_command\nls\n```\n```mswea_bash_command\npwd\n```',
      '```bash\nls\n```',
    ];
    const policy = new ScriptedPolicy({ script: replies }, { spec: record.spec, instruction: 'x' });
    const none = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.equal(none.invalid, miniSweFormatError(0));
    const two = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: '',
      invalidActionError: none.invalid,
    });
    assert.equal(two.invalid, miniSweFormatError(2));
    assert.deepEqual(policy.messages().at(-2), { role: 'user', content: miniSweFormatError(0) });
    const v1 = await policy.decide({
      step: 2,
      spec: record.spec,
      observation: '',
      invalidActionError: two.invalid,
    });
    assert.deepEqual(v1.action, { name: 'bash', arguments: { command: 'ls' } });
    assert.equal(v1.done, false);
  });
});

describe('mini-swe-agent adapter (tool-calling form)', () => {
  it('sends the bash tool and gives its format error for a reply without a call', async () => {
    const [record] = records as [SessionRecord];
    const policy = new ScriptedPolicy(
      {
        script: [
          'I am done.',
          {
            toolCalls: [
              { name: 'bash', arguments: { command: 'echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT' } },
            ],
          },
        ],
        adapter: (spec, instruction) => agentAdapterFor(spec, instruction, { miniSweAgentForm: 'tools' }),
      },
      { spec: record.spec, instruction: 'x' },
    );
    assert.equal(policy.adapter.mode, 'tools');
    const none = await policy.decide({ step: 0, spec: record.spec, observation: record.initialObservation });
    assert.equal(none.invalid, miniSweFormatError(0));
    const submit = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: '',
      invalidActionError: none.invalid,
    });
    assert.equal(submit.done, true);
  });
});
