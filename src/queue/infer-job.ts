/** A `bench infer` row as a job: the same per-row step as the in-process run, its line stored once. */
import { AgentWorldError } from '../core/errors.js';
import { inferRowLine, planInferRow } from '../fidelity/infer/index.js';
import { judgeFreeMetrics } from '../fidelity/metrics/index.js';
import { type ItemOutcome, retryWhileAttemptsLeft, runItemOnce } from './item-once.js';
import type { JobContext } from './job-context.js';
import type { BenchInferJob } from './job-schemas.js';

export async function runBenchInferJob(job: BenchInferJob, context: JobContext): Promise<ItemOutcome> {
  const options = { signal: context.signal, writtenBy: context.writtenBy };
  return await runItemOnce(
    context.store,
    { runId: job.runId, itemKey: job.itemKey, kind: 'bench-infer', position: job.position },
    async () => {
      const answerer = await context.resources.answerer(job.engine);
      const line = await inferRowLine(planInferRow(job.key, job.row), {
        answerer,
        retry: job.retry,
        maxContextTokens: job.maxContextTokens,
        metrics: judgeFreeMetrics,
        signal: context.signal,
      });
      if (line === undefined) throw new AgentWorldError('ABORTED', 'The worker stopped during the row.');
      retryWhileAttemptsLeft(line.error, line.error?.retryable === true, context.lastAttempt);
      return line;
    },
    options,
  );
}
