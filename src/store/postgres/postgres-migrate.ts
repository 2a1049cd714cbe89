import type pg from 'pg';
import { assertMigrationsOrdered, type Migration, newerSchemaError } from '../migrations.js';

/** The advisory lock (class, object) every AgentWorld process takes before it looks at the schema. */
const MIGRATION_LOCK: readonly [number, number] = [0x41_57_53, 1];

/**
 * Brings the database up to the newest migration: one transaction under a transaction-scoped advisory lock, so
 * two processes starting at once migrate one after the other (the second finds nothing left to do) and a failed
 * step leaves the schema as it was. Returns the schema version afterwards.
 */
export async function applyPostgresMigrations(
  client: pg.PoolClient,
  migrations: readonly Migration[],
): Promise<number> {
  assertMigrationsOrdered(migrations);
  const latest = migrations.length;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )
    `);
    const current = await postgresSchemaVersion(client);
    if (current > latest) throw newerSchemaError(current, latest);
    for (const migration of migrations.slice(current)) {
      if (migration.sql.trim() !== '') await client.query(migration.sql);
      await client.query(
        'INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.description, new Date().toISOString()],
      );
    }
    const after = await postgresSchemaVersion(client);
    await client.query('COMMIT');
    return after;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The highest schema version recorded in the database (0 for a fresh one). */
export async function postgresSchemaVersion(client: pg.ClientBase | pg.Pool): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_version',
  );
  return Number(result.rows[0]?.version ?? 0);
}
