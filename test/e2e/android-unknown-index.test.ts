import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../src/core/errors.js';
import { createEnv } from '../../src/session/create-env.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

describe('android: an action naming an element the current screen lacks', () => {
  let model: ScriptedModelServer;
  before(async () => {
    model = await startScriptedModelServer();
  });
  after(() => model.close());

  for (const dialect of ['androidworld', 'phone-invoke'] as const) {
    it(`${dialect}: is INVALID_ACTION naming the dialect, with no model call and the session unchanged`, async () => {
      const spec = JSON.parse(readFileSync(examplePath(`android-${dialect}.json`), 'utf8')) as unknown;
      const engine = fastLwmEngine(model);
      try {
        const env = await createEnv(spec, { engine });
        await env.reset({ seed: 1 });
        const action =
          dialect === 'androidworld'
            ? { action_type: 'click', index: 999 }
            : '<invoke name="phone"><parameter name="action">click</parameter><parameter name="index">999</parameter></invoke>';
        const requestsBefore = model.completionBodies.length;
        await assert.rejects(env.step(action), (error: unknown) => {
          assert.ok(isAgentWorldError(error, 'INVALID_ACTION'), String(error));
          assert.match(error.message, new RegExp(dialect));
          assert.match(error.message, /999/);
          return true;
        });
        assert.equal(model.completionBodies.length, requestsBefore, 'the model was not asked');
        assert.equal(env.turns.length, 0);
      } finally {
        await engine.close();
      }
    });
  }
});
