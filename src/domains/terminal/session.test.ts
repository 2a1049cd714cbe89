import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import type { ChatMessage } from '../../core/messages.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { SessionRecordSchema } from '../../core/turn.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { createEnv } from '../../session/create-env.js';
import { renderTerminalCompletion } from './screen.js';

const spec = {
  id: 'session-test',
  domain: 'terminal' as const,
  task: 'Create hello.txt.',
  initialState: { data: { host: 'c0ffee000001' } },
};
const P = (cwd: string): string => `root@c0ffee000001:${cwd}# `;

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

describe('terminal domain in a real Session', () => {
  it('sends the AgentWorldBench turn layout and keeps history byte-identical', async () => {
    const screens = [
      `${P('/workspace')}mkdir -p out && cd out\n${P('/workspace/out')}`,
      `${P('/workspace/out')}echo hi > hello.txt\n${P('/workspace/out')}`,
      renderTerminalCompletion(`${P('/workspace/out')}echo hi > hello.txt\n${P('/workspace/out')}`),
    ];
    const engine = cannedEngine(screens);
    const env = await createEnv(spec, { engine });
    const reset = await env.reset({ seed: 3 });
    assert.equal(reset.observation, P('/workspace'));
    assert.equal(reset.info.dialect, 'terminus');

    const first = await env.step([{ keystrokes: 'mkdir -p out && cd out\n', duration: 0.5 }]);
    const turn1 =
      '### Turn 1\n' +
      '**Current State:**\n' +
      'root@c0ffee000001:/workspace# \n' +
      '\n' +
      '**Action:**\n' +
      '```json\n' +
      '[\n' +
      '  {\n' +
      '    "keystrokes": "mkdir -p out && cd out\\n",\n' +
      '    "duration": 0.5\n' +
      '  }\n' +
      ']\n' +
      '```';
    const firstCall = engine.calls[0] ?? [];
    assert.equal(firstCall.length, 2);
    assert.equal(firstCall[0]?.role, 'system');
    assert.equal(firstCall[0]?.content, env.systemPrompt);
    assert.equal(firstCall[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.equal(first.info.turn.prompt, turn1);
    assert.equal(first.info.ledger.cwd, '/workspace/out');
    assert.ok(first.info.turn.checks.every((check) => check.status !== 'fail'));

    // The agent sends text: JSON with the default duration.
    const second = await env.step('[{"keystrokes":"echo hi > hello.txt\\n"}]');
    const turn2 =
      '### Turn 2\n' +
      '**Action:**\n' +
      '```json\n' +
      '[\n' +
      '  {\n' +
      '    "keystrokes": "echo hi > hello.txt\\n",\n' +
      '    "duration": 1\n' +
      '  }\n' +
      ']\n' +
      '```';
    const secondCall = engine.calls[1] ?? [];
    assert.deepEqual(
      secondCall.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(secondCall[0]?.content, firstCall[0]?.content);
    assert.equal(secondCall[1]?.content, turn1);
    assert.equal(secondCall[2]?.content, `**Environment Observation:**\n${screens[0]}`);
    assert.equal(secondCall[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.deepEqual(second.info.ledger.files, {
      '/workspace/out': 'directory',
      '/workspace/out/hello.txt': 'file',
    });
    assert.equal(second.terminated, false);

    const done = await env.step({ analysis: 'Created.', plan: 'Finish.', commands: [], task_complete: true });
    const thirdCall = engine.calls[2] ?? [];
    // Every earlier message is sent again byte for byte (a server's prefix cache reuses them).
    assert.deepEqual(thirdCall.slice(0, 3), secondCall.slice(0, 3));
    assert.equal(thirdCall[3]?.content, turn2);
    assert.ok(thirdCall[5]?.content.startsWith('### Turn 3\n**Action:**\n```json\n[]\n```\n\n'));
    assert.equal(done.terminated, true);
    assert.equal(done.info.ledger.completionRequested, true);
    assert.equal(done.observation, screens[2]);
  });

  it('rejects a bad action without changing the session', async () => {
    const env = await createEnv(spec, { engine: cannedEngine([]) });
    await env.reset({ seed: 1 });
    await assert.rejects(env.step([{ keystroke: 'ls\n' }]), (error: unknown) => {
      return error instanceof Error && (error as { code?: string }).code === 'INVALID_ACTION';
    });
    assert.equal(env.turns.length, 0);
  });

  it('replays the sessions recorded from real bash with the same prompts, observations and checks', async () => {
    const text = readFileSync(new URL('../../../examples/sessions/terminal.jsonl', import.meta.url), 'utf8');
    const records = text
      .trim()
      .split('\n')
      .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
    assert.ok(records.length >= 2);
    const engine = createReplayEngine({ sessions: records });
    for (const record of records) {
      assert.equal(record.labels.recordedWith, 'real (src/engines/real/terminal)');
      const env = await createEnv(record.spec, { engine });
      const reset = await env.reset({ seed: record.seed });
      assert.equal(reset.observation, record.initialObservation);
      // The system prompt is stored as recorded; shared sections may have changed since, so only ours is compared.
      assert.ok(
        record.systemPrompt.startsWith(
          env.systemPrompt.slice(0, env.systemPrompt.indexOf('## How to Simulate')),
        ),
      );
      for (const recorded of record.turns) {
        assert.equal(recorded.provenance.source, 'real');
        assert.equal(recorded.provenance.engine, 'real');
        const result = await env.step(recorded.action);
        assert.equal(result.info.turn.prompt, recorded.prompt);
        assert.equal(result.observation, recorded.observation);
        assert.deepEqual(result.info.turn.checks, recorded.checks);
        assert.ok(
          recorded.checks.every((check) => check.status !== 'fail'),
          `${record.id} turn ${recorded.index}`,
        );
      }
      assert.equal(env.turns.length, record.turns.length);
    }
  });
});
