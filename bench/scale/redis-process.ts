/**
 * A private Redis for the benchmark: `redis-server` (test/helpers/redis-server.ts) on a free loopback port with
 * its append-only file (fsync every second, Redis's default for durable queues) in a temporary folder, removed
 * when it stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/helpers/free-port.js';
import { spawnRedisServer } from '../../test/helpers/redis-server.js';
import { onCleanup, trackChild } from './cleanup.js';

export interface RedisProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-scale-redis-'));
  const port = await freePort();
  const { child, ready } = spawnRedisServer({ port, directory, appendfsync: 'everysec' });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup('redis-server', async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  });
  await ready.catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid as number, stop };
}
