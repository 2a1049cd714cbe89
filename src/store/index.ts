export type { CacheEntry, NewCacheEntry } from './cache-entries.js';
export { defaultStorePath } from './default-store-path.js';
export type {
  ItemKind,
  ItemResult,
  ItemResultOptions,
  ItemResultStore,
  NewItemResult,
} from './item-results.js';
export { applyMigrations, currentSchemaVersion, type Migration, STORE_MIGRATIONS } from './migrations.js';
export { type CacheStore, type OpenStoreOptions, openStore, type Store } from './store.js';
