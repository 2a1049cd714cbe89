import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgentWorldError, isAgentWorldError } from '../core/errors.js';
import type { SessionRecord, Turn } from '../core/turn.js';
import type { NewItemResult } from './item-results.js';
import type { Migration } from './migrations.js';
import { type OpenStoreOptions, openStore } from './open-store.js';
import type { Store, StoreKind } from './store.js';

/** One backend the contract runs against (read in the tests, after the suite's `before` hooks ran). */
export interface StoreContractTarget {
  readonly kind: StoreKind;
  /** The location of a new, empty store (a fresh file or a fresh database). */
  freshLocation(): Promise<string>;
  /** The backend's migration list (STORE_MIGRATIONS or POSTGRES_MIGRATIONS). */
  readonly migrations: readonly Migration[];
  /** How many rows the store's `schema_version` table holds (read around the store, to prove one migration). */
  appliedMigrations(location: string): Promise<number>;
  /** A database server the tests may stop and start again (PostgreSQL); absent for an embedded store. */
  readonly server?: { stop(): Promise<void>; restart(): Promise<void> } | undefined;
}

export interface StoreContractOptions {
  readonly target: () => StoreContractTarget;
  /** A valid recorded session with at least three turns (the contract stores copies of it). */
  readonly sample: SessionRecord;
}

const OWNER = 'owner-a';
let sessionCounter = 0;

/**
 * The behaviour every Store backend must show, as node:test cases: the same cases run against SQLite and
 * PostgreSQL (see src/store/*.test.ts).
 */
export function describeStoreContract(name: string, options: StoreContractOptions): void {
  const { sample } = options;
  assert.ok(sample.turns.length >= 3, 'the contract sample needs at least three turns');
  const session = (turns: number, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
    ...sample,
    id: `s_contract_${process.pid}_${++sessionCounter}`,
    turns: sample.turns.slice(0, turns),
    closed: false,
    labels: { origin: 'contract' },
    ...overrides,
  });
  const turn = (index: number): Turn => sample.turns[index] as Turn;

  async function withStore<T>(
    work: (store: Store, location: string) => Promise<T>,
    open: OpenStoreOptions = {},
  ) {
    const location = await options.target().freshLocation();
    const store = await openStore(location, open);
    try {
      return await work(store, location);
    } finally {
      await store.close();
    }
  }

  describe(`${name}: store contract`, () => {
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

    describe('sessions and turns', () => {
      it('stores a session with its turns, appends one, and loads it back equal', async () => {
        await withStore(async (store) => {
          const record = session(1);
          assert.deepEqual(await store.createSession(record, OWNER, { at: 1_000 }), {
            stored: true,
            openForOwner: 0,
          });
          await store.appendTurn(record.id, turn(1), 2_000);
          const loaded = await store.loadSession(record.id);
          assert.deepEqual(loaded?.record, { ...record, turns: [...record.turns, turn(1)] });
          assert.equal(loaded?.ownerHash, OWNER);
          assert.equal(loaded?.updatedAt, new Date(2_000).toISOString());
          assert.equal(loaded?.closedAt, undefined);
          assert.equal(await store.loadSession('s_missing'), undefined);
          const fork = session(2, { parentId: record.id, forkedAtTurn: 2, seed: 2 ** 40 });
          await store.createSession(fork, OWNER);
          assert.deepEqual((await store.loadSession(fork.id))?.record, fork);
        });
      });

      it('refuses a turn index already stored (keeping the first) and a turn of an unknown session', async () => {
        await withStore(async (store) => {
          const record = session(2);
          await store.createSession(record, OWNER);
          await assert.rejects(
            () => store.appendTurn(record.id, { ...turn(1), observation: 'not the first' }),
            (error) => isAgentWorldError(error, 'STORE_ERROR'),
          );
          const loaded = await store.loadSession(record.id);
          assert.equal(loaded?.record.turns.length, 2);
          assert.equal(loaded?.record.turns[1]?.observation, turn(1).observation);
          await assert.rejects(
            () => store.appendTurn('s_unknown', turn(2)),
            (error) => isAgentWorldError(error, 'SESSION_NOT_FOUND'),
          );
          assert.equal(await store.loadSession('s_unknown'), undefined);
        });
      });

      it('closes, counts, lists by owner, finds idle sessions and deletes', async () => {
        await withStore(async (store) => {
          const a = session(0);
          const b = session(2);
          const foreign = session(1);
          await store.createSession(a, OWNER, { at: 1_000 });
          await store.createSession(b, OWNER, { at: 2_000 });
          await store.createSession(foreign, 'owner-b', { at: 3_000 });
          assert.equal(await store.countOpenSessionsByOwner(OWNER), 2);
          assert.equal(await store.countOpenSessions(), 3);
          assert.equal(await store.markSessionClosed(a.id, 4_000), true);
          assert.equal(await store.markSessionClosed(a.id, 5_000), true);
          assert.equal((await store.loadSession(a.id))?.closedAt, new Date(4_000).toISOString());
          assert.equal(await store.markSessionClosed('s_nobody'), false);
          assert.deepEqual(await store.sessionProgress(a.id), { turns: 0, closed: true });
          assert.deepEqual(await store.sessionProgress(b.id), { turns: 2, closed: false });
          assert.equal(await store.sessionProgress('s_nobody'), undefined);
          assert.equal((await store.loadSession(a.id))?.record.closed, true);
          assert.equal(await store.countOpenSessionsByOwner(OWNER), 1);
          assert.deepEqual(
            (await store.listSessionsByOwner(OWNER)).map((summary) => [
              summary.id,
              summary.turns,
              summary.closed,
            ]),
            [[b.id, 2, false]],
          );
          const all = await store.listSessionsByOwner(OWNER, { includeClosed: true });
          assert.deepEqual(new Set(all.map((summary) => summary.id)), new Set([a.id, b.id]));
          assert.deepEqual(all.find((summary) => summary.id === b.id)?.labels, { origin: 'contract' });
          assert.equal(all.find((summary) => summary.id === b.id)?.domain, sample.spec.domain);
          assert.deepEqual(await store.openSessionsIdleSince(new Date(2_500).toISOString()), [b.id]);
          assert.deepEqual(await store.openSessionsIdleSince(new Date(9_000).toISOString()), [
            b.id,
            foreign.id,
          ]);
          assert.equal(await store.acquireSessionLease(b.id, 'server-1', 1_000, 0), true);
          assert.equal(await store.deleteSession(b.id), true);
          assert.equal(await store.deleteSession(b.id), false);
          assert.equal(await store.loadSession(b.id), undefined);
          // The lease went with the session.
          assert.equal(await store.acquireSessionLease(b.id, 'server-2', 1_000, 0), true);
        });
      });

      it('lets no concurrent creates of one owner slip past the open-session limit', async () => {
        await withStore(async (store) => {
          const outcomes = await Promise.all(
            Array.from({ length: 12 }, () => store.createSession(session(1), OWNER, { maxOpenForOwner: 3 })),
          );
          assert.equal(outcomes.filter((outcome) => outcome.stored).length, 3);
          assert.ok(
            outcomes.filter((outcome) => !outcome.stored).every((outcome) => outcome.openForOwner === 3),
          );
          assert.equal(await store.countOpenSessionsByOwner(OWNER), 3);
          assert.equal(
            (await store.createSession(session(0), 'owner-b', { maxOpenForOwner: 3 })).stored,
            true,
          );
        });
      });
    });

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
          assert.equal(
            await store.acquireSessionLease('s2', 'b', 1_000, 700),
            true,
            'leases are per session',
          );
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

    describe('migrations', () => {
      it('runs each step once: reopening applies nothing, concurrent opens of a fresh store migrate once', async () => {
        const target = options.target();
        const location = await target.freshLocation();
        const stores = await Promise.all([0, 1, 2, 3].map(() => openStore(location)));
        try {
          for (const store of stores) assert.equal(store.schemaVersion, target.migrations.length);
          assert.equal(await target.appliedMigrations(location), target.migrations.length);
          const health = await stores[0]?.ping();
          assert.equal(health?.ok, true);
          assert.equal(health?.kind, target.kind);
          assert.equal(health?.schemaVersion, target.migrations.length);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
        const again = await openStore(location);
        await again.close();
        assert.equal(await target.appliedMigrations(location), target.migrations.length);
      });

      it('applies a later step, rolls back a failing one, and refuses a store of a newer schema', async () => {
        const target = options.target();
        const location = await target.freshLocation();
        const extended: Migration[] = [
          ...target.migrations,
          {
            version: target.migrations.length + 1,
            description: 'test step',
            sql: 'CREATE TABLE extra (id TEXT);',
          },
        ];
        const broken: Migration[] = [
          ...extended,
          {
            version: extended.length + 1,
            description: 'broken',
            sql: 'CREATE TABLE half (id TEXT); NOT SQL;',
          },
        ];
        await (await openStore(location)).close();
        await assert.rejects(
          () => openStore(location, { migrations: broken }),
          (error) => isAgentWorldError(error, 'STORE_ERROR'),
        );
        assert.equal(await target.appliedMigrations(location), target.migrations.length);
        const newer = await openStore(location, { migrations: extended });
        assert.equal(newer.schemaVersion, extended.length);
        await newer.close();
        await assert.rejects(
          () => openStore(location),
          (error) => isAgentWorldError(error, 'STORE_ERROR') && /newer AgentWorld/.test(error.message),
        );
      });
    });

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
  });
}

function assertUnavailable(error: unknown, location: string): true {
  assert.ok(
    isAgentWorldError(error, 'STORE_UNAVAILABLE'),
    `expected STORE_UNAVAILABLE, got ${String(error)}`,
  );
  const failure = error as AgentWorldError;
  assert.equal(failure.retryable, true);
  const shown = location.replace(/:[^:@/]*@/, ':***@');
  assert.ok(failure.message.includes(shown), `the message names the store: ${failure.message}`);
  return true;
}
