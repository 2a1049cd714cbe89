import type { Engine } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import type { DemonstrationPlacement } from '../../src/engines/local/terminal-simulator.js';
import {
  createRetrievalEngine,
  RETRIEVAL_EVENT,
  type TransitionIndex,
} from '../../src/engines/retrieval/index.js';
import { wasRouted } from '../embedded-model/engine-routing.js';
import { Tally } from '../embedded-model/measures.js';
import { teacherForcedRequest } from '../shared/teacher-forced-request.js';

/** Accuracy of one configuration (no retrieval, or k demonstrations) over the same turns. */
export interface ConfigurationResult {
  readonly name: string;
  /** Every turn, the model's or a labelled one. */
  readonly all: Tally;
  /** Turns the model answered (not labelled unsupported). */
  readonly model: Tally;
  /** Turns given at least one demonstration. */
  conditioned: number;
  /** Bytes the demonstrations added to the model's byte sequence, over all turns. */
  addedBytes: number;
}

export function familyOfSession(record: SessionRecord): string {
  return record.labels.family ?? 'unknown';
}

/**
 * Every turn of every session predicted from its recorded history by the engine as it is and wrapped with
 * retrieval for each k and placement (demonstrations from the other sessions only: the index excludes the request's own
 * session, so this is leave-one-session-out), measured against the recorded observation.
 */
export async function measureLocalRetrieval(
  local: Engine,
  index: TransitionIndex,
  sessions: readonly SessionRecord[],
  settings: readonly { readonly k: number; readonly placement: DemonstrationPlacement }[],
  maxDemonstrationBytes: number | undefined,
): Promise<ConfigurationResult[]> {
  const configurations = [
    { name: 'no retrieval', engine: local },
    ...settings.map(({ k, placement }) => ({
      name: `k=${k} ${placement}`,
      engine: createRetrievalEngine({
        inner: local,
        index,
        k,
        placement,
        ...(maxDemonstrationBytes === undefined ? {} : { maxDemonstrationBytes }),
      }),
    })),
  ];
  const results: ConfigurationResult[] = configurations.map((configuration) => ({
    name: configuration.name,
    all: new Tally(),
    model: new Tally(),
    conditioned: 0,
    addedBytes: 0,
  }));
  for (const [position, record] of sessions.entries()) {
    const family = familyOfSession(record);
    // One configuration after the other over the whole session, so each reuses its own evaluated prefix.
    for (const [which, configuration] of configurations.entries()) {
      const result = results[which] as ConfigurationResult;
      for (const [turnIndex, turn] of record.turns.entries()) {
        const prediction = await configuration.engine.predict(teacherForcedRequest(record, turnIndex));
        result.all.add(family, turn.observation, prediction.observation);
        if (!wasRouted(prediction.events)) result.model.add(family, turn.observation, prediction.observation);
        const retrieval = prediction.events.find((event) => event.type === RETRIEVAL_EVENT);
        const ids = retrieval?.data?.ids;
        if (Array.isArray(ids) && ids.length > 0) result.conditioned++;
        const added = retrieval?.data?.addedBytes;
        if (typeof added === 'number') result.addedBytes += added;
      }
    }
    process.stderr.write(`\r  teacher-forced ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return results;
}
