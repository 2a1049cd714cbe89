/**
 * Bootstrap confidence intervals, resampled by trajectory (spec §5.8: rows of one trajectory are not
 * independent). Each resample draws, within every domain, as many trajectories as the domain has, with
 * replacement (seeded), and recomputes every domain's columns, the micro Overall and the macro Overall; the
 * interval is the percentile interval of those resamples.
 */
import { SeededRandom } from '../../data-generation/terminal/random.js';
import { addRow, addSums, emptySums, normalise, type TableSums } from './normalise.js';
import type { ScoredRow } from './rows.js';
import { type ConfidenceInterval, SCORE_COLUMNS, type ScoreColumn } from './schema.js';

export interface BootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  /** e.g. 0.95 */
  readonly confidence: number;
}

export type ColumnIntervals = Partial<Record<ScoreColumn, ConfidenceInterval>>;

export interface BootstrapIntervals {
  readonly domains: ReadonlyMap<string, ColumnIntervals>;
  readonly micro: ColumnIntervals;
  readonly macro: ColumnIntervals;
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

function intervalOf(samples: number[], confidence: number): ConfidenceInterval | undefined {
  const finite = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const tail = (1 - confidence) / 2;
  return { low: quantile(finite, tail), high: quantile(finite, 1 - tail) };
}

function trajectorySums(rows: readonly ScoredRow[]): TableSums[] {
  const byTrajectory = new Map<string, TableSums>();
  for (const row of rows) {
    let sums = byTrajectory.get(row.trajectory);
    if (sums === undefined) {
      sums = emptySums();
      byTrajectory.set(row.trajectory, sums);
    }
    addRow(sums, row);
  }
  return [...byTrajectory.values()];
}

function scoreOf(sums: TableSums, column: ScoreColumn): number {
  const { sum, count } = sums[column];
  return count === 0 ? Number.NaN : normalise(sum / count);
}

type Samples = Record<ScoreColumn, number[]>;

function emptySamples(): Samples {
  return Object.fromEntries(SCORE_COLUMNS.map((column) => [column, [] as number[]])) as Samples;
}

function intervals(samples: Samples, confidence: number): ColumnIntervals {
  const result: ColumnIntervals = {};
  for (const column of SCORE_COLUMNS) {
    const interval = intervalOf(samples[column], confidence);
    if (interval !== undefined) result[column] = interval;
  }
  return result;
}

export function bootstrapIntervals(
  rowsByDomain: ReadonlyMap<string, readonly ScoredRow[]>,
  options: BootstrapOptions,
): BootstrapIntervals {
  const random = new SeededRandom(`agentworld.bench.score:${options.seed}`);
  const domains = [...rowsByDomain.entries()].map(([domain, rows]) => ({
    domain,
    trajectories: trajectorySums(rows),
    samples: emptySamples(),
  }));
  const micro = emptySamples();
  const macro = emptySamples();
  for (let resample = 0; resample < options.resamples; resample++) {
    const total = emptySums();
    const domainSums: TableSums[] = [];
    for (const entry of domains) {
      const sums = emptySums();
      const count = entry.trajectories.length;
      for (let draw = 0; draw < count; draw++)
        addSums(sums, entry.trajectories[Math.floor(random.next() * count)] as TableSums);
      for (const column of SCORE_COLUMNS) entry.samples[column].push(scoreOf(sums, column));
      addSums(total, sums);
      domainSums.push(sums);
    }
    for (const column of SCORE_COLUMNS) {
      micro[column].push(scoreOf(total, column));
      const scores = domainSums.map((sums) => scoreOf(sums, column)).filter(Number.isFinite);
      macro[column].push(
        scores.length === 0 ? Number.NaN : scores.reduce((sum, score) => sum + score, 0) / scores.length,
      );
    }
  }
  return {
    domains: new Map(domains.map((entry) => [entry.domain, intervals(entry.samples, options.confidence)])),
    micro: intervals(micro, options.confidence),
    macro: intervals(macro, options.confidence),
  };
}
