/**
 * The files of `agentworld bench turing`: one line per row shown to the judge, the manifest that pins the judge
 * and the question, and the report computed from the lines.
 */
import { z } from 'zod';
import { BenchErrorSchema, JudgeManifestSchema } from '../schemas.js';

export const TURING_LINE_FORMAT = 'agentworld.bench.turing';

/**
 * One row of the real-vs-simulated test. `simulatedShownAs` is the position the prediction was shown in (drawn
 * from the seed and the row's key); `fooled` is true when the judge took the simulated response for the real one.
 * `identical` rows (prediction equal to the ground truth byte for byte) are a coin flip by construction and are
 * reported apart. `failed` rows (no parseable verdict after the attempts, or the judge unreachable) are counted,
 * never scored.
 */
export const TuringLineSchema = z.object({
  format: z.literal(TURING_LINE_FORMAT),
  version: z.literal(1),
  key: z.string(),
  task: z.string(),
  id: z.number().int().nonnegative(),
  turn_idx: z.number().int().positive(),
  total_turns: z.number().int().positive(),
  simulatedShownAs: z.enum(['A', 'B']),
  identical: z.boolean(),
  failed: z.boolean(),
  /** The response the judge named as the real one. */
  choice: z.enum(['A', 'B']).optional(),
  fooled: z.boolean().optional(),
  /** The judge's last reply (its visible content). */
  raw: z.string(),
  error: BenchErrorSchema.optional(),
  attempts: z.number().int().positive(),
  latencyMs: z.number().nonnegative(),
  finishedAt: z.string(),
});
export type TuringLine = z.infer<typeof TuringLineSchema>;

export const TURING_MANIFEST_FORMAT = 'agentworld.bench.turing-manifest';

/** What produced a turing run, written next to its JSONL (`<file>.manifest.json`). */
export const TuringManifestSchema = z.object({
  format: z.literal(TURING_MANIFEST_FORMAT),
  version: z.literal(1),
  agentworldVersion: z.string(),
  createdAt: z.string(),
  /** The predictions file the rows came from (as given). */
  predictions: z.string(),
  /** The seed of the A/B order. */
  seed: z.number().int().nonnegative(),
  judge: JudgeManifestSchema,
  /** The world model that wrote the predictions, when the predictions' own manifest names it. */
  model: z.string().optional(),
});
export type TuringManifest = z.infer<typeof TuringManifestSchema>;

/** A share with its counts and a 95 % Wilson score interval (all null when nothing was counted). */
export const RateSchema = z.object({
  count: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  low: z.number().min(0).max(1).nullable(),
  high: z.number().min(0).max(1).nullable(),
});
export type Rate = z.infer<typeof RateSchema>;

/** The judge's results over one group of rows (all rows, or one domain). */
export const TuringGroupSchema = z.object({
  /** Rows with a verdict whose prediction differs from the ground truth. */
  answered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** How often the judge took the simulated response for the real one (0.5 = indistinguishable). */
  fooled: RateSchema,
  /** How often the judge named position A (0.5 = no position bias). */
  pickedA: RateSchema,
  /** Rows whose prediction equals the ground truth byte for byte: a coin flip, reported apart. */
  identical: z.object({ answered: z.number().int().nonnegative(), fooled: RateSchema }),
});
export type TuringGroup = z.infer<typeof TuringGroupSchema>;

export const TuringReportSchema = z.object({
  format: z.literal('agentworld.bench.turing-report'),
  version: z.literal(1),
  judge: z.string().optional(),
  model: z.string().optional(),
  rows: z.number().int().nonnegative(),
  overall: TuringGroupSchema,
  domains: z.record(z.string(), TuringGroupSchema),
});
export type TuringReport = z.infer<typeof TuringReportSchema>;
