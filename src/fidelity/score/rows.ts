/**
 * What scoring needs of one line (an infer line or a judged line), and the reference's valid-row rule (spec
 * §2.4): a row is valid iff it did not fail — and, in a judged file, carries the judge's scores. Failed rows are
 * counted and excluded from every judge mean, never scored as 0 or 1.
 */
import { type InferLine, JUDGE_DIMENSIONS, type JudgedLine, type JudgeFreeMetrics } from '../schemas.js';
import type { ScoreColumn, TurnPosition } from './schema.js';

export interface ScoredRow {
  readonly key: string;
  readonly domain: string;
  /** The bootstrap's unit: task, id and total_turns (ids alone collide across Android trajectories). */
  readonly trajectory: string;
  readonly turnIdx: number;
  readonly position: TurnPosition;
  readonly valid: boolean;
  /** Why it failed (an error code), when it did. */
  readonly failure?: string;
  /** Raw 1–5 values per column (0 = missing), when the row was judged. */
  readonly values?: Readonly<Record<ScoreColumn, number>>;
  readonly metrics?: JudgeFreeMetrics;
}

/** first: turn_idx 1; last: turn_idx = total_turns (a one-turn trajectory counts as first); middle: the rest. */
export function turnPosition(turnIdx: number, totalTurns: number): TurnPosition {
  if (turnIdx <= 1) return 'first';
  if (turnIdx >= totalTurns) return 'last';
  return 'middle';
}

function isJudged(line: InferLine | JudgedLine): line is JudgedLine {
  return line.format === 'agentworld.bench.judged';
}

/** A line as scoring sees it; `judgedFile` says whether valid rows must carry the judge's scores. */
export function scoredRow(line: InferLine | JudgedLine, judgedFile: boolean): ScoredRow {
  const base = {
    key: line.key,
    domain: line.task,
    trajectory: `${line.task}:${line.id}:${line.total_turns}`,
    turnIdx: line.turn_idx,
    position: turnPosition(line.turn_idx, line.total_turns),
    ...(line.metrics === undefined ? {} : { metrics: line.metrics }),
  };
  if (line.failed) {
    const code = (isJudged(line) ? line.judgeError?.code : undefined) ?? line.error?.code ?? 'FAILED';
    return { ...base, valid: false, failure: code };
  }
  if (!judgedFile) return { ...base, valid: true };
  if (!isJudged(line)) return { ...base, valid: false, failure: 'NOT_JUDGED' };
  if (line.judge === undefined)
    return { ...base, valid: false, failure: line.judgeError?.code ?? 'NOT_JUDGED' };
  const values = Object.fromEntries([
    ...JUDGE_DIMENSIONS.map((dimension) => [dimension, line.judge?.scores[dimension] ?? 0]),
    ['total', line.judge.totalScore],
  ]) as Record<ScoreColumn, number>;
  return { ...base, valid: true, values };
}
