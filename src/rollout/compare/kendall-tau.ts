/**
 * Kendall's τ-b: how far two scorings of the same items (here: the policies' mean rewards in the simulator and
 * on the real engine) put them in the same order. Over the n(n−1)/2 pairs of items, a pair is concordant when
 * both scorings order it the same way, discordant when they disagree, and tied when either scoring gives its
 * two items the same value. τ-b corrects for ties:
 *
 *     τ-b = (concordant − discordant) / √((n₀ − tiesX) · (n₀ − tiesY)),   n₀ = n(n−1)/2
 *
 * where tiesX counts the pairs tied in the first scoring (tied-in-both pairs included), tiesY likewise. It is 1
 * for the same order, −1 for the reversed one, 0 for no association; with ties it may not reach ±1 (scipy's
 * `kendalltau` default). It is undefined — returned as `undefined`, never NaN — when fewer than two items are
 * scored or either scoring ties every pair (nothing to rank).
 */
import { AgentWorldError } from '../../core/errors.js';

export interface KendallTau {
  /** τ-b in [−1, 1], or undefined when no pair can be ranked on both sides. */
  readonly tau: number | undefined;
  /** Items scored. */
  readonly n: number;
  readonly concordant: number;
  readonly discordant: number;
  /** Pairs tied in the first scoring (tied-in-both included). */
  readonly tiesFirst: number;
  /** Pairs tied in the second scoring (tied-in-both included). */
  readonly tiesSecond: number;
}

export function kendallTauB(first: readonly number[], second: readonly number[]): KendallTau {
  if (first.length !== second.length) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `Kendall's τ needs two scorings of the same items, got ${first.length} and ${second.length} values.`,
    );
  }
  if ([...first, ...second].some((value) => !Number.isFinite(value)))
    throw new AgentWorldError('INVALID_REQUEST', "Kendall's τ needs finite scores.");
  const n = first.length;
  let concordant = 0;
  let discordant = 0;
  let tiesFirst = 0;
  let tiesSecond = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = Math.sign((first[i] as number) - (first[j] as number));
      const b = Math.sign((second[i] as number) - (second[j] as number));
      if (a === 0) tiesFirst += 1;
      if (b === 0) tiesSecond += 1;
      if (a === 0 || b === 0) continue;
      if (a === b) concordant += 1;
      else discordant += 1;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiesFirst) * (pairs - tiesSecond));
  return {
    // Clamped: rounding must not push a perfect agreement past ±1.
    tau: denominator === 0 ? undefined : Math.max(-1, Math.min(1, (concordant - discordant) / denominator)),
    n,
    concordant,
    discordant,
    tiesFirst,
    tiesSecond,
  };
}

/**
 * Competition ranking ("1224") by score, highest first: items with equal scores share the best rank of their
 * block. Items without a score are left out. Ties keep the input order.
 */
export function rankByScore(
  items: readonly { readonly id: string; readonly score: number | undefined }[],
): { readonly id: string; readonly score: number; readonly rank: number }[] {
  const scored = items
    .flatMap((item) => (item.score === undefined ? [] : [{ id: item.id, score: item.score }]))
    .map((item, position) => ({ ...item, position }))
    .sort((left, right) => right.score - left.score || left.position - right.position);
  return scored.map((item) => ({
    id: item.id,
    score: item.score,
    rank: 1 + scored.filter((other) => other.score > item.score).length,
  }));
}
