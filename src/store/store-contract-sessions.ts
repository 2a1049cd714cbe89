import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { StoreContractContext } from './store-contract-context.js';

/** The contract of sessions and their turns: store, append, load, close, list, count, delete, owner limits. */
export function describeSessionContract(context: StoreContractContext): void {
  const { sample, session, turn, withStore, OWNER } = context;
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
        assert.equal((await store.createSession(session(0), 'owner-b', { maxOpenForOwner: 3 })).stored, true);
      });
    });
  });
}
