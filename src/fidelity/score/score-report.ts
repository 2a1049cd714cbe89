/**
 * Builds the score report from scored lines (pure): per domain and dimension, both Overall figures, bootstrap
 * intervals, turn positions and turn indices, judge-free columns, and notes on every departure from the
 * reference's printout.
 */
import { DOMAIN_IDS } from '../../core/world-spec.js';
import type { InferLine, JudgedLine, RunManifest } from '../schemas.js';
import { type BootstrapOptions, bootstrapIntervals, type ColumnIntervals } from './bootstrap.js';
import { summariseJudgeFree } from './judge-free.js';
import { addRow, emptySums, macroTable, tableOf } from './normalise.js';
import { type ScoredRow, scoredRow } from './rows.js';
import {
  type DomainScore,
  type GroupScore,
  SCORE_COLUMNS,
  SCORE_REPORT_FORMAT,
  type ScoreReport,
  type ScoreTable,
} from './schema.js';

export interface ScoreInput {
  readonly sources: readonly string[];
  /** The latest line of each key. */
  readonly lines: ReadonlyArray<InferLine | JudgedLine>;
  readonly manifests: readonly RunManifest[];
  readonly skipped: number;
  readonly duplicates: number;
}

export interface ScoreOptions {
  /** null: no intervals. */
  readonly bootstrap: BootstrapOptions | null;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 1000, seed: 0, confidence: 0.95 };

function domainOrder(domains: Iterable<string>): string[] {
  const known = DOMAIN_IDS as readonly string[];
  const present = new Set(domains);
  return [
    ...known.filter((domain) => present.has(domain)),
    ...[...present].filter((domain) => !known.includes(domain)).sort(),
  ];
}

function groupScore(rows: readonly ScoredRow[], judged: boolean): GroupScore {
  const sums = emptySums();
  for (const row of rows) addRow(sums, row);
  const valid = rows.filter((row) => row.valid).length;
  return {
    rows: rows.length,
    valid,
    failed: rows.length - valid,
    judge: judged ? tableOf(sums) : null,
    judgeFree: summariseJudgeFree(rows),
  };
}

function withIntervals(table: ScoreTable | null, intervals: ColumnIntervals | undefined): ScoreTable | null {
  if (table === null || intervals === undefined) return table;
  const result = { ...table };
  for (const column of SCORE_COLUMNS) {
    const interval = intervals[column];
    if (interval !== undefined && table[column].score !== null)
      result[column] = { ...table[column], ci: interval };
  }
  return result;
}

function groupBy<K>(rows: readonly ScoredRow[], key: (row: ScoredRow) => K): Map<K, ScoredRow[]> {
  const groups = new Map<K, ScoredRow[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group === undefined) groups.set(key(row), [row]);
    else group.push(row);
  }
  return groups;
}

function notesOf(report: Omit<ScoreReport, 'notes'>): string[] {
  const notes: string[] = [];
  if (!report.judged)
    notes.push('Not judged (an infer file): the judge columns are empty; judge-free columns only.');
  else {
    notes.push(
      'Overall (macro) is the mean of the domain scores: the Overall of the published table. Overall (micro) weights every valid row equally: what the reference eval.py score prints.',
    );
    const empty = report.domains.filter((domain) =>
      SCORE_COLUMNS.some((column) => domain.valid > 0 && domain.judge?.[column].score === null),
    );
    if (empty.length > 0)
      notes.push(
        `A column without any score ≠ 0 shows no value (${empty.map((domain) => domain.domain).join(', ')}); the reference prints −25.00 there.`,
      );
  }
  if (report.rows.failed > 0) {
    const coverage = (report.rows.valid / Math.max(1, report.rows.total)) * 100;
    notes.push(
      `${report.rows.failed} failed rows are excluded from every mean, as the reference does (valid ${coverage.toFixed(1)} % of rows); a model that fails on hard rows scores higher.`,
    );
  }
  if (report.rows.skipped > 0)
    notes.push(`${report.rows.skipped} lines were neither infer nor judged lines and were skipped.`);
  if (report.rows.duplicates > 0)
    notes.push(
      `${report.rows.duplicates} keys appeared in more than one file; the later file's line was scored.`,
    );
  return notes;
}

export function buildScoreReport(input: ScoreInput, options: ScoreOptions): ScoreReport {
  const judged = input.lines.some((line) => line.format === 'agentworld.bench.judged');
  const rows = input.lines.map((line) => scoredRow(line, judged));
  const byDomain = groupBy(rows, (row) => row.domain);
  const order = domainOrder(byDomain.keys());
  const ordered = new Map(order.map((domain) => [domain, byDomain.get(domain) ?? []]));
  const intervals =
    judged && options.bootstrap !== null ? bootstrapIntervals(ordered, options.bootstrap) : undefined;

  const domains: DomainScore[] = order.map((domain) => {
    const domainRows = ordered.get(domain) ?? [];
    const group = groupScore(domainRows, judged);
    return {
      domain,
      trajectories: new Set(domainRows.map((row) => row.trajectory)).size,
      ...group,
      judge: withIntervals(group.judge, intervals?.domains.get(domain)),
    };
  });
  const all = groupScore(rows, judged);
  const scoredTables = domains
    .filter((domain) => domain.judge !== null && domain.judge.total.score !== null)
    .map((domain) => ({ domain: domain.domain, table: domain.judge as ScoreTable }));
  const macro =
    judged && scoredTables.length > 0 ? macroTable(scoredTables.map((entry) => entry.table)) : null;
  const positions = groupBy(rows, (row) => row.position);
  const indices = groupBy(rows, (row) => row.turnIdx);
  const failures: Record<string, number> = {};
  for (const row of rows)
    if (row.failure !== undefined) failures[row.failure] = (failures[row.failure] ?? 0) + 1;

  const report: Omit<ScoreReport, 'notes'> = {
    format: SCORE_REPORT_FORMAT,
    version: 1,
    sources: [...input.sources],
    judged,
    manifests: [...input.manifests],
    rows: {
      total: rows.length,
      valid: all.valid,
      failed: all.failed,
      skipped: input.skipped,
      duplicates: input.duplicates,
    },
    failures,
    bootstrap:
      intervals === undefined || options.bootstrap === null
        ? null
        : { ...options.bootstrap, unit: 'trajectory' },
    domains,
    overall: {
      micro: withIntervals(all.judge, intervals?.micro),
      macro: withIntervals(macro, intervals?.macro),
      macroDomains: scoredTables.map((entry) => entry.domain),
      judgeFree: all.judgeFree,
    },
    byTurnPosition: {
      first: groupScore(positions.get('first') ?? [], judged),
      middle: groupScore(positions.get('middle') ?? [], judged),
      last: groupScore(positions.get('last') ?? [], judged),
    },
    byTurnIndex: [...indices.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([turnIdx, group]) => ({ turnIdx, ...groupScore(group, judged) })),
  };
  return { ...report, notes: notesOf(report) };
}
