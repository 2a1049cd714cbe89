import { after } from 'node:test';
import Database from 'better-sqlite3';
import { recordedSessions, tempStores } from '../../test/helpers/index.js';
import type { SessionRecord } from '../core/turn.js';
import { STORE_MIGRATIONS } from './migrations.js';
import { describeStoreContract } from './store-contract.js';

const stores = tempStores('store-contract-sqlite');
after(() => stores.remove());

describeStoreContract('SQLite', {
  sample: recordedSessions('terminal')[0] as SessionRecord,
  target: () => ({
    kind: 'sqlite',
    migrations: STORE_MIGRATIONS,
    freshLocation: async () => stores.freshPath(),
    appliedMigrations: async (location) => {
      const db = new Database(location, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS count FROM schema_version').get() as { count: number }).count;
      } finally {
        db.close();
      }
    },
  }),
});
