/**
 * The benchmark's PostgreSQL: the tests' private server (test/helpers/postgres-server.ts: initdb into a
 * temporary folder, loopback port, run as the `postgres` user when we are root; fsync and synchronous_commit
 * off, as SQLite's WAL with synchronous=NORMAL does not fsync each commit either), destroyed on cleanup.
 */
import { type PostgresServer, startPostgresServer } from '../../test/helpers/postgres-server.js';
import { onCleanup } from './cleanup.js';

export interface PostgresProcess {
  readonly server: PostgresServer;
  /** A new empty database's URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresProcess> {
  const server = await startPostgresServer();
  const stop = onCleanup('postgres', () => server.destroy());
  return { server, createDatabase: () => server.createDatabase(), stop };
}
