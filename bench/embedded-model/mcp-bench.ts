import type { SessionRecord } from '../../src/core/turn.js';
import { EXTENSION_CALL_FAMILIES } from '../../src/data-generation/mcp/index.js';
import { type Baseline, type BenchDomain, copyPrevious } from './bench-domain.js';
import { familyOf } from './session-files.js';

/** What server-memory answers to a create that adds nothing, and a model that knows nothing might say. */
const emptyList: Baseline = { name: 'empty list []', predict: () => '[]' };

/**
 * The observation seen most often for each family in `sessions` (ties: the one seen first). Fitted on the very
 * turns it is measured on, so it is the best any answer that ignores the arguments and the history can do.
 */
export function commonestByFamily(sessions: readonly SessionRecord[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const record of sessions) {
    for (const turn of record.turns) {
      const family = familyOf(turn);
      const seen = counts.get(family) ?? new Map<string, number>();
      seen.set(turn.observation, (seen.get(turn.observation) ?? 0) + 1);
      counts.set(family, seen);
    }
  }
  const commonest = new Map<string, string>();
  for (const [family, seen] of counts) {
    let best: [string, number] | undefined;
    for (const entry of seen) if (best === undefined || entry[1] > best[1]) best = entry;
    if (best !== undefined) commonest.set(family, best[0]);
  }
  return commonest;
}

function familyCommonest(sessions: readonly SessionRecord[]): Baseline {
  const commonest = commonestByFamily(sessions);
  return { name: 'family commonest', predict: ({ turn }) => commonest.get(familyOf(turn)) ?? '' };
}

/**
 * The mcp model's bench: tool results of the real server-memory, against `[]`, the family's commonest result
 * and "copy previous result". Results run up to the generator's byte bounds (1,500 per observation), so a turn
 * may generate that many bytes.
 */
export const mcpBench: BenchDomain = {
  observations: 'results',
  unseenFamilies: new Set(EXTENSION_CALL_FAMILIES),
  defaultMaxTokens: 1536,
  baselines: (sessions) => [emptyList, familyCommonest(sessions), copyPrevious],
};
