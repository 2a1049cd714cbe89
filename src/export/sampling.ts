/**
 * AgentWorldBench's turn sampling for text domains: the first turn, the last turn and three uniformly spaced
 * middle turns (1-based indices, ascending, without duplicates, so short sessions give fewer).
 */
export function sampleTurnIndices(totalTurns: number): number[] {
  if (totalTurns < 1) return [];
  const picks = new Set<number>([1, totalTurns]);
  for (let k = 1; k <= 3; k++) picks.add(Math.round(1 + (k * (totalTurns - 1)) / 4));
  return [...picks].sort((a, b) => a - b);
}
