import type { Prediction, PredictRequest } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import type { Baseline } from './bench-domain.js';
import { countUp, refusalReason, wasRouted } from './engine-routing.js';
import { Tally } from './measures.js';
import { familyOf } from './session-files.js';

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
}

function requestFor(record: SessionRecord, index: number): PredictRequest {
  return {
    spec: record.spec,
    sessionId: record.id,
    seed: record.seed,
    turnIndex: index + 1,
    action: record.turns[index]?.action,
    messages: [],
    promptHash: '',
    history: record.turns.slice(0, index),
  };
}

/**
 * Every turn predicted from the recorded history before it and measured against the recorded observation, next
 * to the baselines (measured on the same turns: those the model answered). `groupsOf` names the extra rows a
 * turn is also counted in.
 */
export async function teacherForced(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
  baselines: readonly Baseline[],
  groupsOf: (family: string, record: SessionRecord) => string[],
): Promise<TeacherForced> {
  const result: TeacherForced = {
    model: new Tally(),
    baselines: baselines.map((baseline) => ({ name: baseline.name, tally: new Tally() })),
    routed: new Map(),
    refusals: new Map(),
    truncated: 0,
    latencies: [],
  };
  for (const [position, record] of sessions.entries()) {
    let previous = record.initialObservation;
    for (const [index, turn] of record.turns.entries()) {
      const family = familyOf(turn);
      const groups = groupsOf(family, record);
      const started = performance.now();
      let prediction: Prediction | undefined;
      try {
        prediction = await engine.predict(requestFor(record, index));
      } catch (error) {
        const reason = refusalReason(error);
        if (reason === undefined) throw error;
        countUp(result.refusals, reason);
      }
      if (prediction === undefined || wasRouted(prediction.events)) {
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
