import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { isAgentWorldError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { createEnv } from '../../session/create-env.js';
import { renderClaudeRead, renderClaudeWriteCreated } from './dialects/claude-code/index.js';
import { renderMiniSweObservation } from './dialects/mini-swe-agent/index.js';

/** An engine that answers from a fixed list and keeps the messages it was sent. */
function cannedEngine(observations: string[]): Engine & { readonly calls: ChatMessage[][] } {
  const calls: ChatMessage[][] = [];
  return {
    id: 'canned',
    calls,
    identity: () => ({ engine: 'canned' }),
    async predict(request: PredictRequest) {
      calls.push([...request.messages]);
      const observation = observations[request.turnIndex - 1];
      if (observation === undefined) throw new Error(`no canned observation for turn ${request.turnIndex}`);
      return {
        observation,
        provenance: { source: 'simulated', engine: 'canned', promptHash: request.promptHash },
        events: [],
      };
    },
    async close() {},
  };
}

const CODE = 'print("hi")\n';

describe('swe domain in a real Session', () => {
  it('claude-code: exact turn-1 and turn-2 user messages, byte-stable history, ledger and checks', async () => {
    const observations = [renderClaudeWriteCreated('/home/dev/project/hi.py'), renderClaudeRead(CODE)];
    const engine = cannedEngine(observations);
    const env = await createEnv({ domain: 'swe', dialect: 'claude-code', task: 'Add hi.py.' }, { engine });
    const reset = await env.reset({ seed: 1 });
    assert.equal(reset.observation, 'Working directory: /home/dev/project');
    assert.equal(reset.info.dialect, 'claude-code');

    await env.step({
      name: 'Write',
      arguments: JSON.stringify({ file_path: '/home/dev/project/hi.py', content: CODE }),
    });
    const turn1 =
      '### Turn 1\n' +
      '**Action:**\n' +
      '```json\n' +
      '{\n' +
      '  "name": "Write",\n' +
      '  "arguments": "{\\"file_path\\":\\"/home/dev/project/hi.py\\",\\"content\\":\\"print(\\\\\\"hi\\\\\\")\\\\n\\"}"\n' +
      '}\n' +
      '```';
    const first = engine.calls[0] ?? [];
    assert.equal(first[0]?.content, env.systemPrompt);
    assert.equal(first[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);

    const second = await env.step({ name: 'Read', arguments: { file_path: 'hi.py' } });
    const turn2 =
      '### Turn 2\n' +
      '**Action:**\n' +
      '```json\n' +
      '{\n' +
      '  "name": "Read",\n' +
      '  "arguments": "{\\"file_path\\":\\"hi.py\\"}"\n' +
      '}\n' +
      '```';
    const call2 = engine.calls[1] ?? [];
    assert.deepEqual(
      call2.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(call2[1]?.content, turn1);
    assert.equal(call2[2]?.content, `**Environment Observation:**\n${observations[0]}`);
    assert.equal(call2[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    const check = second.info.turn.checks.find((entry) => entry.id === 'read-shows-written');
    assert.equal(check?.status, 'pass');
    assert.equal(
      (second.info.ledger.files as Record<string, { source: string }>)['/home/dev/project/hi.py']?.source,
      'write',
    );
    assert.match(env.systemPrompt, /"name": "TodoWrite"/);
  });

  it('mini-swe-agent: bash fences, completion, and a bad action leaves the session unchanged', async () => {
    const engine = cannedEngine([
      renderMiniSweObservation(0, 'README.md\n'),
      renderMiniSweObservation(0, ''),
    ]);
    const env = await createEnv({ domain: 'swe', dialect: 'mini-swe-agent' }, { engine });
    await env.reset({ seed: 2 });
    await assert.rejects(
      env.step({ name: 'Read', arguments: { file_path: '/x' } }),
      (error: unknown) => isAgentWorldError(error, 'INVALID_ACTION') && /mini-swe-agent/.test(error.message),
    );
    assert.equal(env.turns.length, 0);
    await env.step('```bash\nls\n```');
    assert.equal(
      engine.calls[0]?.[1]?.content,
      `### Turn 1\n**Action:**\n\`\`\`bash\nls\n\`\`\`\n\n${DEFAULT_TURN_INSTRUCTION}`,
    );
    const done = await env.step('echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff');
    assert.equal(done.terminated, true);
  });
});
