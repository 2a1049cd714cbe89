import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  INFER_LINE_FORMAT,
  type InferLine,
  JUDGED_LINE_FORMAT,
  type JudgedLine,
  type JudgeFreeMetrics,
  type JudgeScores,
  rowKey,
} from '../schemas.js';
import { formatScoreReport } from './format.js';
import { ScoreReportSchema } from './schema.js';
import { buildScoreReport, type ScoreInput } from './score-report.js';

interface LineSpec {
  readonly task: string;
  readonly id: number;
  readonly turn: number;
  readonly total?: number;
  readonly scores?: Partial<JudgeScores>;
  readonly failed?: 'NO_GENERATION' | 'MODEL_OUTPUT_INVALID';
  readonly metrics?: JudgeFreeMetrics;
}

function inferLine(spec: LineSpec): InferLine {
  const total = spec.total ?? 5;
  const row = {
    task: spec.task,
    id: spec.id,
    prompt: Array.from({ length: spec.turn }, (_, index) => `### Turn ${index + 1}`),
    response: Array.from({ length: spec.turn }, (_, index) => `**Environment Observation:**\n${index}`),
    current_prompt: `### Turn ${spec.turn}`,
    system_str: '',
    turn_idx: spec.turn,
    total_turns: total,
  };
  return {
    ...row,
    format: INFER_LINE_FORMAT,
    version: 1,
    key: rowKey(row),
    gen: spec.failed === 'NO_GENERATION' ? '' : 'x',
    prediction: 'x',
    failed: spec.failed === 'NO_GENERATION',
    ...(spec.metrics === undefined ? {} : { metrics: spec.metrics }),
    latencyMs: 1,
    attempts: 1,
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

function judgedLine(spec: LineSpec): JudgedLine {
  const base = { ...inferLine(spec), format: JUDGED_LINE_FORMAT } as const;
  if (spec.failed !== undefined)
    return {
      ...base,
      failed: true,
      judgeError: { code: spec.failed, message: spec.failed, retryable: false },
    };
  const scores: JudgeScores = {
    format: 0,
    factuality: 0,
    consistency: 0,
    realism: 0,
    quality: 0,
    ...spec.scores,
  };
  const given = Object.values(scores).filter((value) => value > 0);
  return {
    ...base,
    failed: false,
    judge: {
      scores,
      totalScore: given.length === 0 ? 0 : given.reduce((sum, value) => sum + value, 0) / given.length,
      strengths: [],
      weaknesses: [],
      raw: '',
      attempts: 1,
    },
  };
}

const ALL = (value: number): JudgeScores => ({
  format: value,
  factuality: value,
  consistency: value,
  realism: value,
  quality: value,
});

function input(lines: ReadonlyArray<InferLine | JudgedLine>): ScoreInput {
  return { sources: ['a.jsonl'], lines, manifests: [], skipped: 0, duplicates: 0 };
}

describe('buildScoreReport', () => {
  const lines = [
    judgedLine({ task: 'terminal', id: 1, turn: 1, scores: ALL(5) }),
    judgedLine({ task: 'terminal', id: 1, turn: 3, scores: ALL(3) }),
    judgedLine({ task: 'terminal', id: 2, turn: 5, scores: { ...ALL(1), quality: 0 } }),
    judgedLine({ task: 'terminal', id: 3, turn: 2, failed: 'NO_GENERATION' }),
    judgedLine({ task: 'mcp', id: 9, turn: 1, total: 1, scores: ALL(5) }),
    judgedLine({ task: 'mcp', id: 9, turn: 2, failed: 'MODEL_OUTPUT_INVALID' }),
  ];
  const report = buildScoreReport(input(lines), { bootstrap: { resamples: 200, seed: 7, confidence: 0.95 } });

  it('validates against the exported schema and orders domains as the dataset does', () => {
    ScoreReportSchema.parse(report);
    assert.deepEqual(
      report.domains.map((domain) => domain.domain),
      ['mcp', 'terminal'],
    );
  });

  it('excludes failed rows from every mean, counts them, and skips values of 0', () => {
    const terminal = report.domains.find((domain) => domain.domain === 'terminal');
    assert.ok(terminal?.judge);
    assert.equal(terminal.rows, 4);
    assert.equal(terminal.valid, 3);
    assert.equal(terminal.failed, 1);
    assert.equal(terminal.trajectories, 3);
    // format: (5 + 3 + 1) / 3 = 3 → 50; quality: (5 + 3) / 2 = 4 → 75 (the 0 does not count).
    assert.equal(terminal.judge.format.score, 50);
    assert.equal(terminal.judge.quality.score, 75);
    assert.equal(terminal.judge.quality.count, 2);
    assert.deepEqual(report.failures, { NO_GENERATION: 1, MODEL_OUTPUT_INVALID: 1 });
    assert.deepEqual(report.rows, { total: 6, valid: 4, failed: 2, skipped: 0, duplicates: 0 });
  });

  it('reports both Overalls: micro over rows, macro over domains', () => {
    // Row totals: terminal 5, 3, 1 (mean of its four 1s), mcp 5. Micro mean 3.5 → 62.5.
    assert.equal(report.overall.micro?.total.score, 62.5);
    // Domains: terminal mean 3 → 50, mcp 5 → 100; macro 75.
    assert.equal(report.overall.macro?.total.score, 75);
    assert.deepEqual(report.overall.macroDomains, ['mcp', 'terminal']);
  });

  it('gives seeded bootstrap intervals that hold the estimate and repeat with the seed', () => {
    const total = report.overall.micro?.total;
    assert.ok(total?.ci !== undefined && total.score !== null);
    assert.ok(total.ci.low <= total.score && total.score <= total.ci.high);
    const again = buildScoreReport(input(lines), {
      bootstrap: { resamples: 200, seed: 7, confidence: 0.95 },
    });
    assert.deepEqual(again.overall, report.overall);
    const other = buildScoreReport(input(lines), {
      bootstrap: { resamples: 200, seed: 8, confidence: 0.95 },
    });
    assert.notDeepEqual(other.overall.micro?.total.ci, total.ci);
    // mcp has one trajectory: every resample is the same, so its interval is a point.
    const mcp = report.domains.find((domain) => domain.domain === 'mcp')?.judge?.total.ci;
    assert.deepEqual(mcp, { low: 100, high: 100 });
  });

  it('splits by turn position (a one-turn trajectory counts as first) and by turn index', () => {
    assert.equal(report.byTurnPosition.first.rows, 2);
    assert.equal(report.byTurnPosition.first.judge?.total.score, 100);
    assert.equal(report.byTurnPosition.last.rows, 1);
    assert.equal(report.byTurnPosition.last.judge?.total.score, 0);
    assert.equal(report.byTurnPosition.middle.rows, 3);
    assert.deepEqual(
      report.byTurnIndex.map((group) => [group.turnIdx, group.rows]),
      [
        [1, 2],
        [2, 2],
        [3, 1],
        [5, 1],
      ],
    );
  });

  it('shows no score where a column has no value ≠ 0 (the reference prints −25)', () => {
    const only = buildScoreReport(
      input([judgedLine({ task: 'web', id: 1, turn: 1, scores: { format: 4 } })]),
      {
        bootstrap: null,
      },
    );
    const web = only.domains[0]?.judge;
    assert.equal(web?.format.score, 75);
    assert.equal(web?.quality.score, null);
    assert.equal(web?.quality.count, 0);
    assert.ok(only.notes.some((note) => note.includes('−25.00')));
    assert.match(formatScoreReport(only), /web\s+1\/1\s+75\.00\s+—/);
  });
});

describe('judge-free columns', () => {
  const metrics = (
    exact: boolean,
    changed: boolean,
    correct: boolean,
    failedChecks: string[] = [],
  ): JudgeFreeMetrics => ({
    exact,
    editSimilarity: exact ? 1 : 0.5,
    checks: { passed: 2, failed: failedChecks },
    structural: { kind: 'terminal-lines', score: exact ? 1 : 0 },
    stateChange: { changed, correct, differences: correct ? [] : ['cwd'] },
  });

  it('aggregates an unjudged infer file: judge columns empty, judge-free columns filled', () => {
    const report = buildScoreReport(
      input([
        inferLine({ task: 'terminal', id: 1, turn: 1, metrics: metrics(true, false, true) }),
        inferLine({ task: 'terminal', id: 1, turn: 2, metrics: metrics(false, true, false, ['prompt']) }),
        inferLine({ task: 'terminal', id: 1, turn: 3, metrics: metrics(false, true, true) }),
        inferLine({ task: 'terminal', id: 2, turn: 1, failed: 'NO_GENERATION' }),
      ]),
      { bootstrap: { resamples: 50, seed: 0, confidence: 0.95 } },
    );
    ScoreReportSchema.parse(report);
    assert.equal(report.judged, false);
    assert.equal(report.bootstrap, null);
    assert.equal(report.overall.micro, null);
    assert.equal(report.overall.macro, null);
    const free = report.domains[0]?.judgeFree;
    assert.equal(free?.rows, 3);
    assert.equal(free?.exactShare, 1 / 3);
    assert.equal(free?.editSimilarity, 2 / 3);
    assert.equal(free?.checks.rowPassRate, 2 / 3);
    assert.equal(free?.checks.checkPassRate, 6 / 7);
    assert.deepEqual(free?.structural, { rows: 3, mean: 1 / 3, kinds: ['terminal-lines'] });
    assert.deepEqual(free?.stateChange, {
      changed: { rows: 2, accuracy: 0.5 },
      unchanged: { rows: 1, accuracy: 1 },
    });
    assert.equal(report.rows.failed, 1);
    const text = formatScoreReport(report);
    assert.match(text, /Not judged/);
    assert.doesNotMatch(text, /Overall \(macro/);
  });
});
