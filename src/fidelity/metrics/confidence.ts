import { z } from 'zod';
import type { GenerationConfidence, JudgeFreeMetrics } from '../schemas.js';

/** Which judge-free metric says a prediction is right. */
export const CORRECTNESS_LABELS = ['exact', 'similarity', 'state'] as const;
export type CorrectnessLabel = (typeof CORRECTNESS_LABELS)[number];

export interface CorrectnessOptions {
  readonly label: CorrectnessLabel;
  /** For `similarity`: the edit similarity at or above which a prediction counts as right (default 0.9). */
  readonly similarityThreshold?: number | undefined;
}

/**
 * Whether a prediction is right by the chosen label: byte-exact, edit similarity ≥ the threshold, or the state
 * it implies equals the ground truth's (`state`; undefined where the row has no state-change metric).
 */
export function isCorrect(metrics: JudgeFreeMetrics, options: CorrectnessOptions): boolean | undefined {
  switch (options.label) {
    case 'exact':
      return metrics.exact;
    case 'similarity':
      return metrics.editSimilarity >= (options.similarityThreshold ?? 0.9);
    case 'state':
      return metrics.stateChange?.correct;
  }
}

/**
 * Area under the ROC curve of `score` separating positives from negatives: the Mann-Whitney U over the pooled
 * ranks (tied scores share their mean rank), divided by positives × negatives. 1: every right prediction was more
 * confident than every wrong one; 0.5: no separation. Null when either class is empty.
 */
export function auroc(
  samples: ReadonlyArray<{ readonly score: number; readonly positive: boolean }>,
): number | null {
  const positives = samples.filter((sample) => sample.positive).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (
      end + 1 < sorted.length &&
      (sorted[end + 1] as { score: number }).score === (sorted[start] as { score: number }).score
    )
      end++;
    // Ranks start + 1 … end + 1 share their mean.
    const meanRank = (start + end + 2) / 2;
    for (let index = start; index <= end; index++) {
      if ((sorted[index] as { positive: boolean }).positive) positiveRankSum += meanRank;
    }
    start = end + 1;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

export const ConfidenceReportSchema = z.object({
  label: z.enum(CORRECTNESS_LABELS),
  similarityThreshold: z.number().optional(),
  /** Lines with both a confidence and a label. */
  rows: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  /** How well confidence separates right from wrong predictions; null when all are right or all wrong. */
  auroc: z.number().min(0).max(1).nullable(),
  threshold: z.number(),
  /** Share of the rows whose confidence is at or above the threshold. */
  coverage: z.number().min(0).max(1).nullable(),
  /** Accuracy of those rows; null when none is. */
  accuracyAbove: z.number().min(0).max(1).nullable(),
  /** Accuracy of all rows. */
  accuracy: z.number().min(0).max(1).nullable(),
});
export type ConfidenceReport = z.infer<typeof ConfidenceReportSchema>;

export interface ConfidenceLine {
  readonly confidence?: GenerationConfidence | undefined;
  readonly metrics?: JudgeFreeMetrics | undefined;
}

/**
 * How well the model's confidence (exp of the mean token log-probability) tells right predictions from wrong
 * ones: AUROC, and the accuracy and coverage above a confidence threshold (default 0.9). Lines without a
 * confidence or without the chosen label are left out.
 */
export function confidenceReport(
  lines: Iterable<ConfidenceLine>,
  options: CorrectnessOptions & { readonly threshold?: number | undefined },
): ConfidenceReport {
  const samples: Array<{ score: number; positive: boolean }> = [];
  for (const line of lines) {
    if (line.confidence === undefined || line.metrics === undefined) continue;
    const positive = isCorrect(line.metrics, options);
    if (positive === undefined) continue;
    samples.push({ score: line.confidence.confidence, positive });
  }
  const threshold = options.threshold ?? 0.9;
  const above = samples.filter((sample) => sample.score >= threshold);
  const correct = samples.filter((sample) => sample.positive).length;
  const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
  return {
    label: options.label,
    ...(options.label === 'similarity' ? { similarityThreshold: options.similarityThreshold ?? 0.9 } : {}),
    rows: samples.length,
    correct,
    auroc: auroc(samples),
    threshold,
    coverage: share(above.length, samples.length),
    accuracyAbove: share(above.filter((sample) => sample.positive).length, above.length),
    accuracy: share(correct, samples.length),
  };
}
