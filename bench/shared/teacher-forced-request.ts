import type { PredictRequest } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';

/**
 * The request of turn `index` (0-based) of a recorded session, its history as recorded (teacher forcing).
 * `sessionId` defaults to the record's; a hybrid engine is given one per turn, so its twin rebuilds its world from
 * the recorded history rather than from its own answers.
 */
export function teacherForcedRequest(
  record: SessionRecord,
  index: number,
  sessionId = record.id,
): PredictRequest {
  return {
    spec: record.spec,
    sessionId,
    seed: record.seed,
    turnIndex: index + 1,
    action: record.turns[index]?.action,
    messages: [],
    promptHash: '',
    history: record.turns.slice(0, index),
  };
}
