/**
 * The reference's normalisation (spec §2.4): norm(x) = (x − 1) / 4 × 100 maps the 1–5 scale to 0–100, applied to
 * the mean over valid rows of the values that are ≠ 0. One deliberate difference: a column with no value ≠ 0
 * has no score (null) where the reference takes the empty mean as 0 and prints −25.00.
 */

import type { ScoredRow } from './rows.js';
import { SCORE_COLUMNS, type ScoreColumn, type ScoreTable, type ScoreValue } from './schema.js';

export function normalise(mean: number): number {
  return ((mean - 1) / 4) * 100;
}

/** Sums and counts of the values ≠ 0 of one column. */
export interface ColumnSums {
  sum: number;
  count: number;
}

export type TableSums = Record<ScoreColumn, ColumnSums>;

export function emptySums(): TableSums {
  return Object.fromEntries(SCORE_COLUMNS.map((column) => [column, { sum: 0, count: 0 }])) as TableSums;
}

export function addRow(sums: TableSums, row: ScoredRow): void {
  if (!row.valid || row.values === undefined) return;
  for (const column of SCORE_COLUMNS) {
    const value = row.values[column];
    if (value === 0) continue;
    sums[column].sum += value;
    sums[column].count += 1;
  }
}

export function addSums(into: TableSums, from: TableSums): void {
  for (const column of SCORE_COLUMNS) {
    into[column].sum += from[column].sum;
    into[column].count += from[column].count;
  }
}

export function columnValue(sums: ColumnSums): ScoreValue {
  if (sums.count === 0) return { score: null, mean: null, count: 0 };
  const mean = sums.sum / sums.count;
  return { score: normalise(mean), mean, count: sums.count };
}

export function tableOf(sums: TableSums): ScoreTable {
  return Object.fromEntries(SCORE_COLUMNS.map((column) => [column, columnValue(sums[column])])) as ScoreTable;
}

/** The mean of the domains' scores per column (the published table's Overall), null where none has one. */
export function macroTable(tables: readonly ScoreTable[]): ScoreTable {
  return Object.fromEntries(
    SCORE_COLUMNS.map((column) => {
      const scores = tables
        .map((table) => table[column].score)
        .filter((score): score is number => score !== null);
      const means = tables.map((table) => table[column].mean).filter((mean): mean is number => mean !== null);
      const count = tables.reduce((sum, table) => sum + table[column].count, 0);
      const value: ScoreValue =
        scores.length === 0
          ? { score: null, mean: null, count }
          : {
              score: scores.reduce((sum, score) => sum + score, 0) / scores.length,
              mean: means.reduce((sum, mean) => sum + mean, 0) / means.length,
              count,
            };
      return [column, value];
    }),
  ) as ScoreTable;
}
