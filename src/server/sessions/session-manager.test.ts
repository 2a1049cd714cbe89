import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  exampleSpec,
  expectAgentWorldError,
  fastLwmEngine,
  tempStores,
} from '../../../test/helpers/index.js';
import { openStore } from '../../store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import { ownerHashOf } from './owner.js';
import { SessionManager } from './session-manager.js';
import { SessionRepository } from './session-repository.js';

const stores = tempStores('session-manager');
const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const OWNER = ownerHashOf('owner-key');
let model: ScriptedModelServer;
before(async () => {
  model = await startScriptedModelServer();
});
after(async () => {
  await model.close();
  stores.remove();
});

async function managerOver(
  path: string,
  engine: ReturnType<typeof fastLwmEngine>,
  options: Partial<ConstructorParameters<typeof SessionManager>[0]> = {},
) {
  const store = await openStore(path);
  const manager = new SessionManager({
    repository: new SessionRepository(store),
    engine,
    sweepIntervalMs: 0,
    ...options,
  });
  return { store, manager };
}

describe('SessionManager', () => {
  it('our time limit is ENGINE_TIMEOUT, the caller aborting is ABORTED; neither records a turn', async () => {
    const engine = fastLwmEngine(model);
    const { store, manager } = await managerOver(stores.freshPath(), engine);
    try {
      const { sessionId } = await manager.reset({ ownerHash: OWNER, spec: 'terminal', seed: 2 });
      model.setScript(() => ({ type: 'hang' }));
      await expectAgentWorldError(
        manager.step(OWNER, sessionId, keys('a'), { timeoutMs: 50 }),
        'ENGINE_TIMEOUT',
      );
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      await expectAgentWorldError(
        manager.step(OWNER, sessionId, keys('b'), { signal: controller.signal, timeoutMs: 10_000 }),
        'ABORTED',
      );
      assert.equal((await manager.state(OWNER, sessionId)).stepCount, 0);
      assert.equal((await manager.repository.load(sessionId))?.record.turns.length, 0);
    } finally {
      model.setScript((request) => ({ type: 'observation', observation: `ok ${request.index}` }));
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it('a foreign owner cannot tell a session exists; names that are paths are refused', async () => {
    const engine = fastLwmEngine(model);
    const { store, manager } = await managerOver(stores.freshPath(), engine);
    try {
      const { sessionId } = await manager.reset({ ownerHash: OWNER, spec: 'terminal' });
      const other = ownerHashOf('other-key');
      const foreign = await expectAgentWorldError(
        manager.step(other, sessionId, keys('ls')),
        'SESSION_NOT_FOUND',
      );
      const missing = await expectAgentWorldError(
        manager.step(other, 's_missing', keys('ls')),
        'SESSION_NOT_FOUND',
      );
      assert.equal(foreign.message.replace(sessionId, 'ID'), missing.message.replace('s_missing', 'ID'));
      await assert.rejects(() => manager.record(other, sessionId), /No session/);
      await expectAgentWorldError(manager.close(other, sessionId), 'SESSION_NOT_FOUND');
      await expectAgentWorldError(
        manager.reset({ ownerHash: OWNER, spec: '../examples/terminal' }),
        'INVALID_SPEC',
      );
      assert.equal((await manager.state(OWNER, sessionId)).closed, false);
    } finally {
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it('evicts and reaps by its clock: idle ones leave memory, abandoned ones are closed, used ones stay', async () => {
    const engine = fastLwmEngine(model);
    let now = Date.parse('2030-01-01T00:00:00Z');
    const { store, manager } = await managerOver(stores.freshPath(), engine, {
      clock: () => now,
      evictAfterMs: 30_000,
      reapAfterMs: 60_000,
    });
    try {
      const old = (await manager.reset({ ownerHash: OWNER, spec: 'terminal' })).sessionId;
      now += 45_000;
      const used = (await manager.reset({ ownerHash: OWNER, spec: 'terminal' })).sessionId;
      assert.deepEqual(
        await manager.sweep(),
        { evicted: 1, reaped: 0 },
        'idle for 45 s: out of memory, still open',
      );
      now += 20_000;
      assert.deepEqual(await manager.sweep(), { evicted: 0, reaped: 1 }, 'unused for 65 s: closed');
      await expectAgentWorldError(manager.step(OWNER, old, keys('ls')), 'SESSION_CLOSED');
      const step = await manager.step(OWNER, used, keys('ls'));
      assert.equal(step.info.turn.index, 1);
      now += 59_000;
      assert.deepEqual(await manager.sweep(), { evicted: 1, reaped: 0 }, 'its step was 59 s ago: kept open');
      assert.equal((await manager.state(OWNER, used)).closed, false);
      now += 2_000;
      assert.deepEqual(await manager.sweep(), { evicted: 0, reaped: 1 }, 'its step was 61 s ago: closed');
      assert.equal((await manager.state(OWNER, used)).closed, true);
    } finally {
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it('closed sessions leave nothing behind but the bounded shared specs and prompts', async () => {
    const engine = fastLwmEngine(model);
    const { store, manager } = await managerOver(stores.freshPath(), engine, {
      sharedValues: { maxValues: 3 },
    });
    // Sessions of one named world, and of many inline worlds (each its own spec and system prompt).
    const inline = (index: number) => ({ ...exampleSpec('terminal'), description: `world ${index}` });
    const openStepClose = async (spec: unknown) => {
      const { sessionId } = await manager.reset({ ownerHash: OWNER, spec });
      await manager.step(OWNER, sessionId, keys('ls'));
      await manager.close(OWNER, sessionId);
    };
    try {
      const empty = manager.memoryUse();
      assert.deepEqual(empty, { liveSessions: 0, sharedValues: 0, sharedCharacters: 0 });
      for (let index = 0; index < 5; index += 1) await openStepClose('terminal');
      const oneWorld = manager.memoryUse();
      assert.equal(oneWorld.liveSessions, 0);
      assert.equal(oneWorld.sharedValues, 2, 'one spec and one prompt for five sessions of one world');
      for (let index = 0; index < 5; index += 1) await openStepClose('terminal');
      assert.deepEqual(manager.memoryUse(), oneWorld);
      for (let index = 0; index < 12; index += 1) await openStepClose(inline(index));
      const manyWorlds = manager.memoryUse();
      assert.equal(manyWorlds.liveSessions, 0);
      // The description is not in the system prompt: the 13 worlds share theirs.
      assert.equal(manyWorlds.sharedValues, 4, 'three specs (the bound, not 13) and the one prompt');
      assert.equal((await manager.list(OWNER)).length, 0);
      assert.equal((await manager.list(OWNER, { includeClosed: true })).length, 22);
    } finally {
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it('lets no concurrent resets of one owner slip past the limit, and reloads an evicted session once', async () => {
    const engine = fastLwmEngine(model);
    const { store, manager } = await managerOver(stores.freshPath(), engine, {
      maxOpenSessionsPerOwner: 3,
      maxLiveSessions: 1,
    });
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => manager.reset({ ownerHash: OWNER, spec: 'terminal' })),
      );
      const opened = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      assert.equal(opened.length, 3);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          await expectAgentWorldError(Promise.reject(outcome.reason), 'CAPACITY_REACHED');
        }
      }
      assert.equal(await store.countOpenSessionsByOwner(OWNER), 3);
      await expectAgentWorldError(
        manager.fork(OWNER, (opened[0] as PromiseFulfilledResult<{ sessionId: string }>).value.sessionId),
        'CAPACITY_REACHED',
      );
      // Only one session fits in memory: the first one left it. Two requests for it at once get one live copy.
      const first = (opened[0] as PromiseFulfilledResult<{ sessionId: string }>).value.sessionId;
      const [state, record] = await Promise.all([manager.state(OWNER, first), manager.record(OWNER, first)]);
      assert.equal(state.sessionId, record.id);
      const steps = await Promise.allSettled([
        manager.step(OWNER, first, keys('ls')),
        manager.step(OWNER, first, keys('pwd')),
      ]);
      const stepped = steps.filter((outcome) => outcome.status === 'fulfilled');
      assert.ok(stepped.length >= 1);
      for (const outcome of steps) {
        if (outcome.status === 'rejected')
          await expectAgentWorldError(Promise.reject(outcome.reason), 'SESSION_BUSY');
      }
      assert.equal((await store.loadSession(first))?.record.turns.length, stepped.length);
    } finally {
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });
});
