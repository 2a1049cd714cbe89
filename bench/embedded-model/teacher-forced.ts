import type { Engine, Prediction } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { teacherForcedRequest } from '../shared/teacher-forced-request.js';
import { answerSide, wasFlagged } from './answer-sides.js';
import type { Baseline } from './bench-domain.js';
import { countUp, refusalReason } from './engine-routing.js';
import { Tally } from './measures.js';
import { familyOf } from './session-files.js';
import { type TurnOutcome, turnOutcome } from './side-tally.js';

export interface TeacherForced {
  readonly model: Tally;
  /** One tally per baseline, in the order given. */
  readonly baselines: { readonly name: string; readonly tally: Tally }[];
  /** Turns the model did not answer (labelled unsupported, a fallback's, or refused), by family. */
  readonly routed: Map<string, number>;
  /** Why turns were refused, by reason. */
  readonly refusals: Map<string, number>;
  /** Turns whose output was cut at the most bytes allowed. */
  truncated: number;
  /** Milliseconds per turn the model answered. */
  readonly latencies: number[];
  /** Every turn: the side that answered, whether it was flagged, exact and similarity (routed turns included). */
  readonly outcomes: TurnOutcome[];
}

/**
 * Every turn predicted from the recorded history before it and measured against the recorded observation, next
 * to the baselines (measured on the same turns: those the engine answered). `groupsOf` names the extra rows a
 * turn is also counted in. With `turnSessions`, every turn gets a session id of its own (for a hybrid's twin).
 */
export async function teacherForced(
  engine: Engine,
  sessions: readonly SessionRecord[],
  baselines: readonly Baseline[],
  groupsOf: (family: string, record: SessionRecord) => string[],
  turnSessions = false,
): Promise<TeacherForced> {
  const result: TeacherForced = {
    model: new Tally(),
    baselines: baselines.map((baseline) => ({ name: baseline.name, tally: new Tally() })),
    routed: new Map(),
    refusals: new Map(),
    truncated: 0,
    latencies: [],
    outcomes: [],
  };
  for (const [position, record] of sessions.entries()) {
    let previous = record.initialObservation;
    for (const [index, turn] of record.turns.entries()) {
      const family = familyOf(turn, record);
      const groups = groupsOf(family, record);
      const started = performance.now();
      let prediction: Prediction | undefined;
      try {
        const sessionId = turnSessions ? `${record.id}#${index}` : record.id;
        prediction = await engine.predict(teacherForcedRequest(record, index, sessionId));
      } catch (error) {
        const reason = refusalReason(error);
        if (reason === undefined) throw error;
        countUp(result.refusals, reason);
      }
      const side = answerSide(prediction);
      const answered = prediction?.observation ?? '';
      result.outcomes.push(turnOutcome(index, side, wasFlagged(prediction), turn.observation, answered));
      if (prediction === undefined || side === 'routed') {
        countUp(result.routed, family);
      } else {
        result.latencies.push(performance.now() - started);
        if (prediction.events.some((event) => event.type === 'local.truncated')) result.truncated++;
        result.model.add(family, turn.observation, prediction.observation, groups);
        for (const [which, baseline] of baselines.entries()) {
          const predicted = baseline.predict({ record, turn, previous });
          result.baselines[which]?.tally.add(family, turn.observation, predicted, groups);
        }
      }
      previous = turn.observation;
    }
    process.stderr.write(`\r  teacher-forced ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return result;
}
