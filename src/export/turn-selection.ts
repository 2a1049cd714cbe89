import type { ProvenanceSource, SessionRecord, Turn } from '../core/turn.js';
import { UNSUPPORTED_EVENT } from '../engines/local/terminal-turns.js';
import { keepInSubsample, sampleTurnIndices } from './sampling.js';
import type { TurnSelection } from './schemas.js';

export interface TurnFilter {
  readonly turns: TurnSelection;
  /** Only turns whose observation came from one of these sources; undefined for all. */
  readonly provenance?: readonly ProvenanceSource[] | undefined;
  /** Keep this fraction of the selected turns, a uniform random subsample (`keepInSubsample`); default all. */
  readonly subsample?: number | undefined;
  /** The subsample's seed (default 0). */
  readonly seed?: number | undefined;
}

/**
 * Whether a turn's observation may be a target: not the labelled placeholder the embedded model answers for an
 * action it cannot simulate (an event `local.unsupported`). Injected turns stay: they are what the world showed
 * (leave them out with the provenance filter).
 */
export function isExportable(turn: Turn): boolean {
  return !turn.events.some((event) => event.type === UNSUPPORTED_EVENT);
}

/**
 * The 1-based indices of the turns to export as targets: all turns or the bench sampling, then the provenance
 * filter, less the turns that are not `isExportable`, then the seeded subsample when one is asked for. The filters never change history: a kept turn's context
 * shows every earlier turn as it was sent.
 */
export function selectTurns(record: SessionRecord, filter: TurnFilter): number[] {
  const total = record.turns.length;
  const indices =
    filter.turns === 'sampled' ? sampleTurnIndices(total) : Array.from({ length: total }, (_, i) => i + 1);
  const allowed = filter.provenance;
  return indices.filter((index) => {
    const turn = record.turns[index - 1];
    if (turn === undefined || !isExportable(turn)) return false;
    if (allowed !== undefined && !allowed.includes(turn.provenance.source)) return false;
    return (
      filter.subsample === undefined || keepInSubsample(record.id, index, filter.subsample, filter.seed ?? 0)
    );
  });
}
