import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/** Where Debian's postgresql-15 package puts the server binaries (override: AGENTWORLD_POSTGRES_BIN). */
export const POSTGRES_BIN_DIR = process.env.AGENTWORLD_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** A private PostgreSQL server on a free loopback port, with trust authentication for the `postgres` role. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (the maintenance database). */
  readonly url: string;
  readonly port: number;
  /** Creates a new empty database and returns its URL (each test gets its own). */
  createDatabase(): Promise<string>;
  /** Fast shutdown: open connections are cut, later connects are refused. No-op when stopped. */
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same data (stops it first when running). */
  restart(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  destroy(): Promise<void>;
}

interface Account {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Starts a private PostgreSQL (initdb into a temporary directory, then `postgres -D dir -p PORT -k dir`). As root
 * the server runs as the `postgres` system user (PostgreSQL refuses root), owning the directory. Fails, never
 * skips, when the binaries are missing: CI installs Debian's postgresql package.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const initdb = join(POSTGRES_BIN_DIR, 'initdb');
  const postgres = join(POSTGRES_BIN_DIR, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) {
    throw new Error(
      `PostgreSQL 15 server binaries not found in ${POSTGRES_BIN_DIR} (initdb, postgres). Install them ` +
        '(Debian: apt-get install postgresql-15) or point AGENTWORLD_POSTGRES_BIN at their folder; the store ' +
        'tests need a real PostgreSQL and do not skip.',
    );
  }
  const account = serverAccount();
  const dataDir = mkdtempSync(join(tmpdir(), 'agentworld-pg-'));
  if (account !== undefined) chownSync(dataDir, account.uid, account.gid);
  const init = spawnSync(
    initdb,
    [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    { ...(account ?? {}), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
  );
  if (init.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.signal}): ${init.stderr}${init.stdout}`);
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  let log = '';
  let databases = 0;

  const onExit = (): void => {
    // The test process is ending without destroy(): take the server down with it (immediate shutdown).
    if (child?.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', onExit);

  async function start(): Promise<void> {
    log = '';
    const started = spawn(
      postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { ...(account ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
    child = started;
    const keepTail = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-8000);
    };
    started.stdout?.on('data', keepTail);
    started.stderr?.on('data', keepTail);
    started.unref();
    (started.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (started.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    await waitUntilAccepting(url, started, () => log);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // Held while we wait, so the test process stays alive until the server is down.
    running.ref();
    running.kill('SIGINT');
    await exited;
    running.unref();
  }

  await start();
  return {
    url,
    port,
    async createDatabase() {
      databases += 1;
      const name = `aw_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
    async restart() {
      await stop();
      await start();
    },
    async destroy() {
      await stop();
      process.off('exit', onExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` system account when we are root (the server refuses to run as root), else none. */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch (error) {
    throw new Error(
      `Running as root, PostgreSQL needs the 'postgres' system user, which is missing (${(error as Error).message}).`,
    );
  }
}

/** Polls until the server accepts a connection; fails with its log when it exits first (hang guard: 60 s). */
async function waitUntilAccepting(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL exited while starting (${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL did not accept connections within 60 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
