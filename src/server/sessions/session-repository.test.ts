import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { recordedSessions, tempStores } from '../../../test/helpers/index.js';
import { isAgentWorldError } from '../../core/errors.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
import { getDomain } from '../../domains/index.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { Session } from '../../session/session.js';
import { openSqliteStore } from '../../store/index.js';
import { ownerHashOf } from './owner.js';
import { SessionRepository } from './session-repository.js';

const stores = tempStores('session-repository');
after(() => stores.remove());

const OWNER = ownerHashOf('key-a');
const recorded = recordedSessions('terminal')[0] as SessionRecord;

function withTurns(record: SessionRecord, count: number, id = `s_${count}_${Math.random()}`): SessionRecord {
  return { ...record, id, turns: record.turns.slice(0, count), closed: false, labels: { origin: 'test' } };
}

describe('SessionRepository', () => {
  it('stores a record and loads it back equal, turn by turn', async () => {
    const store = openSqliteStore(stores.freshPath());
    try {
      const repository = new SessionRepository(store);
      assert.ok(recorded.turns.length >= 2, 'the recording has turns to split');
      const record = withTurns(recorded, 1);
      await repository.create(record, OWNER);
      const second = recorded.turns[1] as Turn;
      await repository.appendTurn(record.id, second);
      const loaded = await repository.load(record.id);
      assert.equal(loaded?.ownerHash, OWNER);
      assert.deepEqual(loaded?.record, { ...record, turns: [...record.turns, second] });
      assert.equal(await repository.load('s_missing'), undefined);
    } finally {
      await store.close();
    }
  });

  it('refuses a second turn with the same index and keeps the first', async () => {
    const store = openSqliteStore(stores.freshPath());
    try {
      const repository = new SessionRepository(store);
      const record = withTurns(recorded, 1);
      await repository.create(record, OWNER);
      const duplicate = { ...(recorded.turns[0] as Turn), observation: 'not the first' };
      await assert.rejects(
        () => repository.appendTurn(record.id, duplicate),
        (error) => isAgentWorldError(error, 'STORE_ERROR'),
      );
      assert.equal(
        (await repository.load(record.id))?.record.turns[0]?.observation,
        recorded.turns[0]?.observation,
      );
      await assert.rejects(
        () => repository.appendTurn('s_unknown', recorded.turns[1] as Turn),
        (error) => isAgentWorldError(error),
      );
    } finally {
      await store.close();
    }
  });

  it('closes, counts, lists by owner, finds idle sessions and deletes', async () => {
    const store = openSqliteStore(stores.freshPath());
    try {
      const repository = new SessionRepository(store);
      const a = withTurns(recorded, 0);
      const b = withTurns(recorded, 2);
      const foreign = withTurns(recorded, 1);
      await repository.create(a, OWNER);
      await repository.create(b, OWNER);
      await repository.create(foreign, ownerHashOf('key-b'));
      assert.equal(await repository.countOpenByOwner(OWNER), 2);
      assert.equal(await repository.countOpen(), 3);
      assert.equal(await repository.markClosed(a.id), true);
      assert.equal(await repository.markClosed('s_nobody'), false);
      assert.equal((await repository.load(a.id))?.record.closed, true);
      assert.equal(await repository.countOpenByOwner(OWNER), 1);
      assert.deepEqual(
        (await repository.listByOwner(OWNER)).map((summary) => [summary.id, summary.turns, summary.domain]),
        [[b.id, 2, 'terminal']],
      );
      assert.equal((await repository.listByOwner(OWNER, { includeClosed: true })).length, 2);
      const idle = await repository.openIdleSince(new Date(Date.now() + 1000).toISOString());
      assert.deepEqual(new Set(idle), new Set([b.id, foreign.id]));
      assert.equal(await repository.delete(b.id), true);
      assert.equal(await repository.load(b.id), undefined);
      assert.deepEqual(
        store.database.prepare('SELECT COUNT(*) AS n FROM session_turns WHERE session_id = ?').get(b.id),
        { n: 0 },
      );
    } finally {
      await store.close();
    }
  });

  it('a loaded record rebuilds a live session at the same turn without engine calls', async () => {
    const path = stores.freshPath();
    const first = openSqliteStore(path);
    const record = withTurns(recorded, 2);
    await new SessionRepository(first).create(record, OWNER);
    await first.close();
    const second = openSqliteStore(path);
    try {
      const loaded = await new SessionRepository(second).load(record.id);
      assert.ok(loaded);
      // A replay engine over nothing: any call to it would fail, so the rebuild must make none.
      const engine = createReplayEngine({ sessions: [] });
      const session = Session.fromRecord(loaded.record, getDomain('terminal'), engine);
      assert.equal(session.turns.length, 2);
      assert.deepEqual(session.toRecord({ origin: 'test' }), record);
    } finally {
      await second.close();
    }
  });
});
