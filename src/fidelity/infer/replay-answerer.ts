import type { RowAnswerer } from './answerer.js';

/**
 * `--engine replay`: answers each row with its own recorded observation (`response[turn_idx-1]`), as a replay of
 * the real session would. The ceiling of every metric: it checks a pipeline end to end without a model.
 */
export function createReplayAnswerer(): RowAnswerer {
  return {
    manifest: { engine: 'replay', name: 'recorded-observation', parameters: {} },
    async answer(row) {
      return { content: row.response[row.turn_idx - 1] ?? '', finishReason: 'stop' };
    },
    notices: () => [],
  };
}
