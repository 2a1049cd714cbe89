import { toAgentWorldError } from '../core/errors.js';
import {
  createRowProgress,
  INFER_LINE_LOG_FORMAT,
  type InferSummary,
  isFinalInferLine,
  planInferRun,
  type RowAnswerer,
} from '../fidelity/infer/index.js';
import type { SelectOptions } from '../fidelity/rows/index.js';
import { type InferLine, InferLineSchema } from '../fidelity/schemas.js';
import { itemKeyOf } from './job-ids.js';
import type { BenchInferJob, InferEngineSettings } from './job-schemas.js';
import {
  appendFollowedResults,
  enqueueAndFollow,
  logFailedJobs,
  openQueuedOutput,
  type QueuedBenchOptions,
  type QueuedRunOutcome,
  storedLine,
} from './queued-run.js';

export interface QueuedInferOptions extends QueuedBenchOptions {
  readonly data: readonly string[];
  readonly engine: InferEngineSettings;
  /** The answerer's manifest entry (what the in-process run pins). */
  readonly model: RowAnswerer['manifest'];
  readonly select: SelectOptions;
  readonly retry: BenchInferJob['retry'];
  readonly maxContextTokens?: number | undefined;
}

export interface QueuedInferSummary extends InferSummary, QueuedRunOutcome {}

/** A job's result as the line it is (a result that is not one is a store or worker fault). */
function lineOf(value: unknown, itemKey: string): InferLine {
  return storedLine(InferLineSchema, 'a bench infer line', value, itemKey);
}

export async function runQueuedInfer(options: QueuedInferOptions): Promise<QueuedInferSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const { rows: plan, manifest, ...selection } = await planInferRun({ ...options, log });

  const { resultLog, runId } = await openQueuedOutput(
    'infer',
    INFER_LINE_LOG_FORMAT,
    manifest,
    { engine: options.engine },
    { ...options, log },
  ).catch((error: unknown) => {
    throw toAgentWorldError(error);
  });
  try {
    const pending = plan.flatMap((entry, position) => {
      const line = resultLog.get(entry.key);
      if (line !== undefined && isFinalInferLine(line)) return [];
      // A retryable failure written earlier runs again under a key of its own.
      const replaces = line === undefined ? undefined : `${line.finishedAt}|${line.error?.code ?? ''}`;
      return [{ entry, position, itemKey: itemKeyOf(entry.key, replaces) }];
    });
    const itemKeys = pending.map((item) => item.itemKey);
    const followed = await enqueueAndFollow({
      ...options,
      runId,
      jobs: pending.map(({ entry, position, itemKey }) => ({
        itemKey,
        payload: {
          kind: 'bench-infer',
          runId,
          itemKey,
          position,
          key: entry.key,
          row: entry.row,
          engine: options.engine,
          retry: options.retry,
          ...(options.maxContextTokens === undefined ? {} : { maxContextTokens: options.maxContextTokens }),
        },
      })),
      itemKeys,
      queuedMessage: `bench infer: ${pending.length} rows queued as run ${runId}`,
      startProgress: async () => {
        const progress = await createRowProgress('infer', pending.length, options.progress === true, now);
        return {
          onProgress: (state) => progress.update(state.done, { ok: state.done, failed: state.failed }),
          stop: () => progress.stop(),
        };
      },
      log,
    });

    const counts = { ok: 0, failed: 0, overContext: 0, unsupported: 0 };
    await appendFollowedResults(followed, itemKeys, lineOf, async (line) => {
      await resultLog.append(line);
      if (line.failed) counts.failed += 1;
      else counts.ok += 1;
      if (line.error?.code === 'CONTEXT_TOO_LONG') counts.overContext += 1;
      else if (line.error?.code === 'UNSUPPORTED') counts.unsupported += 1;
    });
    logFailedJobs(followed.failed, log);
    return {
      out: options.out,
      dryRun: false,
      ...selection,
      resumed: plan.length - pending.length,
      done: counts.ok,
      failed: counts.failed,
      overContext: counts.overContext,
      unsupported: counts.unsupported,
      toRun: pending.length,
      estimatedPromptTokens: pending.reduce((sum, item) => sum + item.entry.promptTokens, 0),
      notices: [],
      wallMs: now() - startedAt,
      runId,
      failedJobs: followed.failed,
    };
  } catch (error) {
    throw toAgentWorldError(error);
  } finally {
    await resultLog.close();
  }
}
