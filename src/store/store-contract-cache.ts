import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { StoreContractContext } from './store-contract-context.js';

/** The contract of cache entries: first write wins, hits are counted, values are JSON. */
export function describeCacheContract(context: StoreContractContext): void {
  const { options, withStore } = context;
  describe('cache entries', () => {
    it('keeps the first write of a key, counts hits, and refuses a value that is not JSON', async () => {
      await withStore(async (store) => {
        assert.equal(store.kind, options.target().kind);
        assert.equal(
          await store.putCacheEntry('k', { engine: 'lwm', model: 'm', value: { o: 'first' } }),
          true,
        );
        assert.equal(await store.putCacheEntry('k', { engine: 'lwm', value: { o: 'second' } }), false);
        const entry = await store.getCacheEntry('k');
        assert.deepEqual(entry?.value, { o: 'first' });
        assert.equal(entry?.model, 'm');
        assert.equal(entry?.hits, 0);
        await store.recordCacheHit('k');
        await store.recordCacheHit('k');
        await store.recordCacheHit('missing');
        assert.equal((await store.getCacheEntry('k'))?.hits, 2);
        assert.equal(await store.getCacheEntry('missing'), undefined);
        await store.putCacheEntry('plain', { engine: 'e', value: 'text' });
        assert.equal((await store.getCacheEntry('plain'))?.model, undefined);
        assert.equal(await store.countCacheEntries(), 2);
        await assert.rejects(
          () => store.putCacheEntry('bad', { engine: 'e', value: undefined }),
          (error) => isAgentWorldError(error, 'STORE_ERROR'),
        );
      });
    });
  });
}
