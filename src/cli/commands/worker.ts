/**
 * `agentworld worker --queue redis://… --store <path|postgres://…> [--concurrency N]`: takes queued jobs of every
 * kind (bench infer and judge rows, rollout groups) and writes each item's result to the store once. SIGTERM or
 * SIGINT stops it gracefully (running jobs finish); a second signal releases them to other workers at once.
 */
import type { Command } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';
import { wholeNumber } from './rollout-options.js';

const WORKER_HELP = `
Run one or more on every machine that should share the work; all of them use the same --queue (Redis) and
--store (PostgreSQL for several machines; a SQLite file only for workers on one machine). A job carries what it
needs (the row or task, the engine settings); API keys come from each worker's environment
(AGENTWORLD_API_KEY, AGENTWORLD_JUDGE_API_KEY, AGENTWORLD_POLICY_API_KEY). A worker killed mid-job loses
nothing: its job is delivered again after --lock-ms, and an item that already has a result is not run twice.
When Redis is down the worker says so (QUEUE_UNAVAILABLE) and keeps reconnecting.
Examples:
  agentworld worker --queue redis://queue-host:6379 --store postgres://aw@db-host/agentworld --concurrency 8
  AGENTWORLD_STORE=postgres://aw@db-host/agentworld agentworld worker --queue redis://queue-host:6379`;

export interface WorkerFlags {
  readonly queue?: string | undefined;
  readonly store?: string | undefined;
  readonly concurrency: number;
  readonly lockMs: number;
  readonly stalledCheckMs?: number | undefined;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take queued jobs (bench rows, rollout episodes) from Redis and store their results')
    .option('--queue <url>', 'the Redis of the job queue, redis://host:port (env AGENTWORLD_QUEUE)')
    .option('--store <path|url>', 'where results go: a SQLite file or postgres://… (env AGENTWORLD_STORE)')
    .option('--concurrency <n>', 'jobs this process runs at once', wholeNumber(1), 4)
    .option(
      '--lock-ms <ms>',
      "how long a job's lock lasts unrenewed: a killed worker's job runs again after about this long",
      wholeNumber(1000),
      30_000,
    )
    .option(
      '--stalled-check-ms <ms>',
      'how often jobs of dead workers are looked for (default: --lock-ms)',
      wholeNumber(500),
    )
    .addHelpText('after', WORKER_HELP)
    .action(async (flags: WorkerFlags) => {
      process.exitCode = await runWorker(flags);
    });
}

/** Opens the store, waiting with backoff while it is unavailable (a database still starting); `stop` gives up. */
async function openStoreWhenUp<T>(
  open: () => Promise<T>,
  log: (line: string) => void,
  stop: AbortSignal,
): Promise<T> {
  const { isAgentWorldError } = await import('../../core/errors.js');
  const { sleep } = await import('../../core/abort.js');
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!isAgentWorldError(error) || !error.retryable) throw error;
      if (attempt === 0) log(`${error.code}: ${error.message} Retrying…`);
      await sleep(Math.min(500 * 2 ** attempt, 10_000), stop);
    }
  }
}

export async function runWorker(flags: WorkerFlags): Promise<number> {
  try {
    const { openStore, resolveStoreLocation } = await import('../../store/index.js');
    const { requireQueueUrl, redactQueueUrl, startQueueWorker } = await import('../../queue/index.js');
    const queue = flags.queue ?? process.env.AGENTWORLD_QUEUE;
    if (queue === undefined || queue === '') {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        'agentworld worker needs --queue redis://host:port (or AGENTWORLD_QUEUE).',
      );
    }
    requireQueueUrl(queue);
    const log = (line: string): void => {
      process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    };
    // One pair of signal handlers for the worker's whole life (none is removed and added again, so no signal
    // can find the process without one): while the store is awaited a signal gives up; once jobs run, the first
    // lets them finish and a second releases them to other workers.
    const stop = new AbortController();
    let signals = 0;
    let onStop: ((force: boolean, signal: NodeJS.Signals) => void) | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals += 1;
      stop.abort(new Error('interrupted'));
      onStop?.(signals > 1, signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const store = await openStoreWhenUp(() => openStore(resolveStoreLocation(flags.store)), log, stop.signal);
    const worker = startQueueWorker({
      queueUrl: queue,
      store,
      concurrency: flags.concurrency,
      lockDurationMs: flags.lockMs,
      stalledIntervalMs: flags.stalledCheckMs ?? flags.lockMs,
      log,
    });
    log(
      `worker ${process.pid} taking jobs from ${redactQueueUrl(queue)} into ${store.location} (concurrency ${flags.concurrency})`,
    );
    await new Promise<void>((resolve) => {
      onStop = (force, signal) => {
        log(
          force
            ? `${signal}: releasing running jobs to other workers`
            : `${signal}: finishing running jobs (send it again to release them)`,
        );
        void worker.close({ force }).then(resolve, resolve);
      };
      // A signal that came while the worker was starting.
      if (signals > 0) onStop(signals > 1, 'SIGTERM');
    });
    await store.close();
    const { done, already, failed } = worker.counts;
    log(`worker ${process.pid} stopped: ${done} jobs done, ${already} found already done, ${failed} failed`);
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
