import type BetterSqlite3 from 'better-sqlite3';
import { assertMigrationsOrdered, type Migration, newerSchemaError } from '../migrations.js';

/** The highest schema version recorded in the database (0 for a fresh one). */
export function currentSchemaVersion(db: BetterSqlite3.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}

/**
 * Brings the database up to the newest migration. All missing steps run in one IMMEDIATE transaction, so two
 * processes opening the same file cannot both migrate, and a failed step leaves the schema as it was.
 * Returns the schema version afterwards.
 */
export function applyMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[]): number {
  assertMigrationsOrdered(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL
    );
  `);
  const latest = migrations.length;
  const migrate = db.transaction(() => {
    const current = currentSchemaVersion(db);
    if (current > latest) throw newerSchemaError(current, latest);
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
    return currentSchemaVersion(db);
  });
  return migrate.immediate();
}
