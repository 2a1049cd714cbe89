import type { ProvenanceSource, SessionRecord } from '../core/turn.js';
import { sampleTurnIndices } from './sampling.js';
import type { TurnSelection } from './schemas.js';

export interface TurnFilter {
  readonly turns: TurnSelection;
  /** Only turns whose observation came from one of these sources; undefined for all. */
  readonly provenance?: readonly ProvenanceSource[] | undefined;
}

/**
 * The 1-based indices of the turns to export as targets: all turns or the bench sampling, then the provenance
 * filter. The filter never changes history: a kept turn's context shows every earlier turn as it was sent.
 */
export function selectTurns(record: SessionRecord, filter: TurnFilter): number[] {
  const total = record.turns.length;
  const indices =
    filter.turns === 'sampled' ? sampleTurnIndices(total) : Array.from({ length: total }, (_, i) => i + 1);
  const allowed = filter.provenance;
  if (allowed === undefined) return indices;
  return indices.filter((index) => {
    const turn = record.turns[index - 1];
    return turn !== undefined && allowed.includes(turn.provenance.source);
  });
}
