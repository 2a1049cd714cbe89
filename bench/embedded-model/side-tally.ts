import { ANSWER_SIDES, type AnswerSide, positionBucket } from './answer-sides.js';
import { editSimilarity, quantile, round } from './measures.js';

/** One teacher-forced turn of an engine: who answered it, whether it was flagged, and how close it came. */
export interface TurnOutcome {
  readonly index: number;
  readonly side: AnswerSide;
  readonly flagged: boolean;
  readonly exact: boolean;
  readonly similarity: number;
}

export function turnOutcome(
  index: number,
  side: AnswerSide,
  flagged: boolean,
  expected: string,
  actual: string,
): TurnOutcome {
  return { index, side, flagged, exact: expected === actual, similarity: editSimilarity(expected, actual) };
}

interface Row {
  readonly turns: number;
  readonly exact: number;
  readonly similarity: number;
}

function row(outcomes: readonly TurnOutcome[]): Row {
  const exact = outcomes.filter((outcome) => outcome.exact).length;
  const similarity = outcomes.reduce((sum, outcome) => sum + outcome.similarity, 0);
  const turns = outcomes.length;
  return {
    turns,
    exact: turns === 0 ? Number.NaN : round(exact / turns),
    similarity: turns === 0 ? Number.NaN : round(similarity / turns),
  };
}

/** The engine's answers by side, over all turns (routed ones count with the labelled screen they got), by turn
 * position, and flagged against unflagged model answers. */
export function summarizeSides(outcomes: readonly TurnOutcome[]): Record<string, Row> {
  const rows: Record<string, Row> = { 'all turns': row(outcomes) };
  for (const side of ANSWER_SIDES) {
    const name = side === 'routed' ? 'routed (neither answered)' : `${side}-answered`;
    rows[name] = row(outcomes.filter((outcome) => outcome.side === side));
  }
  const answered = outcomes.filter((outcome) => outcome.side !== 'routed');
  rows['answered (twin + model)'] = row(answered);
  for (const bucket of ['turns 0-4', 'turns 5-9', 'turns 10+'])
    rows[`all, ${bucket}`] = row(outcomes.filter((outcome) => positionBucket(outcome.index) === bucket));
  const model = outcomes.filter((outcome) => outcome.side === 'model');
  rows['model, flagged'] = row(model.filter((outcome) => outcome.flagged));
  rows['model, not flagged'] = row(model.filter((outcome) => !outcome.flagged));
  return rows;
}

/** Routed and flagged rates: routed over all turns, flagged over the model's answers and over all turns. */
export function sideRates(outcomes: readonly TurnOutcome[]): Record<string, number> {
  const count = (side: AnswerSide): number => outcomes.filter((outcome) => outcome.side === side).length;
  const model = outcomes.filter((outcome) => outcome.side === 'model');
  const flagged = model.filter((outcome) => outcome.flagged).length;
  const wrong = model.filter((outcome) => !outcome.exact);
  const total = Math.max(outcomes.length, 1);
  return {
    turns: outcomes.length,
    twinShare: round(count('twin') / total),
    modelShare: round(count('model') / total),
    routedRate: round(count('routed') / total),
    flaggedOfModel: round(flagged / Math.max(model.length, 1)),
    flaggedOfAll: round(flagged / total),
    flaggedOfWrongModel: round(wrong.filter((outcome) => outcome.flagged).length / Math.max(wrong.length, 1)),
    flaggedOfRightModel: round(
      (flagged - wrong.filter((outcome) => outcome.flagged).length) /
        Math.max(model.length - wrong.length, 1),
    ),
  };
}

/** Step latency p50/p90 (ms) by answering side. */
export function latencyBySide(
  latencies: ReadonlyMap<AnswerSide, readonly number[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const side of ANSWER_SIDES) {
    const values = latencies.get(side) ?? [];
    if (values.length === 0) continue;
    out[side] = {
      steps: values.length,
      p50Ms: round(quantile(values, 0.5), 2),
      p90Ms: round(quantile(values, 0.9), 2),
    };
  }
  return out;
}

/** One table of summarizeSides on stdout. */
export function printSides(title: string, rows: Record<string, Row>): void {
  process.stdout.write(
    `\n${title}\n${'turns'.padStart(40)}${'byte-exact'.padStart(12)}${'edit sim'.padStart(10)}\n`,
  );
  for (const [name, { turns, exact, similarity }] of Object.entries(rows)) {
    const cells = Number.isNaN(exact) ? ['-', '-'] : [`${(exact * 100).toFixed(1)}%`, similarity.toFixed(3)];
    process.stdout.write(
      `${name.padEnd(32)}${String(turns).padStart(8)}${(cells[0] as string).padStart(12)}${(cells[1] as string).padStart(10)}\n`,
    );
  }
}
