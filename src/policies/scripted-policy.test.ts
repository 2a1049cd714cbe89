import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import { ScriptedPolicy, scriptedPolicyFactory } from './scripted-policy.js';
import { exampleSessions } from './sessions.test-data.js';

const mcp = exampleSessions('mcp')[0] as SessionRecord;
const turn0 = { step: 0, spec: mcp.spec, observation: mcp.initialObservation };

describe('ScriptedPolicy', () => {
  it('answers from a list through the adapter, tool calls, reasoning and usage included', async () => {
    const usage = { promptTokens: 1, completionTokens: 2, totalTokens: 3 };
    const policy = new ScriptedPolicy(
      {
        id: 'known-solution',
        script: [
          { toolCalls: [{ name: 'echo', arguments: { message: 'a' } }], reasoningContent: 'why', usage },
          '<think>enough</think>The answer is a.',
        ],
      },
      { spec: mcp.spec, instruction: 'x' },
    );
    assert.equal(policy.id, 'known-solution');
    const call = await policy.decide(turn0);
    assert.deepEqual(call.action, { name: 'echo', arguments: { message: 'a' } });
    assert.deepEqual({ reasoning: call.reasoning, usage: call.usage }, { reasoning: 'why', usage });
    const answer = await policy.decide({ step: 1, spec: mcp.spec, observation: 'a' });
    assert.deepEqual(
      { done: answer.done, finalAnswer: answer.finalAnswer, reasoning: answer.reasoning },
      { done: true, finalAnswer: 'The answer is a.', reasoning: 'enough' },
    );
  });

  it('takes a function of the turn, and says so when a list runs out', async () => {
    const seen: number[] = [];
    const policy = new ScriptedPolicy(
      {
        script: (turn, index) => {
          seen.push(turn.step, index);
          return 'final';
        },
      },
      { spec: mcp.spec, instruction: 'x' },
    );
    assert.equal((await policy.decide(turn0)).finalAnswer, 'final');
    assert.deepEqual(seen, [0, 0]);
    const empty = new ScriptedPolicy({ script: [] }, { spec: mcp.spec, instruction: 'x' });
    await assert.rejects(empty.decide(turn0), (error) => isAgentWorldError(error, 'INVALID_REQUEST'));
  });

  it('honours an aborted signal, and a factory starts the script over for each episode', async () => {
    const factory = scriptedPolicyFactory({ script: ['one'] });
    await assert.rejects(factory(mcp.spec, 'x', 1).decide(turn0, { signal: AbortSignal.abort() }), (error) =>
      isAgentWorldError(error, 'ABORTED'),
    );
    assert.equal((await factory(mcp.spec, 'x', 2).decide(turn0)).finalAnswer, 'one');
    assert.equal((await factory(mcp.spec, 'x', 3).decide(turn0)).finalAnswer, 'one');
  });
});
