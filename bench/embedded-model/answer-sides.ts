import type { Prediction } from '../../src/core/engine.js';
import { LOW_CONFIDENCE_EVENT } from '../../src/engines/local/confidence.js';
import { wasRouted } from './engine-routing.js';

/**
 * Which side answered a turn: the hybrid's twin (exactly), the embedded model, or neither (labelled unsupported,
 * a fallback's answer, or refused). The plain `local` engine answers with its model or routes; the waits and
 * completions it renders without the model count as its model side.
 */
export type AnswerSide = 'twin' | 'model' | 'routed';

export const ANSWER_SIDES: readonly AnswerSide[] = ['twin', 'model', 'routed'];

/** The side of a prediction (undefined: refused with UNSUPPORTED, which counts as routed). */
export function answerSide(prediction: Prediction | undefined): AnswerSide {
  if (prediction === undefined || wasRouted(prediction.events)) return 'routed';
  const side = prediction.provenance.answeredBy?.side;
  if (side === 'twin') return 'twin';
  if (side === 'neither') return 'routed';
  return 'model';
}

/** Whether the model was unsure of the turn and it was kept, labelled (see src/engines/local/confidence.ts). */
export function wasFlagged(prediction: Prediction | undefined): boolean {
  return prediction?.events.some((event) => event.type === LOW_CONFIDENCE_EVENT) ?? false;
}

/** The turn-position bucket a turn index falls in: `turns 0-4`, `turns 5-9`, `turns 10+`. */
export function positionBucket(index: number): string {
  if (index < 5) return 'turns 0-4';
  if (index < 10) return 'turns 5-9';
  return 'turns 10+';
}
