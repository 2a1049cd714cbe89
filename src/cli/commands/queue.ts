/**
 * `agentworld queue status <runId>` and `agentworld queue cancel <runId>`: a queued run's jobs (waiting, running,
 * delayed for a retry, failed with their reasons) and results, and removing its waiting jobs (running ones finish).
 */
import type { Command } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';

interface QueueFlags {
  readonly queue: string;
  readonly store?: string | undefined;
  readonly json?: boolean | undefined;
}

export function registerQueueCommand(program: Command): void {
  const queue = program
    .command('queue')
    .description("a queued run's progress, and cancelling it (see agentworld worker)");
  queue
    .command('status')
    .description("a run's jobs by state and its stored results")
    .argument('<runId>', 'the run id the enqueuing command printed')
    .requiredOption('--queue <url>', 'the Redis of the job queue, redis://host:port')
    .option('--store <path|url>', 'the store the workers write to (env AGENTWORLD_STORE)')
    .option('--json', 'print the status as JSON')
    .action(async (runId: string, flags: QueueFlags) => {
      process.exitCode = await runQueueStatus(runId, flags);
    });
  queue
    .command('cancel')
    .description("remove a run's waiting jobs (running ones finish)")
    .argument('<runId>', 'the run id the enqueuing command printed')
    .requiredOption('--queue <url>', 'the Redis of the job queue, redis://host:port')
    .option('--json', 'print the outcome as JSON')
    .action(async (runId: string, flags: QueueFlags) => {
      process.exitCode = await runQueueCancel(runId, flags);
    });
}

export async function runQueueStatus(runId: string, flags: QueueFlags): Promise<number> {
  try {
    const { RunQueue } = await import('../../queue/index.js');
    const { openStore, resolveStoreLocation } = await import('../../store/index.js');
    const queue = await RunQueue.open(flags.queue);
    const store = await openStore(resolveStoreLocation(flags.store));
    try {
      const counts = await queue.counts(runId);
      const results = await store.countItemResults(runId);
      const failed = await queue.failedJobs(runId);
      if (flags.json === true) console.log(JSON.stringify({ runId, results, ...counts, failedJobs: failed }));
      else {
        console.log(
          `${runId}: ${results} results stored; jobs waiting ${counts.waiting}, running ${counts.active}, waiting to retry ${counts.delayed}, failed ${counts.failed}`,
        );
        for (const job of failed) console.log(`  failed ${job.itemKeys.join(', ')}: ${job.reason}`);
      }
      return 0;
    } finally {
      await store.close();
      await queue.close();
    }
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}

export async function runQueueCancel(runId: string, flags: QueueFlags): Promise<number> {
  try {
    const { RunQueue } = await import('../../queue/index.js');
    const queue = await RunQueue.open(flags.queue);
    try {
      const removed = await queue.cancel(runId);
      const { active } = await queue.counts(runId);
      if (flags.json === true) console.log(JSON.stringify({ runId, removed, running: active }));
      else console.log(`${runId}: removed ${removed} waiting jobs; ${active} running jobs finish`);
      return 0;
    } finally {
      await queue.close();
    }
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
