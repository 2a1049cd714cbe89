/**
 * What the queue tests share: bench rows on disk, a scripted model server that answers each row by its id, and
 * `agentworld worker` processes (the real CLI under tsx) that can be stopped or killed with SIGKILL.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { InferLine } from '../../src/fidelity/schemas.js';
import { type QueuedInferSummary, type RunQueue, runQueuedInfer } from '../../src/queue/index.js';
import type { ItemResultStore } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { cliEnvironment, REPO_ROOT, temporaryFolder } from '../cli/run-cli.js';
import { rowIdOf } from '../helpers/bench-rows.js';
import { type PostgresServer, startPostgresServer } from '../helpers/postgres-server.js';
import { startTestRedis, type TestRedisServer } from '../helpers/redis-server.js';

export { benchRow, rowIdOf, writeBenchRows as writeRows } from '../helpers/bench-rows.js';

export function readLines(path: string): InferLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as InferLine);
}

/** A line without what differs between two runs of the same rows (timing). */
export function comparable(line: InferLine): Record<string, unknown> {
  const { latencyMs: _latency, finishedAt: _finished, ...rest } = line;
  return rest;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  output(): string;
  /** Resolves with its exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

export function spawnWorker(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): WorkerProcess {
  const home = temporaryFolder('worker-home');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', ...args], {
    cwd: REPO_ROOT,
    env: cliEnvironment(env, home.path),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      home.remove();
      resolve(code);
    });
  });
  return { child, output: () => stderr, exited };
}

export function scratchFolder(prefix: string): { path: string; file(name: string): string; remove(): void } {
  const folder = temporaryFolder(prefix);
  return { path: folder.path, file: (name) => join(folder.path, name), remove: folder.remove };
}

/** Polls an async check until it returns a value other than undefined; gives up after a generous hang guard. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The engine settings of a job that asks the scripted model server at `baseUrl`. */
export function lwmEngine(baseUrl: string) {
  return {
    engine: 'lwm',
    baseUrl,
    model: 'm',
    maxTokens: 512,
    tokenField: 'max_tokens',
    logprobs: false,
    timeoutMs: 60_000,
  } as const;
}

/** No retries of a row, short backoffs. */
export const FAST_RETRY = {
  maxRetries: 0,
  timeoutMs: 60_000,
  retryBaseMs: 10,
  retryMaxMs: 10,
  retryAfterMaxMs: 10,
} as const;

/** What every queued infer run of these tests passes besides its queue, store, data and --out. */
export function queuedInferSettings(baseUrl: string) {
  return {
    engine: lwmEngine(baseUrl),
    model: { engine: 'lwm', name: 'm', parameters: {} },
    select: {},
    retry: FAST_RETRY,
    agentworldVersion: 'test',
  } as const;
}

/** A model server that answers each row with `screen <row id>`, slowly enough that runs are caught mid-way. */
export function startScreenModelServer(): Promise<ScriptedModelServer> {
  return startScriptedModelServer({
    acceptAnyModel: true,
    latencyMs: 150,
    script: (request) => `screen ${rowIdOf(request.messages)}`,
  });
}

/** A queued infer run of `rows` rows, started and not awaited; `runId()` is its id once known ('' before). */
export function startQueuedInfer(options: {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly data: string;
  readonly out: string;
  readonly modelUrl: string;
}): { readonly run: Promise<QueuedInferSummary>; runId(): string } {
  let runId = '';
  const run = runQueuedInfer({
    queue: options.queue,
    store: options.store,
    data: [options.data],
    out: options.out,
    ...queuedInferSettings(options.modelUrl),
    pollMs: 100,
    onRunId: (id) => {
      runId = id;
    },
  });
  return { run, runId: () => runId };
}

/** Stops a worker process with SIGTERM and asserts it exited cleanly. */
export async function stopWorkerGracefully(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGTERM');
  assert.equal(await worker.exited, 0, worker.output());
}

/**
 * Workers started as processes (`agentworld worker --queue … --store …`) with short locks, so a killed one's jobs
 * are soon delivered again; `stopAll` kills those still running and waits for them.
 */
export class WorkerProcesses {
  readonly #workers: WorkerProcess[] = [];

  constructor(private readonly queueUrl: () => string) {}

  start(store: string, concurrency = 2): WorkerProcess {
    const worker = spawnWorker([
      '--queue',
      this.queueUrl(),
      '--store',
      store,
      '--concurrency',
      String(concurrency),
      '--lock-ms',
      '2000',
      '--stalled-check-ms',
      '1000',
    ]);
    this.#workers.push(worker);
    return worker;
  }

  async stopAll(): Promise<void> {
    for (const worker of this.#workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(this.#workers.map((worker) => worker.exited));
  }
}

/** What a worker-process test file shares: a scratch folder, Redis, the screen model server, its workers. */
export interface QueueWorkerSetup {
  readonly scratch: ReturnType<typeof scratchFolder>;
  readonly workers: WorkerProcesses;
  /** Started in `before`. */
  readonly redis: TestRedisServer;
  /** Started in `before`. */
  readonly server: ScriptedModelServer;
  /** Started in `before` when asked for (`{ postgres: true }`). */
  readonly postgres: PostgresServer;
}

/**
 * Registers the file's `before` (Redis, PostgreSQL when asked for, the screen model server) and `after` (workers
 * killed, servers stopped, scratch folder removed); the servers are read from the result once `before` has run.
 */
export function setUpQueueWorkers(
  prefix: string,
  options: { readonly postgres?: boolean } = {},
): QueueWorkerSetup {
  const scratch = scratchFolder(prefix);
  let redis: TestRedisServer | undefined;
  let postgres: PostgresServer | undefined;
  let server: ScriptedModelServer | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is not started (before has not run or was not asked for)`);
    return value;
  };
  const workers = new WorkerProcesses(() => started(redis, 'redis').url);
  before(async () => {
    redis = await startTestRedis();
    if (options.postgres === true) postgres = await startPostgresServer();
    server = await startScreenModelServer();
  });
  after(async () => {
    await workers.stopAll();
    await server?.close();
    await postgres?.destroy();
    await redis?.stop();
    scratch.remove();
  });
  return {
    scratch,
    workers,
    get redis() {
      return started(redis, 'redis');
    },
    get server() {
      return started(server, 'the model server');
    },
    get postgres() {
      return started(postgres, 'postgres');
    },
  };
}
