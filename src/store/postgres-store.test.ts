import { after, before } from 'node:test';
import pg from 'pg';
import { type PostgresServer, recordedSessions, startPostgresServer } from '../../test/helpers/index.js';
import type { SessionRecord } from '../core/turn.js';
import { POSTGRES_MIGRATIONS } from './postgres/postgres-migrations.js';
import { describeStoreContract } from './store-contract.js';

let server: PostgresServer | undefined;
before(async () => {
  server = await startPostgresServer();
});
after(async () => {
  await server?.destroy();
});

function running(): PostgresServer {
  if (server === undefined) throw new Error('PostgreSQL starts in the before hook');
  return server;
}

describeStoreContract('PostgreSQL', {
  sample: recordedSessions('terminal')[0] as SessionRecord,
  target: () => ({
    kind: 'postgres',
    migrations: POSTGRES_MIGRATIONS,
    freshLocation: () => running().createDatabase(),
    appliedMigrations: async (location) => {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        const result = await client.query<{ count: string }>('SELECT COUNT(*) AS count FROM schema_version');
        return Number(result.rows[0]?.count);
      } finally {
        await client.end();
      }
    },
    server: running(),
  }),
});
