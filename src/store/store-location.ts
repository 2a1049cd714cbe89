import { redactUrlPassword } from '../core/redact-url.js';
import { defaultStorePath } from './default-store-path.js';
import type { StoreKind } from './store.js';

/** The environment variable naming the store (a file path or a PostgreSQL URL). */
export const STORE_ENVIRONMENT_VARIABLE = 'AGENTWORLD_STORE';

/** True for a location that names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** Which backend a location opens. */
export function storeKindOf(location: string): StoreKind {
  return isPostgresLocation(location) ? 'postgres' : 'sqlite';
}

/**
 * The store to open: the `--store` value when given, else `$AGENTWORLD_STORE`, else the default SQLite file
 * (`$AGENTWORLD_HOME/agentworld.db` or `~/.agentworld/agentworld.db`). Blank values count as absent.
 */
export function resolveStoreLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const fromEnvironment = env[STORE_ENVIRONMENT_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== '') return fromEnvironment.trim();
  return defaultStorePath(env);
}

/** The location safe to print: a PostgreSQL URL's password becomes `***` (file paths are returned as given). */
export function redactStoreLocation(location: string): string {
  return isPostgresLocation(location) ? redactUrlPassword(location) : location;
}
