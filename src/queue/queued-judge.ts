import { createRowProgress } from '../fidelity/infer/index.js';
import {
  DEFAULT_JUDGE_BACKOFF,
  emptyJudgeTally,
  isCurrentJudgedLine,
  JUDGED_LINE_LOG_FORMAT,
  type JudgePlanOptions,
  type JudgePromptSet,
  type JudgeSummary,
  judgeSummary,
  planJudgeRun,
  tallyJudgedLine,
} from '../fidelity/judge/index.js';
import { type JudgedLine, JudgedLineSchema } from '../fidelity/schemas.js';
import { itemKeyOf } from './job-ids.js';
import type { BenchJudgeJob } from './job-schemas.js';
import {
  appendFollowedResults,
  enqueueAndFollow,
  logFailedJobs,
  openQueuedOutput,
  type QueuedBenchOptions,
  type QueuedRunOutcome,
  storedLine,
} from './queued-run.js';

export interface QueuedJudgeOptions extends QueuedBenchOptions {
  readonly predictions: string;
  readonly judge: BenchJudgeJob['judge'];
  /** The judge client's manifest entry (what the in-process run pins). */
  readonly judgeManifest: JudgePlanOptions['judgeManifest'];
  readonly prompts: JudgePromptSet;
  readonly maxAttempts: number;
  readonly domains?: readonly string[] | undefined;
  readonly limit?: number | undefined;
}

export interface QueuedJudgeSummary extends JudgeSummary, QueuedRunOutcome {}

function judgedOf(value: unknown, itemKey: string): JudgedLine {
  return storedLine(JudgedLineSchema, 'a bench judge line', value, itemKey);
}

export async function runQueuedJudge(options: QueuedJudgeOptions): Promise<QueuedJudgeSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const { selected, perDomain, manifest } = await planJudgeRun({ ...options, log });

  const { resultLog, runId } = await openQueuedOutput(
    'judge',
    JUDGED_LINE_LOG_FORMAT,
    manifest,
    { judge: options.judge },
    { ...options, log },
  );
  try {
    const pending = selected.flatMap((line, position) => {
      const judged = resultLog.get(line.key);
      if (judged !== undefined && isCurrentJudgedLine(judged, line)) return [];
      const replaces =
        judged === undefined
          ? undefined
          : `${judged.finishedAt}|${judged.judgeError?.code ?? ''}|${line.gen}`;
      return [{ line, position, itemKey: itemKeyOf(line.key, replaces) }];
    });
    const itemKeys = pending.map((item) => item.itemKey);
    const followed = await enqueueAndFollow({
      ...options,
      runId,
      jobs: pending.map(({ line, position, itemKey }) => ({
        itemKey,
        payload: {
          kind: 'bench-judge',
          runId,
          itemKey,
          position,
          line,
          judge: options.judge,
          prompts: {
            source: options.prompts.source,
            userTemplate: options.prompts.userTemplate,
            systemPrompt: options.prompts.systemPrompt(line.task),
            hashes: { ...options.prompts.hashes },
          },
          maxAttempts: options.maxAttempts,
          backoff: DEFAULT_JUDGE_BACKOFF,
        },
      })),
      itemKeys,
      queuedMessage: `bench judge: ${pending.length} rows queued as run ${runId}`,
      startProgress: async () => {
        const progress = await createRowProgress('judge', pending.length, options.progress === true, now);
        return {
          onProgress: (state) => progress.update(state.done, { ok: state.done, failed: state.failed }),
          stop: () => progress.stop(),
        };
      },
      log,
    });
    const tally = emptyJudgeTally();
    await appendFollowedResults(followed, itemKeys, judgedOf, async (judged) => {
      await resultLog.append(judged);
      tallyJudgedLine(tally, judged);
    });
    logFailedJobs(followed.failed, log);
    return {
      ...judgeSummary(options.out, { selected, perDomain }, pending.length, tally, {
        notices: [],
        wallMs: now() - startedAt,
      }),
      runId,
      failedJobs: followed.failed,
    };
  } finally {
    await resultLog.close();
  }
}
