/**
 * An `agentworld worker` process (the real CLI under tsx, `--concurrency 1`: one item at a time) on the
 * benchmark's Redis and PostgreSQL. Started when it has said it takes jobs; stopped with SIGTERM (running jobs
 * finish), after which the counts of its last line are read: jobs done, found already done, failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onCleanup, trackChild } from './cleanup.js';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface WorkerCounts {
  readonly done: number;
  readonly already: number;
  readonly failed: number;
}

export interface WorkerProcess {
  readonly pid: number;
  /** SIGTERM, then its final counts (fails when it exits otherwise). Idempotent. */
  stop(): Promise<WorkerCounts>;
}

/** The environment of a worker: this one's, without AGENTWORLD_* settings, with a fresh AGENTWORLD_HOME. */
function workerEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AGENTWORLD_') && !name.startsWith('NODE_TEST')) env[name] = value;
  }
  return { ...env, AGENTWORLD_HOME: home, NO_COLOR: '1' };
}

export async function startWorker(queueUrl: string, storeUrl: string): Promise<WorkerProcess> {
  const home = mkdtempSync(join(tmpdir(), 'agentworld-scale-worker-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'worker',
      '--queue',
      queueUrl,
      '--store',
      storeUrl,
      '--concurrency',
      '1',
    ],
    { cwd: REPO_ROOT, env: workerEnvironment(home), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  trackChild(child);
  let output = '';
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const ready = new Promise<void>((resolveReady, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('taking jobs from')) resolveReady();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before taking jobs:\n${output}`)));
  });
  let counts: Promise<WorkerCounts> | undefined;
  const stopOnce = (): Promise<WorkerCounts> => {
    counts ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(home, { recursive: true, force: true });
      const last = /stopped: (\d+) jobs done, (\d+) found already done, (\d+) failed/.exec(output);
      if (code !== 0 || last === null) throw new Error(`worker ${child.pid} ended with ${code}:\n${output}`);
      return { done: Number(last[1]), already: Number(last[2]), failed: Number(last[3]) };
    })();
    return counts;
  };
  const unregister = onCleanup(`worker ${child.pid}`, async () => {
    await stopOnce().catch(() => undefined);
  });
  try {
    await ready;
  } catch (error) {
    await unregister();
    throw error;
  }
  return {
    pid: child.pid as number,
    stop: async () => {
      const result = await stopOnce();
      await unregister();
      return result;
    },
  };
}
