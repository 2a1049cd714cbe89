import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  isPostgresLocation,
  redactStoreLocation,
  resolveStoreLocation,
  storeKindOf,
} from './store-location.js';

describe('store location', () => {
  it('prefers --store, then AGENTWORLD_STORE, then the default file', () => {
    const env = { AGENTWORLD_STORE: 'postgres://db/aw', AGENTWORLD_HOME: '/data/aw' };
    assert.equal(resolveStoreLocation('/tmp/x.db', env), '/tmp/x.db');
    assert.equal(resolveStoreLocation(undefined, env), 'postgres://db/aw');
    assert.equal(
      resolveStoreLocation('  ', { AGENTWORLD_HOME: '/data/aw' }),
      join('/data/aw', 'agentworld.db'),
    );
    assert.equal(
      resolveStoreLocation(undefined, { AGENTWORLD_STORE: ' ', AGENTWORLD_HOME: '/h' }),
      join('/h', 'agentworld.db'),
    );
  });

  it('picks PostgreSQL for postgres:// and postgresql:// URLs only', () => {
    assert.equal(isPostgresLocation('postgres://u@h/db'), true);
    assert.equal(isPostgresLocation('PostgreSQL://u@h/db'), true);
    assert.equal(isPostgresLocation('/var/lib/postgres/agentworld.db'), false);
    assert.equal(storeKindOf(':memory:'), 'sqlite');
    assert.equal(storeKindOf('postgresql://h/db'), 'postgres');
  });

  it('hides the password of a URL and leaves paths alone', () => {
    assert.equal(redactStoreLocation('postgres://aw:s3cret@db:5432/aw'), 'postgres://aw:***@db:5432/aw');
    assert.equal(redactStoreLocation('postgres://db/aw'), 'postgres://db/aw');
    assert.ok(!redactStoreLocation('postgres://aw:s3cr%et@db/aw').includes('s3cr'));
    assert.equal(redactStoreLocation('/tmp/pass:word@x.db'), '/tmp/pass:word@x.db');
  });
});
