/**
 * `agentworld bench judge`: judges an infer file's rows with a bounded number of requests in flight, appending
 * each judged row to `out` at once (fsynced), so a killed run resumes where it stopped. The judge (model,
 * parameters, prompt hashes) is pinned in `out`'s manifest beside the infer run's model and data, and a run
 * judged differently is refused with the difference named.
 */
import pLimit from 'p-limit';
import type { CallOptions } from '../../core/abort.js';
import { isAgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { BackoffPolicy } from '../../engines/lwm/retry.js';
import { createRowProgress } from '../infer/progress.js';
import { selectRows } from '../rows/select.js';
import { pinManifest } from '../run/manifest.js';
import { ResultLog } from '../run/result-log.js';
import { type InferLine, type JudgedLine, JudgedLineSchema } from '../schemas.js';
import type { JudgeClient } from './client.js';
import { judgeLine } from './judge-line.js';
import {
  emptyJudgeTally,
  type JudgeSummary,
  judgeSummary,
  planJudgeRun,
  tallyJudgedLine,
} from './plan-judge.js';

import type { JudgePromptSet } from './prompt-set.js';
import { readPredictions } from './read-predictions.js';

export const DEFAULT_JUDGE_CONCURRENCY = 16;
export const DEFAULT_JUDGE_BACKOFF: BackoffPolicy = {
  retryBaseMs: 2_000,
  retryMaxMs: 60_000,
  retryAfterMaxMs: 120_000,
};

export const JUDGED_LINE_LOG_FORMAT = {
  schema: JudgedLineSchema,
  key: (line: JudgedLine) => line.key,
  noun: 'bench judge line',
};

export interface JudgeRunOptions extends CallOptions {
  /** The infer file (`bench infer --out`), or the reference eval.py's `predictions.jsonl`. */
  readonly predictions: string;
  readonly out: string;
  readonly client: JudgeClient;
  readonly prompts: JudgePromptSet;
  readonly concurrency: number;
  /** The reference's --max-retries: judge replies per row before it fails as unparseable (default 3). */
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly domains?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  readonly progress?: boolean;
  readonly agentworldVersion: string;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/** The domains the rows of a predictions file hold (after --domains/--limit), for loading the prompts they need. */
export async function predictionDomains(
  predictions: string,
  select: { readonly domains?: readonly string[] | undefined; readonly limit?: number | undefined },
  options: CallOptions = {},
): Promise<string[]> {
  const { lines } = await readPredictions(predictions, options);
  const selected = selectRows(
    lines.map((line) => ({ key: line.key, row: line })),
    select,
  );
  return [...new Set(selected.map((entry) => entry.row.task))];
}

/** A judged line is final unless its judge was unreachable (retryable) or its infer line changed since. */
export function isCurrent(judged: JudgedLine, line: InferLine): boolean {
  if (judged.judgeError?.retryable === true) return false;
  return judged.finishedAt === line.finishedAt && judged.gen === line.gen;
}

export async function runJudge(options: JudgeRunOptions): Promise<JudgeSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const log = options.log ?? (() => undefined);
  const { selected, perDomain, manifest } = await planJudgeRun({
    ...options,
    judgeManifest: options.client.manifest,
    log,
  });

  const resultLog = await ResultLog.open(options.out, JUDGED_LINE_LOG_FORMAT, options);
  try {
    for (const warning of resultLog.warnings) log(warning);
    await pinManifest(options.out, manifest, resultLog.committed.size > 0);
    const pending = selected.filter((line) => {
      const judged = resultLog.get(line.key);
      return judged === undefined || !isCurrent(judged, line);
    });
    const tally = emptyJudgeTally();
    let finished = 0;
    const progress = await createRowProgress('judge', pending.length, options.progress === true, now);
    const limit = pLimit(options.concurrency);
    let firstFatal: unknown;

    const judgeOne = async (line: InferLine): Promise<void> => {
      if (options.signal?.aborted === true || firstFatal !== undefined) return;
      let judged: JudgedLine;
      try {
        judged = await judgeLine(line, {
          client: options.client,
          prompts: options.prompts,
          maxAttempts: options.maxAttempts,
          backoff: options.backoff ?? DEFAULT_JUDGE_BACKOFF,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
      } catch (error) {
        // Aborted (Ctrl-C): the row is not written and is judged on resume.
        if (isAgentWorldError(error, 'ABORTED')) return;
        firstFatal ??= error;
        return;
      }
      await resultLog.append(judged);
      tallyJudgedLine(tally, judged);
      finished += 1;
      progress.update(finished, tally.counts);
    };

    try {
      await Promise.all(pending.map((line) => limit(() => judgeOne(line))));
    } finally {
      progress.stop();
    }
    if (firstFatal !== undefined) throw toAgentWorldError(firstFatal);
    const notices = options.client.notices();
    for (const notice of notices) log(notice);
    return judgeSummary(options.out, { selected, perDomain }, pending.length, tally, {
      notices,
      wallMs: now() - startedAt,
    });
  } finally {
    await resultLog.close();
  }
}
