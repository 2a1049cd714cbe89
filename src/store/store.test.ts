import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import { defaultStorePath } from './default-store-path.js';
import { type Migration, STORE_MIGRATIONS } from './migrations.js';
import { openStore } from './open-store.js';
import { POSTGRES_MIGRATIONS } from './postgres/postgres-migrations.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(root, `case-${++counter}`, 'agentworld.db');

describe('openSqliteStore', () => {
  it('creates the folder, uses WAL and NORMAL sync, and records the schema version', async () => {
    const store = openSqliteStore(freshPath());
    try {
      assert.equal(store.database.pragma('journal_mode', { simple: true }), 'wal');
      // synchronous: 0 OFF, 1 NORMAL, 2 FULL
      assert.equal(store.database.pragma('synchronous', { simple: true }), 1);
      assert.ok(Number(store.database.pragma('busy_timeout', { simple: true })) > 0);
      assert.equal(store.schemaVersion, STORE_MIGRATIONS.length);
      const rows = store.database.prepare('SELECT version FROM schema_version ORDER BY version').all();
      assert.deepEqual(
        rows,
        STORE_MIGRATIONS.map((migration) => ({ version: migration.version })),
      );
    } finally {
      await store.close();
    }
  });

  it('keeps entries across a close and reopen, and reopening runs no migration twice', async () => {
    const path = freshPath();
    const first = openSqliteStore(path);
    assert.equal(
      await first.putCacheEntry('k1', { engine: 'lwm', model: 'm', value: { observation: 'hello' } }),
      true,
    );
    await first.close();
    const second = openSqliteStore(path);
    try {
      assert.equal(await second.countCacheEntries(), 1);
      const entry = await second.getCacheEntry('k1');
      assert.equal(entry?.engine, 'lwm');
      assert.equal(entry?.model, 'm');
      assert.deepEqual(entry?.value, { observation: 'hello' });
      assert.equal(entry?.hits, 0);
      const applied = second.database.prepare('SELECT COUNT(*) AS count FROM schema_version').get();
      assert.deepEqual(applied, { count: STORE_MIGRATIONS.length });
    } finally {
      await second.close();
    }
  });

  it('applies only the missing steps of an extended migration list', async () => {
    const path = freshPath();
    await openSqliteStore(path).close();
    const extended: Migration[] = [
      ...STORE_MIGRATIONS,
      {
        version: STORE_MIGRATIONS.length + 1,
        description: 'test table',
        sql: 'CREATE TABLE extra (id TEXT);',
      },
    ];
    const store = openSqliteStore(path, { migrations: extended });
    assert.equal(store.schemaVersion, extended.length);
    store.database.prepare('INSERT INTO extra (id) VALUES (?)').run('a');
    await store.close();
    // Opening again with the same list must not try to create the table a second time.
    const again = openSqliteStore(path, { migrations: extended });
    assert.deepEqual(again.database.prepare('SELECT id FROM extra').all(), [{ id: 'a' }]);
    await again.close();
  });

  it('rolls back a failing migration and leaves the schema version unchanged', async () => {
    const path = freshPath();
    await openSqliteStore(path).close();
    const broken: Migration[] = [
      ...STORE_MIGRATIONS,
      {
        version: STORE_MIGRATIONS.length + 1,
        description: 'broken',
        sql: 'CREATE TABLE half (id TEXT); NOT SQL;',
      },
    ];
    assert.throws(
      () => openSqliteStore(path, { migrations: broken }),
      (error) => isAgentWorldError(error, 'STORE_ERROR'),
    );
    const store = openSqliteStore(path);
    try {
      assert.equal(store.schemaVersion, STORE_MIGRATIONS.length);
      const half = store.database.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get();
      assert.equal(half, undefined);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer schema', async () => {
    const path = freshPath();
    const newer: Migration[] = [
      ...STORE_MIGRATIONS,
      { version: STORE_MIGRATIONS.length + 1, description: 'x', sql: '' },
    ];
    await openSqliteStore(path, { migrations: newer }).close();
    assert.throws(
      () => openSqliteStore(path),
      (error) => isAgentWorldError(error, 'STORE_ERROR') && /newer AgentWorld/.test(error.message),
    );
  });

  it('turns a file that is not a database into STORE_ERROR naming the path', async () => {
    const path = freshPath();
    await openSqliteStore(path).close();
    const junk = join(root, 'junk.db');
    writeFileSync(junk, 'this is certainly not an SQLite file, it is just some text padding '.repeat(20));
    assert.throws(
      () => openSqliteStore(junk),
      (error) =>
        isAgentWorldError(error, 'STORE_ERROR') && error.message.includes(junk) && error.cause !== undefined,
    );
  });

  it('works in memory', async () => {
    const store = openSqliteStore(':memory:');
    assert.equal(await store.countCacheEntries(), 0);
    await store.close();
  });
});

describe('cache entries', () => {
  it('keeps the first write of a key (INSERT OR IGNORE) and counts hits', async () => {
    const store = openSqliteStore(freshPath());
    try {
      assert.equal(await store.putCacheEntry('k', { engine: 'lwm', value: { observation: 'first' } }), true);
      assert.equal(
        await store.putCacheEntry('k', { engine: 'lwm', value: { observation: 'second' } }),
        false,
      );
      assert.deepEqual((await store.getCacheEntry('k'))?.value, { observation: 'first' });
      assert.equal((await store.getCacheEntry('k'))?.model, undefined);
      await store.recordCacheHit('k');
      await store.recordCacheHit('k');
      assert.equal((await store.getCacheEntry('k'))?.hits, 2);
      assert.equal(await store.getCacheEntry('missing'), undefined);
      assert.equal(await store.countCacheEntries(), 1);
    } finally {
      await store.close();
    }
  });

  it('fails with STORE_ERROR after close and on a value that is not JSON', async () => {
    const store = openSqliteStore(freshPath());
    await assert.rejects(
      () => store.putCacheEntry('k', { engine: 'lwm', value: undefined }),
      (error) => isAgentWorldError(error, 'STORE_ERROR'),
    );
    await store.close();
    await store.close();
    assert.equal(store.isClosed, true);
    await assert.rejects(
      () => store.getCacheEntry('k'),
      (error) => isAgentWorldError(error, 'STORE_ERROR') && /closed/.test(error.message),
    );
  });
});

describe('defaultStorePath', () => {
  it('prefers AGENTWORLD_HOME and falls back to ~/.agentworld', async () => {
    assert.equal(defaultStorePath({ AGENTWORLD_HOME: '/data/aw' }), join('/data/aw', 'agentworld.db'));
    assert.match(defaultStorePath({}), /\.agentworld[/\\]agentworld\.db$/);
  });
});

describe('openStore', () => {
  it('opens SQLite for a path and :memory:, and both migration lists share versions and descriptions', async () => {
    const store = await openStore(':memory:');
    try {
      assert.equal(store.kind, 'sqlite');
      assert.equal(store.schemaVersion, STORE_MIGRATIONS.length);
      assert.equal((await store.ping()).ok, true);
      assert.equal((await store.ping()).schemaVersion, STORE_MIGRATIONS.length);
    } finally {
      await store.close();
    }
    assert.deepEqual(
      POSTGRES_MIGRATIONS.map((migration) => [migration.version, migration.description]),
      STORE_MIGRATIONS.map((migration) => [migration.version, migration.description]),
    );
  });

  it('fails with ABORTED for a call whose signal has fired, and reports a closed store in ping', async () => {
    const store = await openStore(freshPath());
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      () => store.countCacheEntries({ signal: controller.signal }),
      (error) => isAgentWorldError(error, 'ABORTED'),
    );
    await store.close();
    assert.equal((await store.ping()).ok, false);
  });
});

describe('openStore on PostgreSQL', () => {
  it('gives STORE_UNAVAILABLE (retryable) for a server that is not there, naming the URL without its password', async () => {
    const freePort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
      });
    });
    await assert.rejects(
      () => openStore(`postgresql://aw:s3cret@127.0.0.1:${freePort}/aw`, { connectTimeoutMs: 5_000 }),
      (error) => {
        assert.ok(isAgentWorldError(error, 'STORE_UNAVAILABLE'), String(error));
        assert.equal(error.retryable, true);
        assert.ok(!error.message.includes('s3cret'), error.message);
        assert.ok(error.message.includes(`postgresql://aw:***@127.0.0.1:${freePort}/aw`), error.message);
        assert.equal(error.details.location, `postgresql://aw:***@127.0.0.1:${freePort}/aw`);
        return true;
      },
    );
  });
});
