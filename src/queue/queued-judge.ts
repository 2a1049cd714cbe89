/**
 * `agentworld bench judge --queue`: the same selection, manifest and resume as the in-process run, each row still
 * to judge a job for `agentworld worker`; followed with the same progress bar, then the judged lines appended to
 * --out in row order when every row has a result or failed.
 */
import { resolve } from 'node:path';
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { createRowProgress } from '../fidelity/infer/index.js';
import {
  DEFAULT_JUDGE_BACKOFF,
  isCurrentJudgedLine,
  JUDGED_LINE_LOG_FORMAT,
  type JudgePromptSet,
  type JudgeSummary,
} from '../fidelity/judge/index.js';
import { readPredictions } from '../fidelity/judge/read-predictions.js';
import { selectRows } from '../fidelity/rows/index.js';
import { pinManifest, readManifest, rowsHash } from '../fidelity/run/manifest.js';
import { ResultLog } from '../fidelity/run/result-log.js';
import {
  BenchRowSchema,
  type InferLine,
  type JudgedLine,
  JudgedLineSchema,
  MANIFEST_FORMAT,
  type RunManifest,
} from '../fidelity/schemas.js';
import type { ItemResultStore } from '../store/item-results.js';
import { followRun } from './follow-run.js';
import { itemKeyOf, runIdOf } from './job-ids.js';
import type { BenchJudgeJob } from './job-schemas.js';
import type { FailedJob, RunQueue } from './run-queue.js';

export interface QueuedJudgeOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly predictions: string;
  readonly out: string;
  readonly judge: BenchJudgeJob['judge'];
  /** The judge client's manifest entry (what the in-process run pins). */
  readonly judgeManifest: {
    readonly name: string;
    readonly baseUrl: string;
    readonly parameters: Record<string, unknown>;
  };
  readonly prompts: JudgePromptSet;
  readonly maxAttempts: number;
  readonly domains?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  readonly progress?: boolean;
  readonly agentworldVersion: string;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  readonly onRunId?: (runId: string) => void;
  readonly pollMs?: number | undefined;
}

export interface QueuedJudgeSummary extends JudgeSummary {
  readonly runId: string;
  readonly failedJobs: readonly FailedJob[];
}

function datasetRow(line: InferLine): unknown {
  return Object.fromEntries(
    Object.keys(BenchRowSchema.shape).map((field) => [field, line[field as keyof InferLine]]),
  );
}

function judgedOf(value: unknown, itemKey: string): JudgedLine {
  const parsed = JudgedLineSchema.safeParse(value);
  if (!parsed.success)
    throw new AgentWorldError('STORE_ERROR', `The stored result of ${itemKey} is not a bench judge line.`);
  return parsed.data;
}

export async function runQueuedJudge(options: QueuedJudgeOptions): Promise<QueuedJudgeSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const predictions = await readPredictions(options.predictions, options);
  for (const warning of predictions.warnings) log(warning);
  const selected = selectRows(
    predictions.lines.map((line) => ({ key: line.key, row: line })),
    { domains: options.domains, limit: options.limit },
  ).map((entry) => entry.row);
  const perDomain: Record<string, number> = {};
  for (const line of selected) perDomain[line.task] = (perDomain[line.task] ?? 0) + 1;
  const inferManifest = await readManifest(options.predictions);
  if (inferManifest === undefined)
    log(`${options.predictions} has no manifest; the judged file pins its rows' contents instead`);
  const manifest: RunManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    stage: 'judge',
    agentworldVersion: options.agentworldVersion,
    createdAt: new Date().toISOString(),
    data: inferManifest?.data ?? {
      sources: [options.predictions],
      rowsHash: rowsHash(predictions.lines.map((line) => datasetRow(line) as InferLine)),
    },
    model: inferManifest?.model ?? { engine: 'unknown', name: 'unknown', parameters: {} },
    judge: {
      ...options.judgeManifest,
      promptHashes: { ...options.prompts.hashes },
      promptSource: options.prompts.source,
    },
  };

  const resultLog = await ResultLog.open(options.out, JUDGED_LINE_LOG_FORMAT, options);
  try {
    for (const warning of resultLog.warnings) log(warning);
    await pinManifest(options.out, manifest, resultLog.committed.size > 0);
    const { createdAt: _createdAt, ...identity } = manifest;
    const runId = runIdOf('judge', { out: resolve(options.out), identity, judge: options.judge });
    options.onRunId?.(runId);
    const pending = selected.flatMap((line, position) => {
      const judged = resultLog.get(line.key);
      if (judged !== undefined && isCurrentJudgedLine(judged, line)) return [];
      const replaces =
        judged === undefined
          ? undefined
          : `${judged.finishedAt}|${judged.judgeError?.code ?? ''}|${line.gen}`;
      return [{ line, position, itemKey: itemKeyOf(line.key, replaces) }];
    });
    await options.queue.enqueue(
      runId,
      pending.map(({ line, position, itemKey }) => ({
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
      options,
    );
    log(`bench judge: ${pending.length} rows queued as run ${runId}`);
    const progress = await createRowProgress('judge', pending.length, options.progress === true, now);
    let followed: Awaited<ReturnType<typeof followRun>>;
    try {
      followed = await followRun({
        queue: options.queue,
        store: options.store,
        runId,
        itemKeys: pending.map((item) => item.itemKey),
        onProgress: (state) => progress.update(state.done, { ok: state.done, failed: state.failed }),
        log,
        pollMs: options.pollMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } finally {
      progress.stop();
    }
    const counts = { ok: 0, failed: 0 };
    const reasons = { noGeneration: 0, unparseable: 0, unreachable: 0 };
    for (const { itemKey } of pending) {
      const result = followed.results.get(itemKey);
      if (result === undefined) continue;
      const judged = judgedOf(result.value, itemKey);
      await resultLog.append(judged);
      if (judged.failed) {
        counts.failed += 1;
        if (judged.judgeError?.code === 'NO_GENERATION') reasons.noGeneration += 1;
        else if (judged.judgeError?.code === 'MODEL_OUTPUT_INVALID') reasons.unparseable += 1;
        else if (judged.judgeError !== undefined && judged.judgeError.code !== 'INVALID_REQUEST')
          reasons.unreachable += 1;
      } else counts.ok += 1;
    }
    for (const job of followed.failed)
      log(`job ${job.jobId} (${job.itemKeys.join(', ')}) failed: ${job.reason}`);
    return {
      out: options.out,
      selected: selected.length,
      perDomain,
      resumed: selected.length - pending.length,
      judged: counts.ok,
      failed: counts.failed,
      ...reasons,
      notices: [],
      wallMs: now() - startedAt,
      runId,
      failedJobs: followed.failed,
    };
  } finally {
    await resultLog.close();
  }
}
