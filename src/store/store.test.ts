import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import { defaultStorePath } from './default-store-path.js';
import { type Migration, STORE_MIGRATIONS } from './migrations.js';
import { openStore } from './store.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(root, `case-${++counter}`, 'agentworld.db');

describe('openStore', () => {
  it('creates the folder, uses WAL and NORMAL sync, and records the schema version', () => {
    const store = openStore(freshPath());
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
      store.close();
    }
  });

  it('keeps entries across a close and reopen, and reopening runs no migration twice', () => {
    const path = freshPath();
    const first = openStore(path);
    assert.equal(
      first.putCacheEntry('k1', { engine: 'lwm', model: 'm', value: { observation: 'hello' } }),
      true,
    );
    first.close();
    const second = openStore(path);
    try {
      assert.equal(second.countCacheEntries(), 1);
      const entry = second.getCacheEntry('k1');
      assert.equal(entry?.engine, 'lwm');
      assert.equal(entry?.model, 'm');
      assert.deepEqual(entry?.value, { observation: 'hello' });
      assert.equal(entry?.hits, 0);
      const applied = second.database.prepare('SELECT COUNT(*) AS count FROM schema_version').get();
      assert.deepEqual(applied, { count: STORE_MIGRATIONS.length });
    } finally {
      second.close();
    }
  });

  it('applies only the missing steps of an extended migration list', () => {
    const path = freshPath();
    openStore(path).close();
    const extended: Migration[] = [
      ...STORE_MIGRATIONS,
      {
        version: STORE_MIGRATIONS.length + 1,
        description: 'test table',
        sql: 'CREATE TABLE extra (id TEXT);',
      },
    ];
    const store = openStore(path, { migrations: extended });
    assert.equal(store.schemaVersion, extended.length);
    store.database.prepare('INSERT INTO extra (id) VALUES (?)').run('a');
    store.close();
    // Opening again with the same list must not try to create the table a second time.
    const again = openStore(path, { migrations: extended });
    assert.deepEqual(again.database.prepare('SELECT id FROM extra').all(), [{ id: 'a' }]);
    again.close();
  });

  it('rolls back a failing migration and leaves the schema version unchanged', () => {
    const path = freshPath();
    openStore(path).close();
    const broken: Migration[] = [
      ...STORE_MIGRATIONS,
      {
        version: STORE_MIGRATIONS.length + 1,
        description: 'broken',
        sql: 'CREATE TABLE half (id TEXT); NOT SQL;',
      },
    ];
    assert.throws(
      () => openStore(path, { migrations: broken }),
      (error) => isAgentWorldError(error, 'STORE_ERROR'),
    );
    const store = openStore(path);
    try {
      assert.equal(store.schemaVersion, STORE_MIGRATIONS.length);
      const half = store.database.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get();
      assert.equal(half, undefined);
    } finally {
      store.close();
    }
  });

  it('refuses a database written by a newer schema', () => {
    const path = freshPath();
    const newer: Migration[] = [
      ...STORE_MIGRATIONS,
      { version: STORE_MIGRATIONS.length + 1, description: 'x', sql: '' },
    ];
    openStore(path, { migrations: newer }).close();
    assert.throws(
      () => openStore(path),
      (error) => isAgentWorldError(error, 'STORE_ERROR') && /newer AgentWorld/.test(error.message),
    );
  });

  it('turns a file that is not a database into STORE_ERROR naming the path', () => {
    const path = freshPath();
    openStore(path).close();
    const junk = join(root, 'junk.db');
    writeFileSync(junk, 'this is certainly not an SQLite file, it is just some text padding '.repeat(20));
    assert.throws(
      () => openStore(junk),
      (error) =>
        isAgentWorldError(error, 'STORE_ERROR') && error.message.includes(junk) && error.cause !== undefined,
    );
  });

  it('works in memory', () => {
    const store = openStore(':memory:');
    assert.equal(store.countCacheEntries(), 0);
    store.close();
  });
});

describe('cache entries', () => {
  it('keeps the first write of a key (INSERT OR IGNORE) and counts hits', () => {
    const store = openStore(freshPath());
    try {
      assert.equal(store.putCacheEntry('k', { engine: 'lwm', value: { observation: 'first' } }), true);
      assert.equal(store.putCacheEntry('k', { engine: 'lwm', value: { observation: 'second' } }), false);
      assert.deepEqual(store.getCacheEntry('k')?.value, { observation: 'first' });
      assert.equal(store.getCacheEntry('k')?.model, undefined);
      store.recordCacheHit('k');
      store.recordCacheHit('k');
      assert.equal(store.getCacheEntry('k')?.hits, 2);
      assert.equal(store.getCacheEntry('missing'), undefined);
      assert.equal(store.countCacheEntries(), 1);
    } finally {
      store.close();
    }
  });

  it('fails with STORE_ERROR after close and on a value that is not JSON', () => {
    const store = openStore(freshPath());
    assert.throws(
      () => store.putCacheEntry('k', { engine: 'lwm', value: undefined }),
      (error) => isAgentWorldError(error, 'STORE_ERROR'),
    );
    store.close();
    store.close();
    assert.equal(store.isClosed, true);
    assert.throws(
      () => store.getCacheEntry('k'),
      (error) => isAgentWorldError(error, 'STORE_ERROR') && /closed/.test(error.message),
    );
  });
});

describe('defaultStorePath', () => {
  it('prefers AGENTWORLD_HOME and falls back to ~/.agentworld', () => {
    assert.equal(defaultStorePath({ AGENTWORLD_HOME: '/data/aw' }), join('/data/aw', 'agentworld.db'));
    assert.match(defaultStorePath({}), /\.agentworld[/\\]agentworld\.db$/);
  });
});
