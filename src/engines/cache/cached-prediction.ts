import { z } from 'zod';
import type { Prediction } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import { CheckResultSchema, ProvenanceSchema, UsageSchema } from '../../core/turn.js';
import { issuesOf } from '../../core/validation.js';

/** What the cache keeps of a prediction (the wrapped engine's events are about that call, so they are not kept). */
export const CachedPredictionSchema = z.object({
  observation: z.string(),
  provenance: ProvenanceSchema,
  reasoning: z.string().optional(),
  usage: UsageSchema.optional(),
  finishReason: z.string().optional(),
  rawResult: z.record(z.string(), z.unknown()).optional(),
  /** The engine's own checks of the prediction (an embedded model's runaway-output label). */
  checks: z.array(CheckResultSchema).optional(),
  /** Whether the model that made it followed the turn's control instructions (false: the session renders them). */
  followedControlInstructions: z.boolean().optional(),
});
export type CachedPrediction = z.infer<typeof CachedPredictionSchema>;

export function toCachedPrediction(prediction: Prediction): CachedPrediction {
  return {
    observation: prediction.observation,
    provenance: prediction.provenance,
    ...(prediction.reasoning === undefined ? {} : { reasoning: prediction.reasoning }),
    ...(prediction.usage === undefined ? {} : { usage: prediction.usage }),
    ...(prediction.finishReason === undefined ? {} : { finishReason: prediction.finishReason }),
    ...(prediction.rawResult === undefined ? {} : { rawResult: prediction.rawResult }),
    ...(prediction.checks === undefined || prediction.checks.length === 0
      ? {}
      : { checks: [...prediction.checks] }),
    ...(prediction.followedControlInstructions === undefined
      ? {}
      : { followedControlInstructions: prediction.followedControlInstructions }),
  };
}

/** Validates a stored value; a damaged entry is a STORE_ERROR, never an observation. */
export function parseCachedPrediction(value: unknown, key: string): CachedPrediction {
  const result = CachedPredictionSchema.safeParse(value);
  if (result.success) return result.data;
  const first = issuesOf(result.error)[0];
  throw new AgentWorldError(
    'STORE_ERROR',
    `Cache entry ${key} is damaged at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}.`,
    { details: { key, path: first?.path } },
  );
}
