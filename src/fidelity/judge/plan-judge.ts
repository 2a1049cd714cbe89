/**
 * What a judge run judges and pins, shared by the in-process run (`runJudge`) and the queued one: the predictions
 * read and selected (--domains/--limit), the rows per domain, and the manifest `out` is pinned to. Also the tally
 * of judged lines both runs report.
 */
import type { CallOptions } from '../../core/abort.js';
import { selectRows } from '../rows/select.js';
import { readManifest, rowsHash } from '../run/manifest.js';
import {
  BenchRowSchema,
  type InferLine,
  type JudgedLine,
  MANIFEST_FORMAT,
  type RunManifest,
} from '../schemas.js';
import type { JudgePromptSet } from './prompt-set.js';
import { readPredictions } from './read-predictions.js';

export interface JudgePlanOptions extends CallOptions {
  /** The infer file (`bench infer --out`), or the reference eval.py's `predictions.jsonl`. */
  readonly predictions: string;
  /** The judge client's manifest entry (model, base URL, parameters). */
  readonly judgeManifest: {
    readonly name: string;
    readonly baseUrl: string;
    readonly parameters: Record<string, unknown>;
  };
  readonly prompts: JudgePromptSet;
  readonly domains?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  readonly agentworldVersion: string;
  readonly log: (line: string) => void;
}

export interface JudgePlan {
  /** The selected infer lines, in row order. */
  readonly selected: readonly InferLine[];
  readonly perDomain: Record<string, number>;
  readonly manifest: RunManifest;
}

export interface JudgeSummary {
  readonly out: string;
  readonly selected: number;
  readonly perDomain: Record<string, number>;
  /** Rows already judged in `out`, not judged again. */
  readonly resumed: number;
  /** Rows judged by this run with a parsed verdict. */
  readonly judged: number;
  /** Rows of this run failed: no generation, unparseable judge, judge unreachable. */
  readonly failed: number;
  readonly noGeneration: number;
  readonly unparseable: number;
  /** Rows whose judge could not be reached or refused the request (judged again on resume when retryable). */
  readonly unreachable: number;
  readonly notices: readonly string[];
  readonly wallMs: number;
}

/** How the judged lines of a run came out (the counts a `JudgeSummary` reports). */
export interface JudgeTally {
  readonly counts: { ok: number; failed: number };
  readonly reasons: { noGeneration: number; unparseable: number; unreachable: number };
}

function datasetRow(line: InferLine): unknown {
  return Object.fromEntries(
    Object.keys(BenchRowSchema.shape).map((field) => [field, line[field as keyof InferLine]]),
  );
}

export async function planJudgeRun(options: JudgePlanOptions): Promise<JudgePlan> {
  const { log } = options;
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
  return { selected, perDomain, manifest };
}

export function emptyJudgeTally(): JudgeTally {
  return { counts: { ok: 0, failed: 0 }, reasons: { noGeneration: 0, unparseable: 0, unreachable: 0 } };
}

/** Counts one judged line: judged, or failed with its reason (no generation, unparseable, unreachable). */
export function tallyJudgedLine(tally: JudgeTally, judged: JudgedLine): void {
  const { counts, reasons } = tally;
  if (!judged.failed) {
    counts.ok += 1;
    return;
  }
  counts.failed += 1;
  if (judged.judgeError?.code === 'NO_GENERATION') reasons.noGeneration += 1;
  else if (judged.judgeError?.code === 'MODEL_OUTPUT_INVALID') reasons.unparseable += 1;
  else if (judged.judgeError !== undefined && judged.judgeError.code !== 'INVALID_REQUEST')
    reasons.unreachable += 1;
}

/** The summary of a judge run: what its plan selected, how many rows it left to judge, how they came out. */
export function judgeSummary(
  out: string,
  plan: Pick<JudgePlan, 'selected' | 'perDomain'>,
  pending: number,
  tally: JudgeTally,
  rest: Pick<JudgeSummary, 'notices' | 'wallMs'>,
): JudgeSummary {
  return {
    out,
    selected: plan.selected.length,
    perDomain: plan.perDomain,
    resumed: plan.selected.length - pending,
    judged: tally.counts.ok,
    failed: tally.counts.failed,
    ...tally.reasons,
    notices: rest.notices,
    wallMs: rest.wallMs,
  };
}
