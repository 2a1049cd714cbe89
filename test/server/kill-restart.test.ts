/**
 * `kill -9` of a serving process: a new process on the same SQLite file serves the same session at the same
 * turn, because every step was committed before it was answered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { tempStores } from '../helpers/index.js';
import { type ServeProcess, startServeProcess, stopServeProcess } from './serve-process-spawn.js';
import type { JsonAnswer } from './server-fixture.js';

const stores = tempStores('kill-restart');
let model: ScriptedModelServer;
before(async () => {
  model = await startScriptedModelServer();
});
after(async () => {
  await model.close();
  stores.remove();
});

function startServer(store: string): Promise<ServeProcess> {
  return startServeProcess({
    store,
    port: 0,
    engine: 'lwm',
    modelUrl: model.url,
    model: model.model,
    maxRetries: 0,
  });
}

async function post(url: string, path: string, body: unknown): Promise<JsonAnswer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

describe('serve process killed with SIGKILL', () => {
  it('comes back with the same session at the same turn', async () => {
    const store = stores.freshPath();
    const first = await startServer(store);
    let second: ServeProcess | undefined;
    try {
      const reset = await post(first.url, '/reset', { spec: 'terminal', seed: 11 });
      const id: string = reset.session_id;
      const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
      const one = await post(first.url, '/step', { session_id: id, action: keys('ls') });
      const two = await post(first.url, '/step', { session_id: id, action: keys('pwd') });
      assert.equal(two.info.turn.index, 2);
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;

      second = await startServer(store);
      const state = (await (await fetch(`${second.url}/state?session_id=${id}`)).json()) as Record<
        string,
        unknown
      >;
      assert.equal(state.step_count, 2);
      assert.equal(state.observation, two.observation);
      assert.notEqual(one.observation, two.observation);
      const three = await post(second.url, '/step', { session_id: id, action: keys('whoami') });
      assert.equal(three.info.turn.index, 3);
    } finally {
      first.child.kill('SIGKILL');
      await stopServeProcess(second);
    }
  });
});
