import { sha256 } from '../core/hash.js';

/**
 * AgentWorldBench's turn sampling for text domains: the first turn, the last turn and three uniformly spaced
 * middle turns (1-based indices, ascending, without duplicates, so short sessions give fewer).
 *
 * The paper's GUI sampling ("GUI domains favour harder turns", qwen-agentworld-spec §6, with AndroidWorld's
 * "trivial text entry de-emphasised") names no rule, weights or counts, so the GUI domains (android, web, os)
 * get this same sampling; only the stage after it, a uniform random subsample of all expanded turns (50 % in
 * the paper), is implemented, as `keepInSubsample`.
 */
export function sampleTurnIndices(totalTurns: number): number[] {
  if (totalTurns < 1) return [];
  const picks = new Set<number>([1, totalTurns]);
  for (let k = 1; k <= 3; k++) picks.add(Math.round(1 + (k * (totalTurns - 1)) / 4));
  return [...picks].sort((a, b) => a - b);
}

/** A number in [0, 1) drawn from the seed, the session id and the turn (the first 52 bits of their sha256). */
export function subsampleDraw(sessionId: string, turnIdx: number, seed = 0): number {
  return Number.parseInt(sha256(`${seed}\n${sessionId}\n${turnIdx}`).slice(0, 13), 16) / 2 ** 52;
}

/**
 * Whether turn `turnIdx` of a session stays in a uniform random subsample keeping `fraction` of all expanded
 * turns. Each turn is drawn on its own from (seed, session id, turn), so the choice does not depend on the
 * input's order or on the other sessions, and the same seed always keeps the same turns.
 */
export function keepInSubsample(sessionId: string, turnIdx: number, fraction: number, seed = 0): boolean {
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`A subsample fraction lies in [0, 1], not ${fraction}.`);
  return subsampleDraw(sessionId, turnIdx, seed) < fraction;
}
