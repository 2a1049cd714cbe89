import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CallOptions } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { isAgentWorldError } from '../../core/errors.js';
import { contentHash } from '../../core/hash.js';
import { buildMessages, DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { type SessionRecord, SessionRecordSchema, type Turn } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { openStore } from '../../store/index.js';
import { createReplayEngine } from '../replay/index.js';
import { createCacheEngine } from './cache-engine.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(root, `case-${++counter}`, 'agentworld.db');

const shell = WorldSpecSchema.parse({ id: 'shell', domain: 'terminal' });
const keys = (text: string): unknown => [{ keystrokes: `${text}\n`, duration: 1 }];

const recorded: SessionRecord = SessionRecordSchema.parse({
  format: 'agentworld.session',
  version: 1,
  id: 'recorded',
  createdAt: '2025-01-01T00:00:00.000Z',
  seed: 1,
  spec: shell,
  systemPrompt: 'You simulate a Linux terminal.',
  initialObservation: 'user@box:~$ ',
  turns: [
    ['ls', 'a.txt'],
    ['cat a.txt', 'alpha'],
  ].map(([command, output], position) => ({
    index: position + 1,
    action: keys(command ?? ''),
    prompt: `### Turn ${position + 1}`,
    observation: output,
    provenance: { source: 'simulated', engine: 'lwm', model: 'world-model-1', promptHash: `h${position}` },
    timing: { startedAt: '2025-01-01T00:00:00.000Z', totalMs: 1, engineMs: 1, overheadMs: 0 },
  })),
});

function requestFor(
  seed: number,
  history: readonly Turn[],
  action: unknown,
  systemPrompt = 'sys',
): PredictRequest {
  const turnIndex = history.length + 1;
  const messages = buildMessages({
    systemPrompt,
    history,
    currentPrompt: `### Turn ${turnIndex}\n**Action:**\n${JSON.stringify(action)}`,
    turnInstruction: DEFAULT_TURN_INSTRUCTION,
  });
  return {
    spec: shell,
    sessionId: 's',
    seed,
    turnIndex,
    action,
    messages,
    promptHash: contentHash(messages),
    history,
  };
}

/** Delegates to a real engine and counts how often it is called; `identity` can be changed to simulate a new model. */
function counted(inner: Engine, identity: Record<string, unknown> = {}): Engine & { calls: number } {
  const engine = {
    id: inner.id,
    model: inner.model,
    calls: 0,
    identity: () => ({ ...inner.identity(), ...identity }),
    predict: async (request: PredictRequest, options?: CallOptions): Promise<Prediction> => {
      engine.calls++;
      return inner.predict(request, options);
    },
    close: () => inner.close(),
  };
  return engine;
}

const replay = (): Engine => createReplayEngine({ sessions: [recorded] });

describe('cache engine', () => {
  it('a repeated request is answered from the store without calling the wrapped engine', async () => {
    const inner = counted(replay());
    const cache = createCacheEngine({ inner, store: freshPath() });
    const request = requestFor(1, [], keys('ls'));
    const miss = await cache.predict(request);
    assert.equal(miss.observation, 'a.txt');
    assert.equal(miss.provenance.source, 'replayed');
    assert.deepEqual(
      miss.events.map((event) => event.type),
      ['replay.hit', 'cache.miss'],
    );
    const hit = await cache.predict({ ...request, promptHash: 'another-hash' });
    assert.equal(inner.calls, 1);
    assert.equal(hit.observation, 'a.txt');
    assert.deepEqual(hit.provenance, {
      source: 'cached',
      engine: 'cache',
      model: 'world-model-1',
      promptHash: 'another-hash',
      origin: { source: 'simulated', engine: 'lwm', model: 'world-model-1' },
    });
    assert.deepEqual(hit.events, [{ type: 'cache.hit', data: { key: miss.events[1]?.data?.key } }]);
    assert.deepEqual(cache.stats(), { mode: 'read-write', hits: 1, misses: 1, writes: 1 });
    assert.deepEqual(cache.identity(), inner.identity());
    assert.equal(cache.id, 'cache');
    await cache.close();
  });

  it('keeps entries across runs: a second run over the same file costs no engine call', async () => {
    const path = freshPath();
    const firstInner = counted(replay());
    const first = createCacheEngine({ inner: firstInner, store: path });
    const turnOne = await first.predict(requestFor(1, [], keys('ls')));
    const history: Turn[] = [
      {
        index: 1,
        action: keys('ls'),
        prompt: '### Turn 1',
        observation: turnOne.observation,
        provenance: turnOne.provenance,
        events: [],
        checks: [],
        timing: { startedAt: '2025-01-01T00:00:00.000Z', totalMs: 0, engineMs: 0, overheadMs: 0 },
      },
    ];
    await first.predict(requestFor(1, history, keys('cat a.txt')));
    await first.close();
    assert.equal(firstInner.calls, 2);

    const secondInner = counted(replay());
    const second = createCacheEngine({ inner: secondInner, store: path });
    assert.equal((await second.predict(requestFor(1, [], keys('ls')))).observation, 'a.txt');
    assert.equal((await second.predict(requestFor(1, history, keys('cat a.txt')))).observation, 'alpha');
    assert.equal(secondInner.calls, 0);
    await second.close();
  });

  it('a different seed, different messages or a different engine identity is a miss', async () => {
    const store = await openStore(freshPath());
    const inner = counted(replay());
    const cache = createCacheEngine({ inner, store, closeInner: false });
    await cache.predict(requestFor(1, [], keys('ls')));
    await cache.predict(requestFor(2, [], keys('ls')));
    await cache.predict(requestFor(1, [], keys('ls'), 'another system prompt'));
    assert.equal(inner.calls, 3);
    const retuned = counted(replay(), { temperature: 0.7 });
    const other = createCacheEngine({ inner: retuned, store });
    await other.predict(requestFor(1, [], keys('ls')));
    assert.equal(retuned.calls, 1);
    assert.equal(await store.countCacheEntries(), 4);
    await cache.close();
    await other.close();
    assert.equal(store.isClosed, false, 'a store passed in stays open');
    await store.close();
  });

  it('never caches an error of the wrapped engine', async () => {
    const store = await openStore(freshPath());
    const inner = counted(replay());
    const cache = createCacheEngine({ inner, store });
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(
        cache.predict(requestFor(1, [], keys('rm -rf /'))),
        (error) => isAgentWorldError(error, 'REPLAY_MISS') && /rm -rf/.test(error.message),
      );
    }
    assert.equal(inner.calls, 2);
    assert.equal(await store.countCacheEntries(), 0);
    await cache.close();
    await store.close();
  });

  it('read-only answers hits and turns a miss into REPLAY_MISS without calling the wrapped engine', async () => {
    const path = freshPath();
    const writer = createCacheEngine({ inner: replay(), store: path });
    await writer.predict(requestFor(1, [], keys('ls')));
    await writer.close();

    const inner = counted(replay());
    const reader = createCacheEngine({ inner, store: path, mode: 'read-only' });
    assert.equal((await reader.predict(requestFor(1, [], keys('ls')))).provenance.source, 'cached');
    await assert.rejects(reader.predict(requestFor(7, [], keys('ls'))), (error) => {
      assert.ok(isAgentWorldError(error, 'REPLAY_MISS'));
      assert.match(error.message, /cache has no entry for turn 1 of spec "shell"/);
      assert.equal(error.details.turnIndex, 1);
      return true;
    });
    assert.equal(inner.calls, 0);
    assert.deepEqual(reader.stats(), { mode: 'read-only', hits: 1, misses: 1, writes: 0 });
    await reader.close();
  });

  it('write-only always calls the wrapped engine and keeps the first recording', async () => {
    const store = await openStore(freshPath());
    let answer = 'first answer';
    const scripted: Engine = {
      id: 'scripted',
      model: 'script',
      identity: () => ({ model: 'script' }),
      predict: async (request) => ({
        observation: answer,
        provenance: {
          source: 'simulated',
          engine: 'scripted',
          model: 'script',
          promptHash: request.promptHash,
        },
        events: [],
        usage: { promptTokens: 10, completionTokens: 2, totalTokens: 12 },
        reasoning: 'thinking',
        finishReason: 'stop',
        checks: [{ id: 'local:runaway-repetition', status: 'fail', message: 'cut' }],
        followedControlInstructions: false,
      }),
      close: async () => {},
    };
    const writer = createCacheEngine({ inner: scripted, store, mode: 'write-only' });
    const request = requestFor(1, [], keys('ls'));
    assert.equal((await writer.predict(request)).observation, 'first answer');
    answer = 'second answer';
    const again = await writer.predict(request);
    assert.equal(again.observation, 'second answer');
    assert.deepEqual(again.events.at(-1)?.data?.stored, false);
    assert.deepEqual(writer.stats(), { mode: 'write-only', hits: 0, misses: 2, writes: 1 });

    const reader = createCacheEngine({ inner: scripted, store });
    const hit = await reader.predict(request);
    assert.equal(hit.observation, 'first answer');
    assert.deepEqual(hit.usage, { promptTokens: 10, completionTokens: 2, totalTokens: 12 });
    assert.equal(hit.reasoning, 'thinking');
    assert.equal(hit.finishReason, 'stop');
    assert.deepEqual(hit.checks, [{ id: 'local:runaway-repetition', status: 'fail', message: 'cut' }]);
    assert.equal(hit.followedControlInstructions, false);
    assert.deepEqual(hit.provenance.origin, { source: 'simulated', engine: 'scripted', model: 'script' });
    await store.close();
  });

  it('closes the store it opened and fails after close', async () => {
    const inner = counted(replay());
    const cache = createCacheEngine({ inner, store: freshPath() });
    await cache.close();
    await cache.close();
    await assert.rejects(cache.predict(requestFor(1, [], keys('ls'))), (error) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
    await assert.rejects(inner.predict(requestFor(1, [], keys('ls'))), (error) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
    assert.throws(
      () => createCacheEngine({ inner, store: ':memory:', mode: 'sideways' as never }),
      (error) => isAgentWorldError(error, 'CONFIG_INVALID'),
    );
  });
});
