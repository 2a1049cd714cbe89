/**
 * The score report of a fidelity run (`agentworld bench score --json`): the judge's five dimensions and total per
 * domain (normalised 0–100 as the reference does), both Overall figures (sample-weighted micro, mean-of-domains
 * macro), bootstrap confidence intervals by trajectory, scores by turn position and turn index, and the
 * judge-free metric columns. One schema validates the JSON, types the code and is read by `bench report`.
 */
import { z } from 'zod';
import { JUDGE_DIMENSIONS, RunManifestSchema } from '../schemas.js';

export const SCORE_REPORT_FORMAT = 'agentworld.bench.score';

/** The judge columns of a score table: the five dimensions, then the per-row total. */
export const SCORE_COLUMNS = [...JUDGE_DIMENSIONS, 'total'] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

export const ConfidenceIntervalSchema = z.object({
  /** Lower and upper percentile bounds of the bootstrap distribution, on the same 0–100 scale. */
  low: z.number(),
  high: z.number(),
});
export type ConfidenceInterval = z.infer<typeof ConfidenceIntervalSchema>;

/** One cell: a column's score over a group of rows. */
export const ScoreValueSchema = z.object({
  /** norm(mean) = (mean − 1) / 4 × 100 over the valid rows whose value is ≠ 0; null when there is none. */
  score: z.number().nullable(),
  /** The mean of the raw 1–5 values behind `score`; null when there is none. */
  mean: z.number().nullable(),
  /** Valid rows whose value counted (≠ 0). */
  count: z.number().int().nonnegative(),
  ci: ConfidenceIntervalSchema.optional(),
});
export type ScoreValue = z.infer<typeof ScoreValueSchema>;

export const ScoreTableSchema = z.object({
  format: ScoreValueSchema,
  factuality: ScoreValueSchema,
  consistency: ScoreValueSchema,
  realism: ScoreValueSchema,
  quality: ScoreValueSchema,
  total: ScoreValueSchema,
});
export type ScoreTable = z.infer<typeof ScoreTableSchema>;

const Share = z.number().min(0).max(1).nullable();

/** The judge-free metrics of a group of rows (only rows that carry `metrics` count; absent fields are skipped). */
export const JudgeFreeSummarySchema = z.object({
  /** Rows carrying judge-free metrics. */
  rows: z.number().int().nonnegative(),
  /** Share of rows whose prediction equals the ground truth byte for byte. */
  exactShare: Share,
  /** Mean normalised edit similarity. */
  editSimilarity: Share,
  checks: z.object({
    rows: z.number().int().nonnegative(),
    /** Share of rows that passed every check. */
    rowPassRate: Share,
    /** Share of all checks run that passed. */
    checkPassRate: Share,
  }),
  structural: z.object({
    rows: z.number().int().nonnegative(),
    mean: Share,
    kinds: z.array(z.string()),
  }),
  /** State-change accuracy, separately where the ground truth changed the state and where it did not. */
  stateChange: z.object({
    changed: z.object({ rows: z.number().int().nonnegative(), accuracy: Share }),
    unchanged: z.object({ rows: z.number().int().nonnegative(), accuracy: Share }),
  }),
});
export type JudgeFreeSummary = z.infer<typeof JudgeFreeSummarySchema>;

/** A group of rows (a domain, a turn position, a turn index): counts, judge table and judge-free columns. */
export const GroupScoreSchema = z.object({
  rows: z.number().int().nonnegative(),
  /** Rows the reference counts as valid: not failed, and judged when the file is a judged file. */
  valid: z.number().int().nonnegative(),
  /** Rows excluded from every mean: no generation, judge failure after retries (counted, never scored). */
  failed: z.number().int().nonnegative(),
  /** The judge's columns; null for files nobody judged. */
  judge: ScoreTableSchema.nullable(),
  judgeFree: JudgeFreeSummarySchema,
});
export type GroupScore = z.infer<typeof GroupScoreSchema>;

export const DomainScoreSchema = GroupScoreSchema.extend({
  domain: z.string(),
  /** Distinct trajectories (task, id, total_turns) among the rows: the bootstrap's resampling unit. */
  trajectories: z.number().int().nonnegative(),
});
export type DomainScore = z.infer<typeof DomainScoreSchema>;

export const TURN_POSITIONS = ['first', 'middle', 'last'] as const;
export type TurnPosition = (typeof TURN_POSITIONS)[number];

export const ScoreReportSchema = z.object({
  format: z.literal(SCORE_REPORT_FORMAT),
  version: z.literal(1),
  /** The files scored, as given. */
  sources: z.array(z.string()),
  /** Whether the rows carry the judge's scores (false for an infer file: judge columns are null). */
  judged: z.boolean(),
  /** The manifests found next to the sources (`<file>.manifest.json`), in source order. */
  manifests: z.array(RunManifestSchema),
  rows: z.object({
    total: z.number().int().nonnegative(),
    valid: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** Lines that were not infer or judged lines (reported and skipped). */
    skipped: z.number().int().nonnegative(),
    /** Lines whose key appeared before (the later line wins). */
    duplicates: z.number().int().nonnegative(),
  }),
  /** Why rows failed (the error message or code), with counts. */
  failures: z.record(z.string(), z.number().int().positive()),
  bootstrap: z
    .object({
      resamples: z.number().int().positive(),
      seed: z.number().int(),
      /** e.g. 0.95 */
      confidence: z.number().gt(0).lt(1),
      /** Trajectories (task, id, total_turns) are drawn with replacement within each domain. */
      unit: z.literal('trajectory'),
    })
    .nullable(),
  /** One entry per domain, in the dataset's order (mcp, search, terminal, swe, android, web, os, then others). */
  domains: z.array(DomainScoreSchema),
  overall: z.object({
    /** Sample-weighted over every valid row (what the reference's `eval.py score` prints as Overall). */
    micro: ScoreTableSchema.nullable(),
    /** The unweighted mean of the domains' scores (what the published table calls Overall). */
    macro: ScoreTableSchema.nullable(),
    /** The domains in the macro mean (those with a score). */
    macroDomains: z.array(z.string()),
    judgeFree: JudgeFreeSummarySchema,
  }),
  /** first: turn_idx 1; last: turn_idx = total_turns (a one-turn trajectory counts as first); middle: the rest. */
  byTurnPosition: z.object({
    first: GroupScoreSchema,
    middle: GroupScoreSchema,
    last: GroupScoreSchema,
  }),
  /** Scores by turn index (drift curves), ascending. */
  byTurnIndex: z.array(GroupScoreSchema.extend({ turnIdx: z.number().int().positive() })),
  notes: z.array(z.string()),
});
export type ScoreReport = z.infer<typeof ScoreReportSchema>;
