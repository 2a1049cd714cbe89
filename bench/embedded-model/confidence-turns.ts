import type { SessionRecord } from '../../src/core/turn.js';
import { LOW_CONFIDENCE_EVENT } from '../../src/engines/local/confidence.js';
import type { ScoredTurn } from '../../src/engines/local/confidence-calibration.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import { teacherForcedRequest } from '../shared/teacher-forced-request.js';
import { wasRouted } from './engine-routing.js';

export interface ScoredSet {
  /** The generated turns, each with its confidence and whether it was right. */
  readonly turns: ScoredTurn[];
  /** Turns the model did not generate (outside its grammar, keys, waits): no confidence to score. */
  readonly notGenerated: number;
}

/**
 * Every turn of `sessions` predicted from its recorded history by `engine`, which must have been created with
 * `minTokenProbability: 1`: then every generated turn whose least likely byte is below 1 carries the
 * `local.low-confidence` event with its minProbability (a turn without it had every byte at probability 1).
 */
export async function scoreTurns(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
): Promise<ScoredSet> {
  if (engine.minTokenProbability !== 1)
    throw new Error('scoreTurns needs an engine created with minTokenProbability: 1');
  const turns: ScoredTurn[] = [];
  let notGenerated = 0;
  for (const [position, record] of sessions.entries()) {
    for (const [index, turn] of record.turns.entries()) {
      const prediction = await engine.predict(teacherForcedRequest(record, index));
      const rendered = prediction.events.some((event) => event.type === 'local.rendered');
      if (rendered || wasRouted(prediction.events)) {
        notGenerated++;
        continue;
      }
      const event = prediction.events.find((candidate) => candidate.type === LOW_CONFIDENCE_EVENT);
      const minProbability = event === undefined ? 1 : Number(event.data?.minProbability);
      turns.push({ minProbability, right: prediction.observation === turn.observation });
    }
    process.stderr.write(`\r  scored ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return { turns, notGenerated };
}
