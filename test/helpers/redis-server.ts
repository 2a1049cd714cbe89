/**
 * A private Redis for tests: `redis-server` on a free loopback port with its append-only file in a temporary
 * folder, so `restart()` (a clean stop, then a start on the same port and folder) keeps every queued job.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface TestRedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the server and removes its folder. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server cleanly (the append-only file is flushed) and starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops the server, keeping its folder (the queue comes back with `start()`). */
  halt(): Promise<void>;
  /** Starts a halted server again. */
  start(): Promise<void>;
}

/** The redis-server binary: AGENTWORLD_REDIS_SERVER, else `redis-server` on PATH. */
export function redisServerBinary(): string {
  return process.env.AGENTWORLD_REDIS_SERVER ?? 'redis-server';
}

function requireRedisServer(binary: string): void {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `redis-server is needed by the queue tests and was not found (${binary}: ${probe.error?.message ?? probe.stderr}). Install it (Debian: apt-get install redis-server) or point AGENTWORLD_REDIS_SERVER at it.`,
    );
  }
}

function waitForReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`redis-server on port ${port} exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

/**
 * Spawns `redis-server` on loopback `port` with its append-only file in `directory`, no RDB snapshots. `ready`
 * settles once it accepts connections (rejects when it exits first); its output is drained from then on.
 */
export function spawnRedisServer(options: {
  readonly binary?: string;
  readonly port: number;
  readonly directory: string;
  readonly appendfsync: 'always' | 'everysec';
}): { readonly child: ChildProcess; readonly ready: Promise<void> } {
  const child = spawn(
    options.binary ?? redisServerBinary(),
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendfsync,
      '--dir',
      options.directory,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr?.resume();
  const ready = waitForReady(child, options.port).then(() => {
    child.stdout?.resume();
  });
  return { child, ready };
}

export async function startTestRedis(): Promise<TestRedisServer> {
  const binary = redisServerBinary();
  requireRedisServer(binary);
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child !== undefined) return;
    const started = spawnRedisServer({ binary, port, directory, appendfsync: 'always' });
    child = started.child;
    await started.ready;
  };

  const halt = async (): Promise<void> => {
    const running = child;
    if (running === undefined) return;
    child = undefined;
    if (running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    halt,
    restart: async () => {
      await halt();
      await start();
    },
    stop: async () => {
      await halt();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
