import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import { openStore } from './open-store.js';
import { assertUnavailable, type StoreContractContext } from './store-contract-context.js';

/** The contract of a closed store: calls fail with STORE_ERROR and ping reports not ok. */
export function describeClosedStoreContract(context: StoreContractContext): void {
  const { options } = context;
  describe('after close', () => {
    it('fails calls with STORE_ERROR and reports not ok', async () => {
      const store = await openStore(await options.target().freshLocation());
      await store.close();
      await store.close();
      assert.equal(store.isClosed, true);
      await assert.rejects(
        () => store.countOpenSessions(),
        (error) => isAgentWorldError(error, 'STORE_ERROR') && /closed/.test(error.message),
      );
      assert.equal((await store.ping()).ok, false);
    });
  });
}

/** The contract of a database server that goes away: STORE_UNAVAILABLE, nothing half-written, recovery. */
export function describeUnreachableDatabaseContract(context: StoreContractContext): void {
  const { options, session, turn, OWNER } = context;
  describe('an unreachable database', () => {
    it('gives STORE_UNAVAILABLE, never a half-written session, and works again after a restart', async (test) => {
      const target = options.target();
      if (target.server === undefined) {
        test.diagnostic('an embedded store has no server to lose');
        return;
      }
      const server = target.server;
      const location = await target.freshLocation();
      const store = await openStore(location, { maxConnections: 8 });
      try {
        const kept = session(1);
        await store.createSession(kept, OWNER);
        // Writes in flight while the server goes down (four lanes of sequential writes; the stop comes once a
        // few have committed): each one commits whole or not at all.
        const records = Array.from({ length: 40 }, () => session(3));
        const outcomes: unknown[] = records.map(() => 'not tried');
        let committed = 0;
        let stopping: Promise<void> | undefined;
        const lane = async (first: number): Promise<void> => {
          for (let position = first; position < records.length; position += 4) {
            try {
              await store.createSession(records[position] as SessionRecord, OWNER);
              outcomes[position] = 'stored';
              committed += 1;
              if (committed === 6) stopping = server.stop();
            } catch (error) {
              outcomes[position] = error;
            }
          }
        };
        await Promise.all([0, 1, 2, 3].map(lane));
        await (stopping ?? server.stop());
        for (const outcome of outcomes) {
          if (outcome !== 'stored') assertUnavailable(outcome, location);
        }
        const storedCount = outcomes.filter((outcome) => outcome === 'stored').length;
        test.diagnostic(`${storedCount} of ${outcomes.length} writes committed around the stop`);
        await assert.rejects(
          () => store.appendTurn(kept.id, turn(1)),
          (error) => assertUnavailable(error, location),
        );
        await assert.rejects(
          () =>
            store.putItemResult('run', 'item', {
              kind: 'recording',
              position: 0,
              value: 1,
              writtenBy: 'w',
            }),
          (error) => assertUnavailable(error, location),
        );
        const health = await store.ping();
        assert.equal(health.ok, false);
        assert.match(health.error ?? '', /cannot be reached/);
        await assert.rejects(
          () => openStore(location, { connectTimeoutMs: 2_000 }),
          (error) => assertUnavailable(error, location),
        );

        await server.restart();
        // The same pool works again on the next call.
        assert.equal((await store.ping()).ok, true);
        await store.appendTurn(kept.id, turn(1));
        assert.equal((await store.loadSession(kept.id))?.record.turns.length, 2);
        for (const [position, record] of records.entries()) {
          const loaded = await store.loadSession(record.id);
          if (outcomes[position] === 'stored')
            assert.ok(loaded !== undefined, 'a write that succeeded is kept');
          if (loaded !== undefined) assert.equal(loaded.record.turns.length, 3, 'never half-written');
        }
        assert.equal(
          await store.putItemResult('run', 'item', {
            kind: 'recording',
            position: 0,
            value: 1,
            writtenBy: 'w',
          }),
          true,
        );
      } finally {
        await store.close();
      }
    });
  });
}
