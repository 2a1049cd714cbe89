import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { closedPort, runStepCommand, temporaryFolder } from './run-cli.js';

interface ErrorAnswer {
  readonly ok: false;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly retryable: boolean;
    readonly details: Record<string, unknown>;
  };
}

function errorOf(answer: Record<string, unknown>): ErrorAnswer['error'] {
  assert.equal(answer.ok, false, JSON.stringify(answer).slice(0, 500));
  return (answer as unknown as ErrorAnswer).error;
}

describe('agentworld step: engine and configuration errors', { concurrency: 2 }, () => {
  let server: ScriptedModelServer;
  const folder = temporaryFolder('step-engine-errors');
  const action = [{ keystrokes: 'ls\n', duration: 1 }];

  before(async () => {
    server = await startScriptedModelServer();
  });
  after(async () => {
    await server.close();
    folder.remove();
  });

  it('a model server that is down → ENGINE_UNAVAILABLE after the retries asked for (flags or env)', async () => {
    const deadUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const [viaFlags, viaEnv] = await Promise.all([
      runStepCommand({ spec: 'terminal', seed: 1, action }, [
        '--model-url',
        deadUrl,
        '--model',
        'm',
        '--max-retries',
        '1',
        '--retry-base-ms',
        '5',
      ]),
      runStepCommand({ spec: 'terminal', seed: 1, action }, [], {
        env: { AGENTWORLD_MODEL_URL: deadUrl, AGENTWORLD_MODEL: 'm', AGENTWORLD_MAX_RETRIES: '0' },
      }),
    ]);
    for (const [{ run, answer }, attempts] of [
      [viaFlags, 2],
      [viaEnv, 1],
    ] as const) {
      assert.equal(run.code, 1);
      const error = errorOf(answer);
      assert.equal(error.code, 'ENGINE_UNAVAILABLE');
      assert.equal(error.retryable, true);
      assert.equal(error.details.attempts, attempts);
    }
  });

  it('no model configured → CONFIG_INVALID telling the user how to configure one', async () => {
    // A terminal world would get the embedded model by default: --engine lwm asks for a server; an mcp world
    // has no embedded model, so it needs a server whatever the installation ships.
    const [explicit, mcp] = await Promise.all([
      runStepCommand({ spec: 'terminal', action }, ['--engine', 'lwm']),
      runStepCommand({ spec: 'mcp', action: { name: 'echo', arguments: { message: 'hi' } } }, []),
    ]);
    for (const { run, answer } of [explicit, mcp]) {
      assert.equal(run.code, 1);
      const error = errorOf(answer);
      assert.equal(error.code, 'CONFIG_INVALID');
      for (const hint of [
        '--model-url',
        '--model',
        'AGENTWORLD_MODEL_URL',
        'AGENTWORLD_MODEL',
        'config.json',
        'agentworld sim terminal-embedded',
      ]) {
        assert.ok(error.message.includes(hint), `the message mentions ${hint}: ${error.message}`);
      }
    }
  });

  it('no model configured, terminal world → the local engine (here: the model file it was given is missing)', async () => {
    const missing = join(folder.path, 'missing.gguf');
    const { run, answer } = await runStepCommand({ spec: 'terminal-embedded', action }, [
      '--local-model',
      missing,
    ]);
    assert.equal(run.code, 1);
    const error = errorOf(answer);
    assert.equal(error.code, 'ENGINE_UNAVAILABLE');
    assert.ok(error.message.includes(missing), error.message);
  });

  it('a bad config file → CONFIG_INVALID naming the file and the field; a missing --config file too', async () => {
    const configFile = join(folder.path, 'bad.json');
    writeFileSync(configFile, JSON.stringify({ model: { url: server.url, name: 'm', temperature: 7 } }));
    const missing = join(folder.path, 'missing.json');
    const [bad, absent] = await Promise.all([
      runStepCommand({ spec: 'terminal', action }, ['--config', configFile]),
      runStepCommand({ spec: 'terminal', action }, ['--config', missing]),
    ]);
    assert.equal(bad.run.code, 1);
    const badError = errorOf(bad.answer);
    assert.equal(badError.code, 'CONFIG_INVALID');
    assert.ok(badError.message.includes(configFile), badError.message);
    assert.ok(badError.message.includes('$.model.temperature'), badError.message);
    assert.equal(absent.run.code, 1);
    const absentError = errorOf(absent.answer);
    assert.equal(absentError.code, 'CONFIG_INVALID');
    assert.ok(absentError.message.includes(missing), absentError.message);
    assert.match(absentError.message, /does not exist/);
  });
});
