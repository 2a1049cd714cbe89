/** A `bench judge` row as a job: the same per-row step as the in-process run, its judged line stored once. */
import { AgentWorldError } from '../core/errors.js';
import { DEFAULT_JUDGE_BACKOFF, type JudgePromptSet, judgeLine } from '../fidelity/judge/index.js';
import { type ItemOutcome, retryWhileAttemptsLeft, runItemOnce } from './item-once.js';
import type { JobContext } from './job-context.js';
import type { BenchJudgeJob } from './job-schemas.js';

function promptsOf(job: BenchJudgeJob): JudgePromptSet {
  return {
    source: job.prompts.source,
    userTemplate: job.prompts.userTemplate,
    hashes: job.prompts.hashes,
    systemPrompt: (domain) => (domain === job.line.task ? job.prompts.systemPrompt : ''),
  };
}

export async function runBenchJudgeJob(job: BenchJudgeJob, context: JobContext): Promise<ItemOutcome> {
  return await runItemOnce(
    context.store,
    { runId: job.runId, itemKey: job.itemKey, kind: 'bench-judge', position: job.position },
    async () => {
      const client = await context.resources.judge(job.judge);
      const judged = await judgeLine(job.line, {
        client,
        prompts: promptsOf(job),
        maxAttempts: job.maxAttempts,
        backoff: job.backoff ?? DEFAULT_JUDGE_BACKOFF,
        signal: context.signal,
      });
      if (context.signal.aborted) throw new AgentWorldError('ABORTED', 'The worker stopped during the row.');
      retryWhileAttemptsLeft(judged.judgeError, judged.judgeError?.retryable === true, context.lastAttempt);
      return judged;
    },
    { signal: context.signal, writtenBy: context.writtenBy },
  );
}
