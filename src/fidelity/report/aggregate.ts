/**
 * The numbers a report page shows, from the lines themselves: the judge's five dimensions and total per domain
 * with the reference's valid-row rule and normalisation (spec §2.4: failed rows out of every mean, zeros out of
 * each column's mean, norm(x) = (x − 1) / 4 × 100), micro and macro Overall, drift by turn index per domain, the
 * judge-free metrics per domain (computed for lines that lack them), and the worst rows.
 */
import { cleanObservation, judgeFreeMetrics } from '../metrics/index.js';
import { JUDGE_DIMENSIONS, type JudgeFreeMetrics, type JudgeScores } from '../schemas.js';
import { type JudgeFreeSummary, SCORE_COLUMNS, type ScoreTable, type ScoreValue } from '../score/schema.js';
import type { PredictionLine } from '../turing/read-predictions.js';
import { domainOrder } from '../turing/summarize.js';

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
  readonly overall: {
    readonly micro: ScoreTable | null;
    readonly macro: ScoreTable | null;
    readonly macroDomains: string[];
    readonly judgeFree: JudgeFreeSummary;
  };
  /** What the drift curves plot. */
  readonly driftMetric: 'judge total' | 'edit similarity';
  readonly worst: WorstRow[];
}

/** The reference's normalisation: 1 → 0, 5 → 100. */
export function normalise(mean: number): number {
  return ((mean - 1) / 4) * 100;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function scoreValue(values: readonly number[]): ScoreValue {
  const counted = values.filter((value) => value !== 0);
  const average = mean(counted);
  return { score: average === null ? null : normalise(average), mean: average, count: counted.length };
}

function isJudged(
  line: PredictionLine,
): line is Extract<PredictionLine, { format: 'agentworld.bench.judged' }> {
  return line.format === 'agentworld.bench.judged';
}

function judgeOf(line: PredictionLine) {
  return isJudged(line) ? line.judge : undefined;
}

/** Valid as the reference counts it: not failed, and judged when the file is a judged file. */
function isValid(line: PredictionLine, judged: boolean): boolean {
  return !line.failed && (!judged || judgeOf(line) !== undefined);
}

function scoreTable(lines: readonly PredictionLine[]): ScoreTable | null {
  const judges = lines.map(judgeOf).filter((judge) => judge !== undefined);
  if (judges.length === 0) return null;
  const table: Record<string, ScoreValue> = {};
  for (const dimension of JUDGE_DIMENSIONS)
    table[dimension] = scoreValue(judges.map((judge) => judge.scores[dimension]));
  table.total = scoreValue(judges.map((judge) => judge.totalScore));
  return table as ScoreTable;
}

function macroTable(tables: readonly ScoreTable[]): ScoreTable | null {
  if (tables.length === 0) return null;
  const table: Record<string, ScoreValue> = {};
  for (const column of SCORE_COLUMNS) {
    const scores = tables.map((entry) => entry[column].score).filter((score) => score !== null);
    const average = mean(scores);
    table[column] = {
      score: average,
      mean: average === null ? null : (average / 100) * 4 + 1,
      count: tables.reduce((sum, entry) => sum + entry[column].count, 0),
    };
  }
  return table as ScoreTable;
}

/** A line's judge-free metrics: its own, else computed now (never for a failed generation). */
function metricsOf(
  line: PredictionLine,
  cache: Map<string, JudgeFreeMetrics | undefined>,
): JudgeFreeMetrics | undefined {
  if (line.metrics !== undefined) return line.metrics;
  if (line.error !== undefined || (line.failed && !isJudged(line))) return undefined;
  if (cache.has(line.key)) return cache.get(line.key);
  let metrics: JudgeFreeMetrics | undefined;
  try {
    metrics = judgeFreeMetrics(line, line.prediction);
  } catch {
    metrics = undefined;
  }
  cache.set(line.key, metrics);
  return metrics;
}

function share(count: number, total: number): number | null {
  return total === 0 ? null : count / total;
}

function judgeFreeSummary(metrics: readonly JudgeFreeMetrics[]): JudgeFreeSummary {
  const checked = metrics.filter((entry) => entry.checks !== undefined);
  const checksRun = checked.reduce(
    (sum, entry) => sum + (entry.checks?.passed ?? 0) + (entry.checks?.failed.length ?? 0),
    0,
  );
  const checksPassed = checked.reduce((sum, entry) => sum + (entry.checks?.passed ?? 0), 0);
  const structural = metrics.flatMap((entry) => (entry.structural === undefined ? [] : [entry.structural]));
  const states = metrics.flatMap((entry) => (entry.stateChange === undefined ? [] : [entry.stateChange]));
  const changed = states.filter((state) => state.changed);
  const unchanged = states.filter((state) => !state.changed);
  return {
    rows: metrics.length,
    exactShare: share(metrics.filter((entry) => entry.exact).length, metrics.length),
    editSimilarity: mean(metrics.map((entry) => entry.editSimilarity)),
    checks: {
      rows: checked.length,
      rowPassRate: share(checked.filter((entry) => entry.checks?.failed.length === 0).length, checked.length),
      checkPassRate: share(checksPassed, checksRun),
    },
    structural: {
      rows: structural.length,
      mean: mean(structural.map((entry) => entry.score)),
      kinds: [...new Set(structural.map((entry) => entry.kind))].sort(),
    },
    stateChange: {
      changed: {
        rows: changed.length,
        accuracy: share(changed.filter((state) => state.correct).length, changed.length),
      },
      unchanged: {
        rows: unchanged.length,
        accuracy: share(unchanged.filter((state) => state.correct).length, unchanged.length),
      },
    },
  };
}

export interface AggregateOptions {
  /** Worst rows shown (default 10). */
  readonly worst?: number | undefined;
}

export function aggregate(lines: readonly PredictionLine[], options: AggregateOptions = {}): ReportNumbers {
  const judged = lines.some((line) => judgeOf(line) !== undefined);
  const cache = new Map<string, JudgeFreeMetrics | undefined>();
  const metricsFor = (line: PredictionLine) => metricsOf(line, cache);
  const valid = lines.filter((line) => isValid(line, judged));
  const allMetrics = (group: readonly PredictionLine[]) =>
    group.map(metricsFor).filter((metrics) => metrics !== undefined);

  const domains: DomainSummary[] = domainOrder(lines.map((line) => line.task)).map((domain) => {
    const rows = lines.filter((line) => line.task === domain);
    const domainValid = valid.filter((line) => line.task === domain);
    const turnIndices = [...new Set(rows.map((line) => line.turn_idx))].sort((a, b) => a - b);
    const drift: DriftPoint[] = [];
    for (const turnIdx of turnIndices) {
      const atTurn = domainValid.filter((line) => line.turn_idx === turnIdx);
      if (judged) {
        const total = scoreValue(atTurn.map((line) => judgeOf(line)?.totalScore ?? 0));
        if (total.score !== null) drift.push({ turnIdx, value: total.score, rows: total.count });
      } else {
        const similarities = allMetrics(atTurn).map((metrics) => metrics.editSimilarity);
        const average = mean(similarities);
        if (average !== null) drift.push({ turnIdx, value: average * 100, rows: similarities.length });
      }
    }
    return {
      domain,
      rows: rows.length,
      valid: domainValid.length,
      failed: rows.length - domainValid.length,
      judge: judged ? scoreTable(domainValid) : null,
      judgeFree: judgeFreeSummary(allMetrics(rows)),
      drift,
    };
  });

  const domainTables = domains.flatMap((entry) =>
    entry.judge !== null && entry.judge.total.score !== null ? [entry] : [],
  );
  const worst = worstRows(lines, valid, judged, metricsFor, options.worst ?? 10);
  return {
    judged,
    rows: { total: lines.length, valid: valid.length, failed: lines.length - valid.length },
    domains,
    overall: {
      micro: judged ? scoreTable(valid) : null,
      macro: judged ? macroTable(domainTables.map((entry) => entry.judge as ScoreTable)) : null,
      macroDomains: domainTables.map((entry) => entry.domain),
      judgeFree: judgeFreeSummary(allMetrics(lines)),
    },
    driftMetric: judged ? 'judge total' : 'edit similarity',
    worst,
  };
}

function worstRows(
  lines: readonly PredictionLine[],
  valid: readonly PredictionLine[],
  judged: boolean,
  metricsFor: (line: PredictionLine) => JudgeFreeMetrics | undefined,
  count: number,
): WorstRow[] {
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
