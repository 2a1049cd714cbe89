/**
 * `agentworld bench infer --queue`: the same selection, manifest and resume as the in-process run, but each row
 * still to run is a job for `agentworld worker`. It follows the run (a progress bar as the in-process run) and,
 * when every row has a result or failed, appends the rows' lines to --out in item order: the file an in-process
 * run writes, line for line.
 */
import { resolve } from 'node:path';
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError, toAgentWorldError } from '../core/errors.js';
import {
  createRowProgress,
  INFER_LINE_LOG_FORMAT,
  type InferSummary,
  isFinalInferLine,
  planInferRow,
  type RowAnswerer,
} from '../fidelity/infer/index.js';
import { loadRows, type SelectOptions, selectRows } from '../fidelity/rows/index.js';
import { pinManifest, rowsHash } from '../fidelity/run/manifest.js';
import { ResultLog } from '../fidelity/run/result-log.js';
import { type InferLine, InferLineSchema, MANIFEST_FORMAT, type RunManifest } from '../fidelity/schemas.js';
import type { ItemResultStore } from '../store/item-results.js';
import { followRun } from './follow-run.js';
import { itemKeyOf, runIdOf } from './job-ids.js';
import type { BenchInferJob, InferEngineSettings } from './job-schemas.js';
import type { FailedJob, RunQueue } from './run-queue.js';

export interface QueuedInferOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly data: readonly string[];
  readonly out: string;
  readonly engine: InferEngineSettings;
  /** The answerer's manifest entry (what the in-process run pins). */
  readonly model: RowAnswerer['manifest'];
  readonly select: SelectOptions;
  readonly retry: BenchInferJob['retry'];
  readonly maxContextTokens?: number | undefined;
  readonly progress?: boolean;
  readonly agentworldVersion: string;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Hears the run's id as soon as it is known (before the jobs are added). */
  readonly onRunId?: (runId: string) => void;
  readonly pollMs?: number | undefined;
}

export interface QueuedInferSummary extends InferSummary {
  readonly runId: string;
  /** Jobs that failed for good (their rows are not written; running the command again retries them). */
  readonly failedJobs: readonly FailedJob[];
}

/** A job's result as the line it is (a result that is not one is a store or worker fault). */
function lineOf(value: unknown, itemKey: string): InferLine {
  const parsed = InferLineSchema.safeParse(value);
  if (!parsed.success)
    throw new AgentWorldError('STORE_ERROR', `The stored result of ${itemKey} is not a bench infer line.`);
  return parsed.data;
}

export async function runQueuedInfer(options: QueuedInferOptions): Promise<QueuedInferSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const loaded = await loadRows(options.data, options);
  for (const rejected of loaded.rejected) log(`skipped ${rejected.origin}: ${rejected.reason}`);
  const selected = selectRows(loaded.rows, options.select);
  const perDomain: Record<string, number> = {};
  for (const entry of selected) perDomain[entry.row.task] = (perDomain[entry.row.task] ?? 0) + 1;
  const manifest: RunManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    stage: 'infer',
    agentworldVersion: options.agentworldVersion,
    createdAt: new Date().toISOString(),
    data: { sources: [...options.data], rowsHash: rowsHash(loaded.rows.map((entry) => entry.row)) },
    model: { ...options.model },
  };
  const plan = selected.map((entry) => planInferRow(entry.key, entry.row));

  const resultLog = await ResultLog.open(options.out, INFER_LINE_LOG_FORMAT, options);
  try {
    for (const warning of resultLog.warnings) log(warning);
    await pinManifest(options.out, manifest, resultLog.committed.size > 0);
    const { createdAt: _createdAt, ...identity } = manifest;
    const runId = runIdOf('infer', { out: resolve(options.out), identity, engine: options.engine });
    options.onRunId?.(runId);
    const pending = plan.flatMap((entry, position) => {
      const line = resultLog.get(entry.key);
      if (line !== undefined && isFinalInferLine(line)) return [];
      // A retryable failure written earlier runs again under a key of its own.
      const replaces = line === undefined ? undefined : `${line.finishedAt}|${line.error?.code ?? ''}`;
      return [{ entry, position, itemKey: itemKeyOf(entry.key, replaces) }];
    });
    await options.queue.enqueue(
      runId,
      pending.map(({ entry, position, itemKey }) => ({
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
      options,
    );
    log(`bench infer: ${pending.length} rows queued as run ${runId}`);

    const progress = await createRowProgress('infer', pending.length, options.progress === true, now);
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

    const counts = { ok: 0, failed: 0, overContext: 0, unsupported: 0 };
    for (const { itemKey } of pending) {
      const result = followed.results.get(itemKey);
      if (result === undefined) continue;
      const line = lineOf(result.value, itemKey);
      await resultLog.append(line);
      if (line.failed) counts.failed += 1;
      else counts.ok += 1;
      if (line.error?.code === 'CONTEXT_TOO_LONG') counts.overContext += 1;
      else if (line.error?.code === 'UNSUPPORTED') counts.unsupported += 1;
    }
    for (const job of followed.failed)
      log(`job ${job.jobId} (${job.itemKeys.join(', ')}) failed: ${job.reason}`);
    return {
      out: options.out,
      dryRun: false,
      selected: selected.length,
      perDomain,
      skipped: loaded.rejected.length,
      rejected: loaded.rejected,
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
