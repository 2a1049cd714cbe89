/**
 * The numbers a report page shows: `bench score`'s report of the lines (the reference's valid-row rule and
 * normalisation, micro and macro Overall, bootstrap intervals, judge-free columns; metrics computed for lines
 * that lack them), drift by turn index per domain, and the worst rows.
 */
import { cleanObservation, judgeFreeMetrics } from '../metrics/index.js';
import type { JudgeFreeMetrics, JudgeScores, RunManifest } from '../schemas.js';
import {
  type BootstrapOptions,
  buildScoreReport,
  DEFAULT_BOOTSTRAP,
  normalise,
  type ScoreReport,
  scoredRow,
} from '../score/index.js';
import type { JudgeFreeSummary, ScoreTable } from '../score/schema.js';
import type { PredictionLine } from './read-inputs.js';

export interface DriftPoint {
  readonly turnIdx: number;
  /** 0–100: the judge's total when judged, else the edit similarity × 100. */
  readonly value: number;
  /** Rows behind the value. */
  readonly rows: number;
}

export interface DomainSummary {
  readonly domain: string;
  readonly rows: number;
  readonly valid: number;
  readonly failed: number;
  readonly judge: ScoreTable | null;
  readonly judgeFree: JudgeFreeSummary;
  readonly drift: DriftPoint[];
}

export interface WorstRow {
  readonly key: string;
  readonly task: string;
  readonly turnIdx: number;
  readonly totalTurns: number;
  /** The judge's total, normalised 0–100 (absent when unjudged). */
  readonly score?: number;
  readonly editSimilarity?: number;
  readonly truth: string;
  readonly prediction: string;
  readonly weaknesses: readonly string[];
  readonly scores?: JudgeScores;
}

export interface ReportNumbers {
  /** Whether any row carries the judge's scores. */
  readonly judged: boolean;
  readonly rows: { readonly total: number; readonly valid: number; readonly failed: number };
  readonly domains: DomainSummary[];
  readonly overall: ScoreReport['overall'];
  /** `bench score`'s notes on departures from the reference's printout. */
  readonly notes: readonly string[];
  readonly bootstrap: ScoreReport['bootstrap'];
  /** What the drift curves plot. */
  readonly driftMetric: 'judge total' | 'edit similarity';
  readonly worst: WorstRow[];
}

function isJudged(
  line: PredictionLine,
): line is Extract<PredictionLine, { format: 'agentworld.bench.judged' }> {
  return line.format === 'agentworld.bench.judged';
}

function judgeOf(line: PredictionLine) {
  return isJudged(line) ? line.judge : undefined;
}

/** A line with its judge-free metrics: its own, else computed now (never for a failed generation). */
function withMetrics(line: PredictionLine): PredictionLine {
  if (line.metrics !== undefined) return line;
  if (line.error !== undefined || line.prediction.trim() === '' || (line.failed && !isJudged(line)))
    return line;
  try {
    return { ...line, metrics: judgeFreeMetrics(line, line.prediction) };
  } catch {
    return line;
  }
}

export interface AggregateOptions {
  /** Worst rows shown (default 10). */
  readonly worst?: number | undefined;
  /** Bootstrap of the judge scores' confidence intervals (default: bench score's; null: none). */
  readonly bootstrap?: BootstrapOptions | null | undefined;
  readonly sources?: readonly string[] | undefined;
  readonly manifests?: readonly RunManifest[] | undefined;
  readonly skipped?: number | undefined;
  readonly duplicates?: number | undefined;
}

/** Drift of one domain: `bench score`'s scores by turn index over that domain's rows. */
function driftOf(lines: readonly PredictionLine[], judged: boolean): DriftPoint[] {
  const byTurn = buildScoreReport(
    { sources: [], lines, manifests: [], skipped: 0, duplicates: 0 },
    { bootstrap: null },
  ).byTurnIndex;
  return byTurn.flatMap((group) => {
    if (judged) {
      const total = group.judge?.total;
      return total?.score === null || total?.score === undefined
        ? []
        : [{ turnIdx: group.turnIdx, value: total.score, rows: total.count }];
    }
    const similarity = group.judgeFree.editSimilarity;
    return similarity === null
      ? []
      : [{ turnIdx: group.turnIdx, value: similarity * 100, rows: group.judgeFree.rows }];
  });
}

/** The numbers of the page: `bench score`'s report of the lines (metrics filled in), drift per domain, worst rows. */
export function aggregate(lines: readonly PredictionLine[], options: AggregateOptions = {}): ReportNumbers {
  const filled = lines.map(withMetrics);
  const score = buildScoreReport(
    {
      sources: options.sources ?? [],
      lines: filled,
      manifests: options.manifests ?? [],
      skipped: options.skipped ?? 0,
      duplicates: options.duplicates ?? 0,
    },
    { bootstrap: options.bootstrap === undefined ? DEFAULT_BOOTSTRAP : options.bootstrap },
  );
  const judged = score.judged;
  const domains: DomainSummary[] = score.domains.map((domain) => ({
    domain: domain.domain,
    rows: domain.rows,
    valid: domain.valid,
    failed: domain.failed,
    judge: domain.judge,
    judgeFree: domain.judgeFree,
    drift: driftOf(
      filled.filter((line) => line.task === domain.domain),
      judged,
    ),
  }));
  const valid = filled.filter((line) => scoredRow(line, judged).valid);
  return {
    judged,
    rows: { total: score.rows.total, valid: score.rows.valid, failed: score.rows.failed },
    domains,
    overall: score.overall,
    notes: score.notes,
    bootstrap: score.bootstrap,
    driftMetric: judged ? 'judge total' : 'edit similarity',
    worst: worstRows(filled, valid, judged, options.worst ?? 10),
  };
}

function worstRows(
  lines: readonly PredictionLine[],
  valid: readonly PredictionLine[],
  judged: boolean,
  count: number,
): WorstRow[] {
  const metricsFor = (line: PredictionLine): JudgeFreeMetrics | undefined => line.metrics;
  const ranked = judged
    ? valid
        .filter((line) => (judgeOf(line)?.totalScore ?? 0) > 0)
        .map((line) => ({ line, rank: judgeOf(line)?.totalScore ?? 0 }))
    : lines.flatMap((line) => {
        const metrics = metricsFor(line);
        return metrics === undefined ? [] : [{ line, rank: metrics.editSimilarity }];
      });
  ranked.sort((a, b) => a.rank - b.rank || a.line.key.localeCompare(b.line.key));
  return ranked.slice(0, count).map(({ line }) => {
    const judge = judgeOf(line);
    const metrics = metricsFor(line);
    return {
      key: line.key,
      task: line.task,
      turnIdx: line.turn_idx,
      totalTurns: line.total_turns,
      ...(judge === undefined ? {} : { score: normalise(judge.totalScore), scores: judge.scores }),
      ...(metrics === undefined ? {} : { editSimilarity: metrics.editSimilarity }),
      truth: cleanObservation(line.response[line.turn_idx - 1] ?? ''),
      prediction: cleanObservation(line.prediction),
      weaknesses: judge?.weaknesses ?? [],
    };
  });
}
