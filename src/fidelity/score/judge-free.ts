/** The judge-free metric columns of a group of rows (spec: issue 16 item 4), beside the judge's scores. */
import type { ScoredRow } from './rows.js';
import type { JudgeFreeSummary } from './schema.js';

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function summariseJudgeFree(rows: readonly ScoredRow[]): JudgeFreeSummary {
  let withMetrics = 0;
  let exact = 0;
  let editSum = 0;
  const checks = { rows: 0, rowsPassed: 0, passed: 0, run: 0 };
  const structural = { rows: 0, sum: 0, kinds: new Set<string>() };
  const changed = { rows: 0, correct: 0 };
  const unchanged = { rows: 0, correct: 0 };
  for (const row of rows) {
    const metrics = row.metrics;
    if (metrics === undefined) continue;
    withMetrics += 1;
    if (metrics.exact) exact += 1;
    editSum += metrics.editSimilarity;
    if (metrics.checks !== undefined) {
      checks.rows += 1;
      if (metrics.checks.failed.length === 0) checks.rowsPassed += 1;
      checks.passed += metrics.checks.passed;
      checks.run += metrics.checks.passed + metrics.checks.failed.length;
    }
    if (metrics.structural !== undefined) {
      structural.rows += 1;
      structural.sum += metrics.structural.score;
      structural.kinds.add(metrics.structural.kind);
    }
    if (metrics.stateChange !== undefined) {
      const bucket = metrics.stateChange.changed ? changed : unchanged;
      bucket.rows += 1;
      if (metrics.stateChange.correct) bucket.correct += 1;
    }
  }
  return {
    rows: withMetrics,
    exactShare: share(exact, withMetrics),
    editSimilarity: share(editSum, withMetrics),
    checks: {
      rows: checks.rows,
      rowPassRate: share(checks.rowsPassed, checks.rows),
      checkPassRate: share(checks.passed, checks.run),
    },
    structural: {
      rows: structural.rows,
      mean: share(structural.sum, structural.rows),
      kinds: [...structural.kinds].sort(),
    },
    stateChange: {
      changed: { rows: changed.rows, accuracy: share(changed.correct, changed.rows) },
      unchanged: { rows: unchanged.rows, accuracy: share(unchanged.correct, unchanged.rows) },
    },
  };
}
