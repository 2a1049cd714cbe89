/**
 * The files of a fidelity run (`agentworld bench …`), one schema each: what `bench infer` appends, what
 * `bench judge` appends, the judge-free metrics every row carries, and the run manifest that pins what produced
 * them. Every stage reads the previous stage's JSONL; a line is keyed by `task:id:turn_idx`.
 */
import { z } from 'zod';
import { ProvenanceSchema } from '../core/turn.js';
import { BenchRowSchema } from '../export/schemas.js';

export { type BenchRow, BenchRowSchema } from '../export/schemas.js';

/** The five judge dimensions of AgentWorldBench (spec §2.2), in the reference's order. */
export const JUDGE_DIMENSIONS = ['format', 'factuality', 'consistency', 'realism', 'quality'] as const;
export type JudgeDimension = (typeof JUDGE_DIMENSIONS)[number];

/** A row's key: `task:id:turn_idx` (the natural key of the dataset, spec §0.1). */
export function rowKey(row: {
  readonly task: string;
  readonly id: number;
  readonly turn_idx: number;
}): string {
  return `${row.task}:${row.id}:${row.turn_idx}`;
}

export const BenchErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
export type BenchError = z.infer<typeof BenchErrorSchema>;

/** What the model's token log-probabilities say about one generation (absent when the server gave none). */
export const GenerationConfidenceSchema = z.object({
  /** Tokens of the extracted observation that the log-probabilities cover. */
  tokens: z.number().int().nonnegative(),
  meanLogprob: z.number(),
  minLogprob: z.number(),
  /** exp(mean log-probability): the geometric-mean token probability, in (0, 1]. */
  confidence: z.number().min(0).max(1),
  /**
   * What the tokens cover: `observation` (the last `<predicted_observation>` block's tokens) or `content` (every
   * token of the answer, when the block could not be located in the tokens).
   */
  scope: z.enum(['observation', 'content']).optional(),
});
export type GenerationConfidence = z.infer<typeof GenerationConfidenceSchema>;

/**
 * Judge-free metrics of one prediction against its ground truth, as columns beside the judge's. Fields a domain
 * cannot compute are absent, never guessed.
 */
export const JudgeFreeMetricsSchema = z.object({
  /** Prediction and ground truth equal byte for byte (both with the observation marker removed). */
  exact: z.boolean(),
  /** 1 − Levenshtein distance / the longer length, in [0, 1]. */
  editSimilarity: z.number().min(0).max(1),
  /** The domain's deterministic checks run on the prediction (format, ledger consistency, output schema). */
  checks: z
    .object({
      passed: z.number().int().nonnegative(),
      failed: z.array(z.string()),
    })
    .optional(),
  /** A structural match per domain (JSON structure and values, tree nodes, result entries), in [0, 1]. */
  structural: z
    .object({
      kind: z.string(),
      score: z.number().min(0).max(1),
    })
    .optional(),
  /**
   * Whether the state the prediction implies (the domain ledger after applying it) equals the state the ground
   * truth implies; `changed` says whether the ground truth changed the state at this turn.
   */
  stateChange: z
    .object({
      changed: z.boolean(),
      correct: z.boolean(),
      /** The ledger fields that differ, when not correct. */
      differences: z.array(z.string()),
    })
    .optional(),
});
export type JudgeFreeMetrics = z.infer<typeof JudgeFreeMetricsSchema>;

export const INFER_LINE_FORMAT = 'agentworld.bench.infer';

/**
 * One row answered by a world model: the dataset row's own fields (so later stages need only this file), the raw
 * generation and the observation extracted from it (spec §3.4). `failed` rows (no generation after retries, a
 * row over the context guard) are kept, counted and never scored.
 */
export const InferLineSchema = BenchRowSchema.extend({
  format: z.literal(INFER_LINE_FORMAT),
  version: z.literal(1),
  key: z.string(),
  /** The answer's `content` as the server returned it (think blocks included when the server left them in). */
  gen: z.string(),
  /** `reasoning_content` / `reasoning`, when the server split the reasoning off. */
  reasoning: z.string().optional(),
  /** The observation extracted from `gen` as the reference extracts it (think blocks and markers removed). */
  prediction: z.string(),
  failed: z.boolean(),
  error: BenchErrorSchema.optional(),
  usage: z
    .object({
      promptTokens: z.number().int().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
      totalTokens: z.number().int().nonnegative(),
    })
    .optional(),
  finishReason: z.string().optional(),
  /** For a hybrid engine: which side answered (the twin, the model, or neither) and why (its provenance). */
  answeredBy: ProvenanceSchema.shape.answeredBy,
  confidence: GenerationConfidenceSchema.optional(),
  /** Judge-free metrics of `prediction` against the row's ground truth (absent for failed rows). */
  metrics: JudgeFreeMetricsSchema.optional(),
  latencyMs: z.number().nonnegative(),
  attempts: z.number().int().positive(),
  finishedAt: z.string(),
});
export type InferLine = z.infer<typeof InferLineSchema>;

export const JudgeScoresSchema = z.object({
  format: z.number().int(),
  factuality: z.number().int(),
  consistency: z.number().int(),
  realism: z.number().int(),
  quality: z.number().int(),
});
export type JudgeScores = z.infer<typeof JudgeScoresSchema>;

export const JUDGED_LINE_FORMAT = 'agentworld.bench.judged';

/**
 * An infer line judged on the five dimensions (integers 1–5, 0 where the judge gave none: spec §2.3 step 7).
 * `failed` as in the reference (§2.4): no generation, or a judge reply that could not be parsed after retries.
 */
export const JudgedLineSchema = InferLineSchema.extend({
  format: z.literal(JUDGED_LINE_FORMAT),
  judge: z
    .object({
      scores: JudgeScoresSchema,
      /** Mean of the dimensions > 0 (0 if none), as the reference computes it. */
      totalScore: z.number(),
      strengths: z.array(z.string()),
      weaknesses: z.array(z.string()),
      raw: z.string(),
      attempts: z.number().int().positive(),
    })
    .optional(),
  judgeError: BenchErrorSchema.optional(),
  /** The judge's last reply when it could not be parsed (kept for inspection; the reference discards it). */
  judgeRaw: z.string().optional(),
});
export type JudgedLine = z.infer<typeof JudgedLineSchema>;

/** The model (or engine) that answered a run, with the parameters that change its answers. */
export const ModelManifestSchema = z.object({
  engine: z.string(),
  name: z.string(),
  baseUrl: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
});

/** The judge of a run: model, parameters and a hash of every prompt it was given. */
export const JudgeManifestSchema = z.object({
  name: z.string(),
  baseUrl: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
  /** sha256 of each domain's judge system prompt, and of the user template under `user`. */
  promptHashes: z.record(z.string(), z.string()),
  /** Where the prompts came from: `builtin` or the directory given. */
  promptSource: z.string(),
});

export const MANIFEST_FORMAT = 'agentworld.bench.manifest';

/**
 * What produced a run's lines, written next to its JSONL (`<file>.manifest.json`). A resumed run or a shard
 * whose manifest differs in anything that changes the answers is refused, naming the difference.
 */
export const RunManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  stage: z.enum(['infer', 'judge']),
  agentworldVersion: z.string(),
  createdAt: z.string(),
  /** The data the rows came from (paths as given) and a hash of the selected rows' keys. */
  data: z.object({ sources: z.array(z.string()), rowsHash: z.string() }),
  model: ModelManifestSchema,
  judge: JudgeManifestSchema.optional(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;
