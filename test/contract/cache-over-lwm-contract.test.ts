/**
 * The engine contract against `cache` wrapping `lwm` over the scripted server, for a terminal, an mcp (tools
 * inline) and a search world, each with an outage drill; then the cache's own drill: once warm, cached turns
 * still answer while the model server is down, and only a new turn fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { createCacheEngine } from '../../src/engines/cache/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { exampleSpec, expectAgentWorldError, fastLwmEngine, tempStores } from '../helpers/index.js';

let server: ScriptedModelServer;
const stores = tempStores('cache-lwm-contract');
before(async () => {
  server = await startScriptedModelServer();
});
after(async () => {
  await server.close();
  stores.remove();
});

const makeEngine = async () =>
  createCacheEngine({ inner: fastLwmEngine(server, { maxRetries: 1 }), store: stores.freshPath() });
const outage = {
  begin: () => server.setDown(true),
  end: () => server.setDown(false),
  code: 'ENGINE_UNAVAILABLE' as const,
};

const terminalActions: unknown[] = [
  [{ keystrokes: 'mkdir -p notes && cd notes\n', duration: 0.5 }],
  [{ keystrokes: "printf 'alpha\\nbeta\\n' > words.txt\n", duration: 0.5 }],
  [{ keystrokes: 'wc -l words.txt\n', duration: 0.5 }],
];

const WORLDS: ReadonlyArray<{
  readonly label: string;
  readonly spec: WorldSpecInput;
  readonly seed: number;
  readonly actions: unknown[];
  readonly invalidAction: { readonly action: unknown; readonly path: string };
}> = [
  {
    label: 'terminal, examples/terminal.json',
    spec: exampleSpec('terminal'),
    seed: 7,
    actions: terminalActions,
    invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
  },
  {
    label: 'mcp, examples/mcp.json, tools inline',
    spec: exampleSpec('mcp'),
    seed: 3,
    actions: [
      { name: 'echo', arguments: { message: 'hello' } },
      { name: 'get-sum', arguments: { a: 2, b: 3 } },
      { name: 'get-structured-content', arguments: { location: 'Chicago' } },
    ],
    invalidAction: { action: { name: 'echo', arguments: 'hello' }, path: '$.arguments' },
  },
  {
    label: 'search, examples/search.json',
    spec: exampleSpec('search'),
    seed: 7,
    actions: [
      { name: 'web_search', arguments: { query: 'tallest buildings in the world' } },
      {
        name: 'web_extractor',
        arguments: { url: 'https://en.wikipedia.org/wiki/List_of_tallest_buildings' },
      },
      { name: 'dict_memory', arguments: { operation: 'add', dict: { burj_khalifa: '828 m, 2010' } } },
    ],
    invalidAction: { action: { name: 42, arguments: {} }, path: '$.name' },
  },
];

for (const world of WORLDS) {
  engineContract({
    name: `cache over lwm (${world.label})`,
    spec: world.spec,
    seed: world.seed,
    actions: world.actions,
    makeEngine,
    invalidAction: world.invalidAction,
    outage,
  });
}

describe('cache over lwm: outage drill once the cache is warm', () => {
  for (const world of WORLDS) {
    it(`${world.label}: cached turns answer while the server is down; a new turn is ENGINE_UNAVAILABLE until it is back`, async () => {
      const store = stores.freshPath();
      const { spec, seed } = world;
      const [first, second, third] = world.actions;

      // Warm the cache with two turns, then "restart": a new cache engine over the same file.
      const warming = createCacheEngine({ inner: fastLwmEngine(server, { maxRetries: 1 }), store });
      const original = await createEnv(spec, { engine: warming });
      await original.reset({ seed });
      const warmTurns = [await original.step(first), await original.step(second)];
      await warming.close();

      const cache = createCacheEngine({ inner: fastLwmEngine(server, { maxRetries: 1 }), store });
      const env = await createEnv(spec, { engine: cache });
      await env.reset({ seed });
      const requestsBefore = server.completionBodies.length;
      await server.setDown(true);
      try {
        for (const [position, action] of [first, second].entries()) {
          const result = await env.step(action);
          assert.equal(result.observation, warmTurns[position]?.observation);
          assert.equal(result.info.turn.provenance.source, 'cached');
          assert.deepEqual(result.info.turn.provenance.origin, {
            source: 'simulated',
            engine: 'lwm',
            model: server.model,
          });
          assert.ok(result.info.turn.events.some((event) => event.type === 'cache.hit'));
        }
        const error = await expectAgentWorldError(env.step(third), 'ENGINE_UNAVAILABLE');
        assert.equal(error.retryable, true);
        assert.equal(env.turns.length, 2, 'the failed turn must not be recorded');
        assert.equal(server.completionBodies.length, requestsBefore, 'nothing reached the server');
      } finally {
        await server.setDown(false);
      }
      assert.deepEqual(cache.stats(), { mode: 'read-write', hits: 2, misses: 1, writes: 0 });

      const fresh = await env.step(third);
      assert.equal(fresh.info.turn.index, 3);
      assert.equal(fresh.info.turn.provenance.source, 'simulated');
      assert.ok(fresh.info.turn.events.some((event) => event.type === 'cache.miss'));
      assert.equal(server.completionBodies.length, requestsBefore + 1);
      await cache.close();
    });
  }
});
