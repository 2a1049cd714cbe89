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

/** Token counts that decide a prompt's window (see `promptWindow`). */
export interface PromptWindowInput {
  /** Tokens of each earlier turn (echo, output, end token), oldest first. */
  readonly turnLengths: readonly number[];
  /** Tokens of the current command's echo. */
  readonly echoLength: number;
  /** Tokens before the first turn (`<s>` and the system line). */
  readonly headLength: number;
  readonly contextSize: number;
  /** Tokens kept free for the output. */
  readonly outputReserve: number;
  /** Tokens kept free for echoes when the window moves, so it does not move for every longer command. */
  readonly echoReserve: number;
}

/**
 * The first turn kept in the prompt of one more command: every turn when they fit with the echo and
 * `outputReserve` free (the model was trained on whole sessions), else the `windowStart` jump, then as many more
 * as an unusually long echo needs. Undefined when even the echo alone does not fit.
 */
export function promptWindow(input: PromptWindowInput): number | undefined {
  const budget = input.contextSize - input.outputReserve - input.headLength;
  let first = windowStart(input.turnLengths, budget - input.echoReserve);
  let total = input.turnLengths.slice(first).reduce((sum, length) => sum + length, 0) + input.echoLength;
  while (total > budget && first < input.turnLengths.length) {
    total -= input.turnLengths[first] as number;
    first++;
  }
  return total > budget ? undefined : first;
}
