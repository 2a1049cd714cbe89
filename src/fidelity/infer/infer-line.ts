import { benchmarkObservation } from '../../engines/lwm/extract.js';
import {
  type BenchError,
  type BenchRow,
  INFER_LINE_FORMAT,
  type InferLine,
  type JudgeFreeMetrics,
} from '../schemas.js';
import type { RawGeneration } from './answerer.js';
import { generationConfidence } from './confidence.js';

export interface LineTiming {
  readonly latencyMs: number;
  readonly attempts: number;
  readonly finishedAt: string;
}

/** The dataset row's own fields (nothing else), so later stages need only the infer file. */
function rowFields(row: BenchRow): BenchRow {
  const { task, id, prompt, response, current_prompt, system_str, turn_idx, total_turns } = row;
  return { task, id, prompt, response, current_prompt, system_str, turn_idx, total_turns };
}

/**
 * A finished row: the raw generation, the observation the reference extracts from it (spec §3.4: think blocks
 * removed, the last `<predicted_observation>` block, else the whole text; the marker removed), reasoning,
 * usage, finish reason, confidence, and the judge-free metrics when a scorer is given.
 */
export function answeredLine(
  row: BenchRow,
  key: string,
  generation: RawGeneration,
  timing: LineTiming,
  metrics?: (row: BenchRow, prediction: string) => JudgeFreeMetrics,
): InferLine {
  const prediction = benchmarkObservation(generation.content);
  const confidence = generationConfidence(generation.content, generation.logprobs);
  const usage = generation.usage;
  return {
    ...rowFields(row),
    format: INFER_LINE_FORMAT,
    version: 1,
    key,
    gen: generation.content,
    ...(generation.reasoning === undefined || generation.reasoning === ''
      ? {}
      : { reasoning: generation.reasoning }),
    prediction,
    failed: false,
    ...(usage === undefined
      ? {}
      : {
          usage: {
            promptTokens: usage.promptTokens,
            completionTokens: usage.completionTokens,
            totalTokens: usage.totalTokens,
          },
        }),
    ...(generation.finishReason === undefined ? {} : { finishReason: generation.finishReason }),
    ...(generation.answeredBy === undefined ? {} : { answeredBy: generation.answeredBy }),
    ...(confidence === undefined ? {} : { confidence }),
    ...(metrics === undefined ? {} : { metrics: metrics(row, prediction) }),
    ...timing,
  };
}

/** A row with no generation (retries spent, refused, over the context guard): kept, counted, never scored. */
export function failedLine(row: BenchRow, key: string, error: BenchError, timing: LineTiming): InferLine {
  return {
    ...rowFields(row),
    format: INFER_LINE_FORMAT,
    version: 1,
    key,
    gen: '',
    prediction: '',
    failed: true,
    error,
    ...timing,
  };
}
