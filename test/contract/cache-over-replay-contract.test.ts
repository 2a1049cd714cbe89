/**
 * The engine contract against `cache` wrapping `replay` over the real recordings (terminal and mcp), then a
 * check that a warm cache answers on its own: the same run again costs no replay lookups.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { createCacheEngine } from '../../src/engines/cache/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath, recordedSessions, tempStores } from '../helpers/index.js';

const stores = tempStores('cache-replay-contract');
after(() => stores.remove());

function firstRecording(name: 'terminal' | 'mcp'): SessionRecord {
  const record = recordedSessions(name)[0];
  assert.ok(record !== undefined && record.turns.length >= 3, `${name}.jsonl needs a session of 3+ turns`);
  return record;
}

const replayOf = (name: 'terminal' | 'mcp') =>
  createReplayEngine({ files: [examplePath(`sessions/${name}.jsonl`)] });

const terminal = firstRecording('terminal');
engineContract({
  name: 'cache over replay (terminal recordings)',
  spec: terminal.spec,
  seed: terminal.seed,
  actions: terminal.turns.slice(0, 3).map((turn) => turn.action),
  makeEngine: async () => createCacheEngine({ inner: await replayOf('terminal'), store: stores.freshPath() }),
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
});

const mcp = firstRecording('mcp');
engineContract({
  name: 'cache over replay (mcp recordings)',
  spec: mcp.spec,
  seed: mcp.seed,
  actions: mcp.turns.slice(0, 3).map((turn) => turn.action),
  makeEngine: async () => createCacheEngine({ inner: await replayOf('mcp'), store: stores.freshPath() }),
  invalidAction: { action: { name: 'echo', arguments: ['not', 'an', 'object'] }, path: '$.arguments' },
});

describe('cache over replay: a warm cache answers without the recordings', () => {
  it('the second run is all cache hits with the recorded observations and their real origin', async () => {
    const store = stores.freshPath();
    const actions = terminal.turns.slice(0, 3).map((turn) => turn.action);
    const run = async () => {
      const replay = await replayOf('terminal');
      const cache = createCacheEngine({ inner: replay, store });
      const env = await createEnv(terminal.spec, { engine: cache });
      await env.reset({ seed: terminal.seed });
      const results = [];
      for (const action of actions) results.push(await env.step(action));
      const stats = { cache: cache.stats(), replay: replay.stats() };
      await cache.close();
      return { results, stats };
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(first.stats.cache, { mode: 'read-write', hits: 0, misses: 3, writes: 3 });
    assert.equal(first.stats.replay.hits, 3);
    assert.deepEqual(second.stats.cache, { mode: 'read-write', hits: 3, misses: 0, writes: 0 });
    assert.equal(second.stats.replay.hits, 0, 'the replay engine must not be asked again');
    second.results.forEach((result, position) => {
      const recorded = terminal.turns[position];
      assert.equal(result.observation, recorded?.observation);
      assert.equal(first.results[position]?.info.turn.provenance.source, 'replayed');
      assert.equal(result.info.turn.provenance.source, 'cached');
      assert.deepEqual(result.info.turn.provenance.origin, { source: 'real', engine: 'real' });
    });
  });
});
