import { z } from 'zod';
import {
  type ConfidenceReport,
  ConfidenceReportSchema,
  type CorrectnessOptions,
  confidenceReport,
} from '../metrics/confidence.js';
import type { ScoredTurn } from './scored-turn.js';

const Rate = z.number().min(0).max(1).nullable();

/** State-change accuracy over one kind of turn (the ground truth changed the state, or did not). */
export const StateChangeStatsSchema = z.object({
  turns: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  accuracy: Rate,
});

/** The judge-free metrics of one group of turns (a domain, or all). Means and rates are over scored turns. */
export const FidelityGroupSchema = z.object({
  key: z.string(),
  /** Turns seen (scored or failed). */
  turns: z.number().int().nonnegative(),
  /** Turns with a prediction to score. */
  scored: z.number().int().nonnegative(),
  /** Turns where the engine gave no prediction (a failed shadow or infer row). */
  failures: z.number().int().nonnegative(),
  exactShare: Rate,
  meanEditSimilarity: Rate,
  /** Turns with checks run: the share where every check passed. */
  checkedTurns: z.number().int().nonnegative(),
  checkPassRate: Rate,
  /** Turns with a structural score: its mean, and the kinds compared (`lines`, `json`, `nodes`, `results` …). */
  structuralTurns: z.number().int().nonnegative(),
  meanStructural: Rate,
  structuralKinds: z.array(z.string()),
  /** State-change accuracy where the ground truth changed the state, and where it did not. */
  stateChanged: StateChangeStatsSchema,
  stateUnchanged: StateChangeStatsSchema,
});
export type FidelityGroup = z.infer<typeof FidelityGroupSchema>;

export const FIDELITY_REPORT_FORMAT = 'agentworld.bench.shadow';

/** `agentworld bench shadow --json`: sim-vs-real fidelity from shadow sessions and infer lines, no judge. */
export const FidelityReportSchema = z.object({
  format: z.literal(FIDELITY_REPORT_FORMAT),
  version: z.literal(1),
  /** Sessions holding at least one shadowed turn, and infer lines read. */
  sessions: z.number().int().nonnegative(),
  inferLines: z.number().int().nonnegative(),
  overall: FidelityGroupSchema,
  byDomain: z.array(FidelityGroupSchema),
  /** Keyed `domain:family` (shell command word, tool name, GUI action type); shadow turns only. */
  byFamily: z.array(FidelityGroupSchema),
  /** When infer lines carry token log-probabilities: how well confidence separates right from wrong. */
  confidence: ConfidenceReportSchema.optional(),
});
export type FidelityReport = z.infer<typeof FidelityReportSchema>;

export interface FidelityReportOptions {
  readonly sessions: number;
  readonly inferLines: number;
  /** The label and threshold of the confidence report (default: exact, threshold 0.9). */
  readonly confidence?: (CorrectnessOptions & { readonly threshold?: number | undefined }) | undefined;
}

/** Aggregates scored turns overall, by domain and by command family. */
export function buildFidelityReport(
  turns: readonly ScoredTurn[],
  options: FidelityReportOptions,
): FidelityReport {
  const confidence: ConfidenceReport | undefined = turns.some((turn) => turn.confidence !== undefined)
    ? confidenceReport(turns, options.confidence ?? { label: 'exact' })
    : undefined;
  return {
    format: FIDELITY_REPORT_FORMAT,
    version: 1,
    sessions: options.sessions,
    inferLines: options.inferLines,
    overall: groupStats('all', turns),
    byDomain: groupBy(turns, (turn) => turn.domain),
    byFamily: groupBy(
      turns.filter((turn) => turn.family !== undefined),
      (turn) => `${turn.domain}:${turn.family}`,
    ),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

function groupBy(turns: readonly ScoredTurn[], keyOf: (turn: ScoredTurn) => string): FidelityGroup[] {
  const groups = new Map<string, ScoredTurn[]>();
  for (const turn of turns) {
    const key = keyOf(turn);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [turn]);
    else group.push(turn);
  }
  return [...groups]
    .map(([key, group]) => groupStats(key, group))
    .sort((a, b) => b.turns - a.turns || a.key.localeCompare(b.key));
}

function groupStats(key: string, turns: readonly ScoredTurn[]): FidelityGroup {
  const metrics = turns.flatMap((turn) => (turn.metrics === undefined ? [] : [turn.metrics]));
  const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
  const mean = (values: readonly number[]): number | null =>
    values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  const checked = metrics.filter((metric) => metric.checks !== undefined);
  const structural = metrics.flatMap((metric) =>
    metric.structural === undefined ? [] : [metric.structural],
  );
  const stateStats = (changed: boolean): z.infer<typeof StateChangeStatsSchema> => {
    const group = metrics.filter((metric) => metric.stateChange?.changed === changed);
    const correct = group.filter((metric) => metric.stateChange?.correct === true).length;
    return { turns: group.length, correct, accuracy: share(correct, group.length) };
  };
  return {
    key,
    turns: turns.length,
    scored: metrics.length,
    failures: turns.length - metrics.length,
    exactShare: share(metrics.filter((metric) => metric.exact).length, metrics.length),
    meanEditSimilarity: mean(metrics.map((metric) => metric.editSimilarity)),
    checkedTurns: checked.length,
    checkPassRate: share(
      checked.filter((metric) => metric.checks?.failed.length === 0).length,
      checked.length,
    ),
    structuralTurns: structural.length,
    meanStructural: mean(structural.map((score) => score.score)),
    structuralKinds: [...new Set(structural.map((score) => score.kind))].sort(),
    stateChanged: stateStats(true),
    stateUnchanged: stateStats(false),
  };
}
