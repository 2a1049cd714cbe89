import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../../core/engine.js';
import { type ErrorCode, isAgentWorldError } from '../../core/errors.js';
import { SessionRecordSchema } from '../../core/turn.js';
import { createEnv } from '../../session/create-env.js';
import { createReplayEngine } from '../replay/index.js';
import { writeFormulaModel } from './formula-model.js';
import { createLocalEngine, type LocalEngine } from './local-engine.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';
import type { LocalEngineOptionsInput } from './options.js';

const installed = await nodeLlamaCppInstalled();
const directory = mkdtempSync(join(tmpdir(), 'agentworld-local-'));
const modelPath = join(directory, 'formula.gguf');
after(() => rmSync(directory, { recursive: true, force: true }));

const spec = {
  id: 'embedded-terminal',
  domain: 'terminal',
  task: 'Look around.',
  initialState: { data: { cwd: '/home/user', user: 'user', host: 'sim', home: '/home/user' } },
} as const;
const keys = (text: string): unknown => [{ keystrokes: text, duration: 1 }];

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAgentWorldError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('local engine (formula model on node-llama-cpp)', {
  skip: !installed && 'node-llama-cpp is not installed',
}, () => {
  const engines: Engine[] = [];
  async function engine(
    options: Partial<LocalEngineOptionsInput> = {},
    fallback?: Engine,
  ): Promise<LocalEngine> {
    const created = await createLocalEngine(
      { modelPath, maxTokens: 24, minTokenProbability: 0, ...options },
      fallback === undefined ? {} : { fallback },
    );
    engines.push(created);
    return created;
  }
  before(async () => {
    await writeFormulaModel(modelPath);
  });
  after(async () => {
    for (const created of engines) await created.close();
  });

  it('simulates a command: the echo is known, the model writes the rest; provenance names the file', async () => {
    const local = await engine();
    assert.match(local.model, /^formula\.gguf@[0-9a-f]{12}$/);
    const env = await createEnv(spec, { engine: local });
    await env.reset({ seed: 1 });
    const step = await env.step(keys('ls\n'));
    assert.ok(step.observation.startsWith('user@sim:~$ ls\n'), JSON.stringify(step.observation));
    const turn = step.info.turn;
    assert.deepEqual(
      { source: turn.provenance.source, engine: turn.provenance.engine, model: turn.provenance.model },
      { source: 'simulated', engine: 'local', model: local.model },
    );
    assert.equal(
      turn.usage?.promptTokens,
      1 + 'agentworld terminal, bash 80 columns\n'.length + 'user@sim:~$ ls\n'.length,
    );
    assert.ok((turn.usage?.completionTokens ?? 0) > 0);
  });

  it('reuses the KV cache of a session across turns and repeats itself exactly', async () => {
    const run = async (): Promise<{ observations: string[]; reused: number }> => {
      const local = await engine();
      const env = await createEnv(spec, { engine: local });
      await env.reset({ seed: 1 });
      const observations: string[] = [];
      for (const command of ['ls\n', 'pwd\n', 'echo hi\n'])
        observations.push((await env.step(keys(command))).observation);
      return { observations, reused: local.stats().reusedTokens };
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(first.observations, second.observations);
    assert.ok(first.reused > 40, `only ${first.reused} prompt tokens came from the cache`);
  });

  it('cuts a long output at maxTokens and labels it', async () => {
    const local = await engine({ maxTokens: 3 });
    const env = await createEnv(spec, { engine: local });
    await env.reset({ seed: 1 });
    const step = await env.step(keys('cat notes.txt\n'));
    const truncated = step.info.turn.events.some((event) => event.type === 'local.truncated');
    // Three bytes, or fewer and the end token.
    assert.equal(step.info.turn.usage?.completionTokens, truncated ? 3 : undefined);
    assert.equal(step.info.turn.provenance.engine, 'local');
  });

  it('a command outside the grammar gets a labelled screen, an UNSUPPORTED error, or the fallback', async () => {
    const labelled = await engine();
    const env = await createEnv(spec, { engine: labelled });
    await env.reset({ seed: 1 });
    const step = await env.step(keys('git status\n'));
    assert.match(
      step.observation,
      /^user@sim:~\$ git status\nagentworld: .*the program git.*nothing ran\.\nuser@sim:~\$ $/,
    );
    assert.equal(step.info.turn.events[0]?.type, 'local.unsupported');

    const strict = await engine({ onUnsupported: 'error' });
    const strictEnv = await createEnv(spec, { engine: strict });
    await strictEnv.reset({ seed: 1 });
    await expectCode(strictEnv.step(keys('ls -l\n')), 'UNSUPPORTED');

    const recorded = SessionRecordSchema.parse({
      format: 'agentworld.session',
      version: 1,
      id: 'git',
      createdAt: '2026-01-01T00:00:00.000Z',
      seed: 1,
      spec,
      systemPrompt: '',
      initialObservation: 'user@sim:~$ ',
      turns: [
        {
          index: 1,
          action: keys('git status\n'),
          prompt: '### Turn 1',
          observation: 'user@sim:~$ git status\nbash: git: command not found\nuser@sim:~$ ',
          provenance: { source: 'real', engine: 'bash', promptHash: '' },
          timing: { startedAt: '2026-01-01T00:00:00.000Z', totalMs: 1, engineMs: 1, overheadMs: 0 },
        },
      ],
    });
    const withFallback = await engine({}, createReplayEngine({ sessions: [recorded] }));
    const fallbackEnv = await createEnv(spec, { engine: withFallback });
    await fallbackEnv.reset({ seed: 1 });
    const answered = await fallbackEnv.step(keys('git status\n'));
    assert.equal(answered.observation, 'user@sim:~$ git status\nbash: git: command not found\nuser@sim:~$ ');
    assert.equal(answered.info.turn.provenance.engine, 'replay');
    assert.equal(answered.info.turn.events[0]?.type, 'local.fallback');
    assert.equal(withFallback.stats().fallbacks, 1);
  });

  it('renders waits, keys it cannot simulate, and task completion without the model', async () => {
    const local = await engine();
    const env = await createEnv(spec, { engine: local });
    await env.reset({ seed: 1 });
    assert.equal((await env.step(keys(''))).observation, 'user@sim:~$ ');
    const interrupt = await env.step(keys('C-c'));
    assert.equal(interrupt.info.turn.events[0]?.type, 'local.unsupported');
    const done = await env.step([]);
    assert.match(done.observation, /^Current terminal state:\n/);
    assert.equal(done.terminated, true);
    assert.equal(local.stats().simulatedCommands, 0);
  });

  it('times out as ENGINE_TIMEOUT and aborts as ABORTED, leaving the engine usable', async () => {
    const slow = await engine({ maxTokens: 200, timeoutMs: 5 });
    const env = await createEnv(spec, { engine: slow });
    await env.reset({ seed: 1 });
    await expectCode(env.step(keys('cat a.txt\n')), 'ENGINE_TIMEOUT');
    const controller = new AbortController();
    const pending = env.step(keys('cat b.txt\n'), { signal: controller.signal });
    controller.abort();
    await expectCode(pending, 'ABORTED');
    assert.equal(env.turns.length, 0);
  });

  it('refuses a file that is missing, not GGUF, or not a terminal model of this layout', async () => {
    await expectCode(createLocalEngine({ modelPath: join(directory, 'missing.gguf') }), 'ENGINE_UNAVAILABLE');
    const garbage = join(directory, 'garbage.gguf');
    writeFileSync(garbage, 'not a model');
    await expectCode(createLocalEngine({ modelPath: garbage }), 'ENGINE_UNAVAILABLE');
    const other = join(directory, 'other-layout.gguf');
    await writeFormulaModel(other, { layoutId: 'chat-v0' });
    await expectCode(createLocalEngine({ modelPath: other }), 'ENGINE_UNAVAILABLE');
    await expectCode(createLocalEngine({ modelPath, maxTokens: -1 }), 'CONFIG_INVALID');
  });

  it('is closed for good after close()', async () => {
    const local = await engine();
    const env = await createEnv(spec, { engine: local });
    await env.reset({ seed: 1 });
    await local.close();
    await local.close();
    await expectCode(env.step(keys('ls\n')), 'ENGINE_UNAVAILABLE');
  });
});
