import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { Migration } from './migrations.js';
import { openStore } from './open-store.js';
import type { StoreContractContext } from './store-contract-context.js';

/** The contract of migrations: each step runs once, a failing one rolls back, a newer schema is refused. */
export function describeMigrationContract(context: StoreContractContext): void {
  const { options } = context;
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
}
