import { commonPrefixLength, type SequenceSlot } from './sequence-pool.js';

export interface DecodeResult {
  /** Generated ids, without the end token. */
  readonly ids: number[];
  /** Probability of each generated id (the end token's last, when it came). */
  readonly probabilities: number[];
  /** `stop`: the end token came; `length`: maxTokens was reached; `aborted`: the signal fired. */
  readonly finish: 'stop' | 'length' | 'aborted';
  /** Prompt tokens whose KV cache was reused. */
  readonly reused: number;
  /** Prompt tokens evaluated now. */
  readonly evaluated: number;
}

/**
 * Greedy decoding of `tokens` on one sequence, reusing the cached prefix. Tokens from `evaluateFrom` on are
 * always evaluated now, in one batch, even when cached: the tail of a prompt is then computed the same way
 * whatever the cache held, so the same history gives the same bytes however the session got there.
 */
export async function greedyDecode(
  slot: SequenceSlot,
  tokens: readonly number[],
  options: {
    readonly evaluateFrom: number;
    readonly maxTokens: number;
    readonly endToken: number;
    readonly signal: AbortSignal | undefined;
  },
): Promise<DecodeResult> {
  const sequence = slot.sequence;
  const cached = commonPrefixLength(sequence.contextTokens, tokens);
  const keep = Math.max(0, Math.min(cached, options.evaluateFrom, tokens.length - 1));
  if (sequence.nextTokenIndex > keep) {
    await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  }
  const ids: number[] = [];
  const probabilities: number[] = [];
  let finish: DecodeResult['finish'] = 'length';
  if (options.signal?.aborted) finish = 'aborted';
  else {
    const stream = sequence.evaluateWithMetadata(
      tokens.slice(keep),
      { confidence: true },
      { temperature: 0, yieldEogToken: true },
    );
    for await (const output of stream) {
      probabilities.push(output.confidence);
      if (output.token === options.endToken) {
        finish = 'stop';
        break;
      }
      ids.push(output.token);
      if (options.signal?.aborted) {
        finish = 'aborted';
        break;
      }
      if (ids.length >= options.maxTokens) break;
    }
    // The stream also ends on its own at another end-of-generation token.
    if (finish === 'length' && ids.length < options.maxTokens) finish = 'stop';
  }
  return { ids, probabilities, finish, reused: keep, evaluated: tokens.length - keep };
}
