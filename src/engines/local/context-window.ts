/**
 * Which turns of a long session stay in the model's context. The window moves in jumps: when the turns no
 * longer fit, the oldest ones are dropped until half the budget is used, so the following turns extend the
 * same window (and reuse its KV cache) instead of shifting it by one turn each time. The start depends only on
 * the turn lengths, so the same history always gives the same context.
 *
 * @returns the index of the first turn kept.
 */
export function windowStart(turnLengths: readonly number[], budget: number): number {
  let start = 0;
  let total = 0;
  for (let index = 0; index < turnLengths.length; index++) {
    total += turnLengths[index] as number;
    if (total > budget) {
      while (start < index && total > budget / 2) {
        total -= turnLengths[start] as number;
        start++;
      }
    }
  }
  return start;
}
