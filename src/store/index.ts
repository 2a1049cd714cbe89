export type { CacheEntry, NewCacheEntry } from './cache-entries.js';
export { defaultStorePath } from './default-store-path.js';
export type {
  ItemKind,
  ItemResult,
  ItemResultOptions,
  ItemResultStore,
  NewItemResult,
} from './item-results.js';
export { type Migration, STORE_MIGRATIONS } from './migrations.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { POSTGRES_MIGRATIONS } from './postgres/postgres-migrations.js';
export { applyMigrations, currentSchemaVersion } from './sqlite/sqlite-migrate.js';
export { type OpenSqliteStoreOptions, openSqliteStore, SqliteStore } from './sqlite/sqlite-store.js';
export type {
  CacheStore,
  CreateSessionOptions,
  CreateSessionOutcome,
  SessionLeaseStore,
  SessionProgress,
  SessionStore,
  SessionSummary,
  Store,
  StoreCallOptions,
  StoredSession,
  StoreHealth,
  StoreKind,
} from './store.js';
export {
  isPostgresLocation,
  redactStoreLocation,
  resolveStoreLocation,
  STORE_ENVIRONMENT_VARIABLE,
  storeKindOf,
} from './store-location.js';
