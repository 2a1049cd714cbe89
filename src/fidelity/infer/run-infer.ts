import pLimit from 'p-limit';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError, isAgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { RejectedRow, SelectOptions } from '../rows/index.js';
import { manifestDifferences, manifestPath, pinManifest, readManifest } from '../run/manifest.js';
import { ResultLog, readResultLog } from '../run/result-log.js';
import { type BenchRow, type InferLine, InferLineSchema, type JudgeFreeMetrics } from '../schemas.js';
import { answerRow, type RetryPolicy, RowFailure } from './answer-row.js';
import type { RowAnswerer } from './answerer.js';
import { answeredLine, failedLine } from './infer-line.js';
import { type PlannedInferRow, planInferRun } from './plan-infer.js';
import { createRowProgress } from './progress.js';

/** Requests in flight by default: enough to keep a vLLM/SGLang server busy (it batches them), few enough to queue there, not time out. */
export const DEFAULT_INFER_CONCURRENCY = 64;

export const INFER_LINE_LOG_FORMAT = {
  schema: InferLineSchema,
  key: (line: InferLine) => line.key,
  noun: 'bench infer line',
};

export interface InferRunOptions extends CallOptions {
  /** `--data` arguments: directories of `*_test.jsonl` or files. */
  readonly data: readonly string[];
  readonly out: string;
  readonly answerer: RowAnswerer;
  readonly select: SelectOptions;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  /** Rows whose estimated prompt is longer are failed with the reason, never sent. */
  readonly maxContextTokens?: number | undefined;
  readonly dryRun?: boolean;
  /** Show a progress bar on a TTY. */
  readonly progress?: boolean;
  readonly agentworldVersion: string;
  /** Judge-free metrics of each prediction, stored on its line. */
  readonly metrics?: (row: BenchRow, prediction: string) => JudgeFreeMetrics;
  /** Messages for people (warnings, rejected rows, notices), one line each. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

export interface InferSummary {
  readonly out: string;
  readonly dryRun: boolean;
  /** Rows selected by --domains/--limit/--shard. */
  readonly selected: number;
  readonly perDomain: Record<string, number>;
  /** Lines of the data that could not be used (reported and skipped). */
  readonly skipped: number;
  readonly rejected: readonly RejectedRow[];
  /** Rows already in the result file, not run again. */
  readonly resumed: number;
  /** Rows answered by this run. */
  readonly done: number;
  /** Rows of this run without a generation (context guard included). */
  readonly failed: number;
  /** Of `failed`: rows over --max-context-tokens. */
  readonly overContext: number;
  /** Of `failed`: rows the engine does not cover (UNSUPPORTED: another domain, a spec or action it refuses). */
  readonly unsupported: number;
  /** Rows this run would send (dry run) or sent. */
  readonly toRun: number;
  readonly estimatedPromptTokens: number;
  readonly notices: readonly string[];
  readonly wallMs: number;
}

/** A failed line whose failure may go away is run again on resume; others count as done. */
export function isFinal(line: InferLine): boolean {
  return !line.failed || line.error?.retryable === false;
}

export interface InferRowOptions extends CallOptions {
  readonly answerer: RowAnswerer;
  readonly retry: RetryPolicy;
  readonly maxContextTokens?: number | undefined;
  readonly metrics?: ((row: BenchRow, prediction: string) => JudgeFreeMetrics) | undefined;
  readonly now?: () => number;
}

/**
 * The line of one row, as `runInfer` writes it (the per-item step a queue worker runs too): answered, or failed
 * with the reason (over the context limit, retries spent, unsupported). Undefined when the signal fired (the
 * row is not written); throws what is no row's failure.
 */
export async function inferRowLine(
  entry: PlannedInferRow,
  options: InferRowOptions,
): Promise<InferLine | undefined> {
  const now = options.now ?? (() => performance.now());
  const rowStarted = now();
  const timing = (attempts: number) => ({
    latencyMs: Math.max(0, now() - rowStarted),
    attempts,
    finishedAt: new Date().toISOString(),
  });
  if (options.maxContextTokens !== undefined && entry.promptTokens > options.maxContextTokens) {
    return failedLine(
      entry.row,
      entry.key,
      {
        code: 'CONTEXT_TOO_LONG',
        message: `The prompt is about ${entry.promptTokens} tokens (estimated), over --max-context-tokens ${options.maxContextTokens}; not sent.`,
        retryable: false,
      },
      timing(1),
    );
  }
  try {
    const answered = await answerRow(options.answerer, entry.row, entry.messages, options.retry, options);
    return answeredLine(
      entry.row,
      entry.key,
      answered.generation,
      timing(answered.attempts),
      options.metrics,
    );
  } catch (error) {
    if (!(error instanceof RowFailure)) {
      if (isAgentWorldError(error, 'ABORTED')) return undefined;
      throw error;
    }
    return failedLine(
      entry.row,
      entry.key,
      { code: error.error.code, message: error.error.message, retryable: error.error.retryable },
      timing(error.attempts),
    );
  }
}

/**
 * `agentworld bench infer`: answers the selected rows with a bounded number of requests in flight, appending
 * each finished row to `out` at once (fsynced), so a killed run resumes where it stopped.
 */
export async function runInfer(options: InferRunOptions): Promise<InferSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const {
    rows: plan,
    manifest,
    ...selection
  } = await planInferRun({
    ...options,
    model: options.answerer.manifest,
    log,
  });
  const base = { out: options.out, dryRun: options.dryRun === true, ...selection };

  if (options.dryRun === true) {
    const existing = await readManifest(options.out);
    const differences = existing === undefined ? [] : manifestDifferences(existing, manifest);
    if (differences.length > 0) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `${options.out} was produced by a different run (${manifestPath(options.out)}); differences (existing ≠ this run): ${differences.join('; ')}`,
        { details: { differences } },
      );
    }

    const committed = new Map(
      (await readResultLog(options.out, INFER_LINE_LOG_FORMAT, options)).lines.map((line) => [
        line.key,
        line,
      ]),
    );
    const pending = plan.filter((entry) => {
      const line = committed.get(entry.key);
      return line === undefined || !isFinal(line);
    });
    const overContext =
      options.maxContextTokens === undefined
        ? 0
        : pending.filter((entry) => entry.promptTokens > (options.maxContextTokens as number)).length;
    return {
      ...base,
      resumed: plan.length - pending.length,
      done: 0,
      failed: 0,
      overContext,
      unsupported: 0,
      toRun: pending.length - overContext,
      estimatedPromptTokens: pending.reduce((sum, entry) => sum + entry.promptTokens, 0),
      notices: [],
      wallMs: now() - startedAt,
    };
  }

  const resultLog = await ResultLog.open(options.out, INFER_LINE_LOG_FORMAT, options);
  try {
    for (const warning of resultLog.warnings) log(warning);
    await pinManifest(options.out, manifest, resultLog.committed.size > 0);
    const pending = plan.filter((entry) => {
      const line = resultLog.get(entry.key);
      return line === undefined || !isFinal(line);
    });
    const counts = { ok: 0, failed: 0, overContext: 0, unsupported: 0 };
    let finished = 0;
    const progress = await createRowProgress('infer', pending.length, options.progress === true, now);
    const limit = pLimit(options.concurrency);
    const estimatedPromptTokens = pending.reduce((sum, entry) => sum + entry.promptTokens, 0);
    let firstFatal: unknown;

    const runOne = async (entry: (typeof pending)[number]): Promise<void> => {
      if (options.signal?.aborted === true || firstFatal !== undefined) return;
      let line: InferLine | undefined;
      try {
        line = await inferRowLine(entry, { ...options, now });
      } catch (error) {
        firstFatal ??= error;
        return;
      }
      // Aborted (Ctrl-C): the row is not written and runs on resume.
      if (line === undefined) return;
      if (line.error?.code === 'CONTEXT_TOO_LONG') counts.overContext += 1;
      else if (line.error?.code === 'UNSUPPORTED') counts.unsupported += 1;
      await resultLog.append(line);
      if (line.failed) counts.failed += 1;
      else counts.ok += 1;
      finished += 1;
      progress.update(finished, counts);
    };

    try {
      await Promise.all(pending.map((entry) => limit(() => runOne(entry))));
    } finally {
      progress.stop();
    }
    if (firstFatal !== undefined) throw toAgentWorldError(firstFatal);
    const notices = options.answerer.notices();
    for (const notice of notices) log(notice);
    return {
      ...base,
      resumed: plan.length - pending.length,
      done: counts.ok,
      failed: counts.failed,
      overContext: counts.overContext,
      unsupported: counts.unsupported,
      toRun: pending.length,
      estimatedPromptTokens,
      notices,
      wallMs: now() - startedAt,
    };
  } finally {
    await resultLog.close();
  }
}
