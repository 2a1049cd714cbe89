/**
 * The HTTP env server over a real PostgreSQL: two servers on one database serve any session (loaded from the
 * store on demand), a database that goes down answers 503 STORE_UNAVAILABLE (retryable) and stores nothing half,
 * and the same processes work again once it is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POSTGRES_MIGRATIONS } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, type PostgresServer, startPostgresServer } from '../helpers/index.js';
import { type ServerFixture, startServerFixture } from './server-fixture.js';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
let postgres: PostgresServer;
let model: ScriptedModelServer;
before(async () => {
  postgres = await startPostgresServer();
  model = await startScriptedModelServer();
});
after(async () => {
  await model?.close();
  await postgres?.destroy();
});

describe('HTTP env server on PostgreSQL', () => {
  it('two servers share sessions; an outage is 503 STORE_UNAVAILABLE and half of nothing; then it recovers', async () => {
    const url = await postgres.createDatabase();
    const engine = fastLwmEngine(model);
    const fixtures: ServerFixture[] = [];
    try {
      const first = await startServerFixture({ engine, storePath: url });
      fixtures.push(first);
      const second = await startServerFixture({ engine, storePath: url });
      fixtures.push(second);
      const reset = await first.call('POST', '/reset', { spec: 'terminal', seed: 3 });
      assert.equal(reset.status, 200);
      const id: string = reset.body.session_id;
      assert.equal((await first.call('POST', '/step', { session_id: id, action: keys('ls') })).status, 200);
      // The other server has never seen it: it loads it from the database.
      const seen = await second.call('GET', `/state?session_id=${id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.step_count, 1);

      const healthy = await first.call('GET', '/health');
      assert.equal(healthy.body.status, 'ok');
      assert.equal(healthy.body.store.kind, 'postgres');
      assert.equal(healthy.body.store.ok, true);
      assert.equal(healthy.body.store.schemaVersion, POSTGRES_MIGRATIONS.length);

      await postgres.stop();
      const degraded = await first.call('GET', '/health');
      assert.equal(degraded.status, 200);
      assert.equal(degraded.body.status, 'degraded');
      assert.equal(degraded.body.store.ok, false);
      assert.match(degraded.body.store.error, /cannot be reached/);
      const step = await first.call('POST', '/step', { session_id: id, action: keys('pwd') });
      assert.equal(step.status, 503);
      assert.equal(step.body.error.code, 'STORE_UNAVAILABLE');
      assert.equal(step.body.error.retryable, true);
      const refused = await second.call('POST', '/reset', { spec: 'terminal' });
      assert.equal(refused.status, 503);
      assert.equal(refused.body.error.code, 'STORE_UNAVAILABLE');

      await postgres.restart();
      // The step that failed to commit is not there; the same session steps on from the stored turn.
      const state = await first.call('GET', `/state?session_id=${id}`);
      assert.equal(state.status, 200);
      assert.equal(state.body.step_count, 1);
      const again = await second.call('POST', '/step', { session_id: id, action: keys('pwd') });
      assert.equal(again.status, 200);
      assert.equal(again.body.info.turn.index, 2);
      const trajectory = await first.call('GET', `/sessions/${id}/trajectory`);
      assert.equal(trajectory.status, 200);
      assert.equal(trajectory.body.turns.length, 2);
      assert.equal((await second.call('POST', '/close', { session_id: id })).status, 200);
      assert.equal(await first.store.countOpenSessions(), 0);
    } finally {
      for (const fixture of fixtures) await fixture.stop();
      await engine.close();
    }
  });
});
