import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { NewItemResult } from './item-results.js';
import { openStore } from './open-store.js';
import type { StoreContractContext } from './store-contract-context.js';

/** The contract of item results: exactly one result per item, even under concurrent writers. */
export function describeItemResultContract(context: StoreContractContext): void {
  const { options, withStore } = context;
  describe('item results', () => {
    const result = (position: number, value: unknown, writtenBy = 'worker-1'): NewItemResult => ({
      kind: 'bench-infer',
      position,
      value,
      writtenBy,
    });

    it('keeps exactly the first result of an item and lists a run in position order', async () => {
      await withStore(async (store) => {
        assert.equal(await store.putItemResult('run-1', 'b', result(1, { score: 1 })), true);
        assert.equal(await store.putItemResult('run-1', 'b', result(1, { score: 0 }, 'worker-2')), false);
        assert.equal(await store.putItemResult('run-1', 'a', result(0, [1, 'two'])), true);
        assert.equal(await store.putItemResult('run-1', 'c', result(1, null)), true);
        assert.equal(await store.putItemResult('run-2', 'b', result(0, 'other run')), true);
        const stored = await store.getItemResult('run-1', 'b');
        assert.equal(stored?.writtenBy, 'worker-1');
        assert.deepEqual(stored?.value, { score: 1 });
        assert.equal(stored?.kind, 'bench-infer');
        assert.ok(stored !== undefined && !Number.isNaN(Date.parse(stored.createdAt)));
        assert.equal(await store.getItemResult('run-1', 'missing'), undefined);
        const listed = await store.listItemResults('run-1');
        assert.deepEqual(
          listed.map((item) => [item.itemKey, item.position, item.value]),
          [
            ['a', 0, [1, 'two']],
            ['b', 1, { score: 1 }],
            ['c', 1, null],
          ],
        );
        assert.equal(await store.countItemResults('run-1'), 3);
        assert.equal(await store.countItemResults('run-none'), 0);
        assert.deepEqual(await store.listItemResults('run-none'), []);
        await assert.rejects(
          () => store.putItemResult('run-1', 'x', result(0, undefined)),
          (error) => isAgentWorldError(error, 'STORE_ERROR'),
        );
      });
    });

    it('stores exactly one of many concurrent writes of one item, from several connections', async () => {
      const location = await options.target().freshLocation();
      const stores = await Promise.all([0, 1, 2].map(() => openStore(location, { maxConnections: 8 })));
      try {
        const writes = stores.flatMap((store, storeIndex) =>
          Array.from({ length: 16 }, (_, call) =>
            store.putItemResult('run-c', 'item', result(0, { call, storeIndex }, `w${storeIndex}-${call}`)),
          ),
        );
        const outcomes = await Promise.all(writes);
        assert.equal(outcomes.filter(Boolean).length, 1);
        assert.equal(await stores[0]?.countItemResults('run-c'), 1);
        const winner = await stores[2]?.getItemResult('run-c', 'item');
        const winnerIndex = outcomes.indexOf(true);
        assert.equal(winner?.writtenBy, `w${Math.floor(winnerIndex / 16)}-${winnerIndex % 16}`);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });
}

/** The contract of session leases: one holder at a time, renewal, expiry and release. */
export function describeSessionLeaseContract(context: StoreContractContext): void {
  const { options, withStore } = context;
  describe('session leases', () => {
    it('gives a lease to exactly one of many concurrent holders', async () => {
      const location = await options.target().freshLocation();
      const stores = await Promise.all([0, 1, 2].map(() => openStore(location, { maxConnections: 8 })));
      try {
        const attempts = stores.flatMap((store, storeIndex) =>
          Array.from({ length: 8 }, (_, call) =>
            store.acquireSessionLease('s_leased', `holder-${storeIndex}-${call}`, 60_000, 1_000),
          ),
        );
        const outcomes = await Promise.all(attempts);
        assert.equal(outcomes.filter(Boolean).length, 1);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('renews for its holder, refuses others until it expires, and is released only by its holder', async () => {
      await withStore(async (store) => {
        assert.equal(await store.acquireSessionLease('s1', 'a', 1_000, 0), true);
        assert.equal(await store.acquireSessionLease('s1', 'b', 1_000, 500), false);
        assert.equal(await store.acquireSessionLease('s1', 'a', 1_000, 600), true, 'renewal');
        assert.equal(await store.acquireSessionLease('s1', 'b', 1_000, 1_599), false, 'renewed until 1600');
        assert.equal(await store.acquireSessionLease('s2', 'b', 1_000, 700), true, 'leases are per session');
        assert.equal(
          await store.acquireSessionLease('s1', 'b', 1_000, 1_600),
          true,
          'expired: a crashed holder',
        );
        assert.equal(await store.releaseSessionLease('s1', 'a'), false, 'a lost it');
        assert.equal(await store.acquireSessionLease('s1', 'a', 1_000, 1_700), false);
        assert.equal(await store.releaseSessionLease('s1', 'b'), true);
        assert.equal(await store.releaseSessionLease('s1', 'b'), false);
        assert.equal(await store.acquireSessionLease('s1', 'a', 1_000, 1_701), true, 'free after release');
      });
    });
  });
}
