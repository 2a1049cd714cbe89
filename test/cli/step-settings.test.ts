import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { closedPort, runStepCommand, temporaryFolder } from './run-cli.js';

interface AnswerView {
  readonly ok: boolean;
  readonly result?: {
    readonly info: { readonly turn: { readonly provenance: { readonly model?: string } } };
  };
  readonly error?: { readonly code: string };
}

describe('agentworld step: where the model settings come from', () => {
  let server: ScriptedModelServer;
  let deadUrl: string;
  const folder = temporaryFolder('step-settings');
  const home = join(folder.path, 'home');
  const action = [{ keystrokes: 'ls\n', duration: 1 }];

  before(async () => {
    server = await startScriptedModelServer();
    deadUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    mkdirSync(home);
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ model: { url: server.url, name: server.model, maxRetries: 0 } }),
    );
  });
  after(async () => {
    await server.close();
    folder.remove();
  });

  it('flags beat env vars, env vars beat $AGENTWORLD_HOME/config.json, which works alone', async () => {
    const [viaFlags, viaFile, viaEnv] = await Promise.all([
      // env names a dead server, flags a live one
      runStepCommand(
        { spec: 'terminal', seed: 1, action },
        ['--model-url', server.url, '--model', server.model],
        {
          env: { AGENTWORLD_MODEL_URL: deadUrl, AGENTWORLD_MODEL: 'not-served', AGENTWORLD_MAX_RETRIES: '0' },
        },
      ),
      // only the config file
      runStepCommand({ spec: 'terminal', seed: 2, action }, [], { env: { AGENTWORLD_HOME: home } }),
      // the config file names a live server, env a dead one
      runStepCommand({ spec: 'terminal', seed: 3, action }, [], {
        env: { AGENTWORLD_HOME: home, AGENTWORLD_MODEL_URL: deadUrl },
      }),
    ]);
    assert.equal(viaFlags.run.code, 0, viaFlags.run.stdout);
    assert.equal((viaFlags.answer as unknown as AnswerView).result?.info.turn.provenance.model, server.model);
    assert.equal(viaFile.run.code, 0, viaFile.run.stdout);
    assert.equal((viaFile.answer as unknown as AnswerView).result?.info.turn.provenance.model, server.model);
    assert.equal(viaEnv.run.code, 1);
    assert.equal((viaEnv.answer as unknown as AnswerView).error?.code, 'ENGINE_UNAVAILABLE');
  });

  it('an empty env var counts as unset', async () => {
    const { run, answer } = await runStepCommand({ spec: 'terminal', seed: 4, action }, [], {
      env: { AGENTWORLD_HOME: home, AGENTWORLD_MODEL_URL: '', AGENTWORLD_MODEL: '' },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.equal((answer as unknown as AnswerView).ok, true);
  });
});
