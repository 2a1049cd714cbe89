import { type Repetition, RepetitionGuard, type RepetitionLimits } from './repetition-guard.js';
import { commonPrefixLength, type SequenceSlot } from './sequence-pool.js';

export interface DecodeResult {
  /** Generated ids, without the end token. */
  readonly ids: number[];
  /** Probability of each generated id (the end token's last, when it came). */
  readonly probabilities: number[];
  /**
   * `stop`: the end token came; `length`: maxTokens was reached; `aborted`: the signal fired; `repetition`: the
   * output ran away repeating one short unit (see repetition-guard.ts), and was cut after its first copy.
   */
  readonly finish: 'stop' | 'length' | 'aborted' | 'repetition';
  /** With `repetition`: the unit's length and how many generated ids were cut. */
  readonly repetition?: { readonly period: number; readonly cutIds: number };
  /** Prompt tokens whose KV cache was reused. */
  readonly reused: number;
  /** Prompt tokens evaluated now. */
  readonly evaluated: number;
  /** Generated ids that came from checking the expected line in one batch rather than one by one. */
  readonly checkedAhead: number;
}

/** Bytes of the expected line the model must write itself, after a line break, before the rest is checked. */
const EXPECTED_LINE_TRIGGER = 3;

/**
 * Whether `ids` end with a line break (or start) followed by exactly the first EXPECTED_LINE_TRIGGER ids of
 * `expected`: the model has started writing the expected line.
 */
function startsExpectedLine(ids: readonly number[], expected: readonly number[], lineBreak: number): boolean {
  const trigger = EXPECTED_LINE_TRIGGER;
  if (expected.length <= trigger || ids.length < trigger) return false;
  const start = ids.length - trigger;
  if (start > 0 && ids[start - 1] !== lineBreak) return false;
  for (let index = 0; index < trigger; index++) if (ids[start + index] !== expected[index]) return false;
  return true;
}

interface Generation {
  readonly ids: number[];
  readonly probabilities: number[];
  finish: DecodeResult['finish'];
  checkedAhead: number;
  readonly guard: RepetitionGuard | undefined;
  repetition?: { period: number; cutIds: number };
}

/**
 * Feeds the id just appended to the repetition guard; on a runaway, cuts the output after the first copy of the
 * repeated unit, marks the generation finished and returns true.
 */
function ranAway(generation: Generation): boolean {
  const found: Repetition | undefined = generation.guard?.push(
    generation.ids[generation.ids.length - 1] as number,
  );
  if (found === undefined) return false;
  const keep = found.start + found.period;
  generation.repetition = { period: found.period, cutIds: generation.ids.length - keep };
  generation.ids.length = keep;
  generation.probabilities.length = keep;
  generation.finish = 'repetition';
  return true;
}

/**
 * Streams greedy tokens after `input` into `generation` until the end token, maxTokens, the signal, or (with an
 * expected line) the moment the model has started writing that line; then returns the last token, which the
 * sequence has not evaluated yet.
 */
async function streamUntilExpected(
  slot: SequenceSlot,
  input: number[],
  generation: Generation,
  options: DecodeOptions,
): Promise<number | undefined> {
  const expected = options.expectedLine;
  const stream = slot.sequence.evaluateWithMetadata(
    input,
    { confidence: true },
    { temperature: 0, yieldEogToken: true },
  );
  for await (const output of stream) {
    generation.probabilities.push(output.confidence);
    if (output.token === options.endToken) {
      generation.finish = 'stop';
      return undefined;
    }
    generation.ids.push(output.token);
    if (ranAway(generation)) return undefined;
    if (options.signal?.aborted) {
      generation.finish = 'aborted';
      return undefined;
    }
    if (generation.ids.length >= options.maxTokens) return undefined;
    if (expected !== undefined && startsExpectedLine(generation.ids, expected, options.lineBreak ?? -1)) {
      return output.token;
    }
  }
  // The stream also ends on its own at another end-of-generation token.
  if (generation.ids.length < options.maxTokens) generation.finish = 'stop';
  return undefined;
}

/**
 * The rest of the expected line, evaluated in one batch after `last` (generated, not yet evaluated) with the
 * greedy next token at every position: the ids up to the first disagreement are exactly what greedy decoding
 * would have generated one by one. Those are kept (the rest is erased from the KV cache) and the model's own
 * next token is returned, or undefined when generation is over.
 */
async function checkExpectedLine(
  slot: SequenceSlot,
  last: number,
  generation: Generation,
  options: DecodeOptions,
): Promise<number | undefined> {
  const sequence = slot.sequence;
  const expected = options.expectedLine ?? [];
  const room = options.maxTokens - generation.ids.length;
  const draft = [last, ...expected.slice(EXPECTED_LINE_TRIGGER, EXPECTED_LINE_TRIGGER + room)];
  const start = sequence.nextTokenIndex;
  const results = await sequence.controlledEvaluate(
    draft.map((token) => [token, { generateNext: { token: true, confidence: true } }] as const),
  );
  let accepted = 1;
  let stopped = false;
  while (accepted < draft.length && results[accepted - 1]?.next.token === draft[accepted]) {
    generation.ids.push(draft[accepted] as number);
    generation.probabilities.push(results[accepted - 1]?.next.confidence ?? 0);
    accepted++;
    if (ranAway(generation)) {
      stopped = true;
      break;
    }
  }
  generation.checkedAhead += accepted - 1;
  if (sequence.nextTokenIndex > start + accepted) {
    await sequence.eraseContextTokenRanges([{ start: start + accepted, end: sequence.nextTokenIndex }]);
  }
  const next = results[accepted - 1]?.next;
  if (stopped) return undefined;
  if (options.signal?.aborted) {
    generation.finish = 'aborted';
    return undefined;
  }
  if (generation.ids.length >= options.maxTokens) return undefined;
  if (next?.token === undefined || next.token === null) {
    generation.finish = 'stop';
    return undefined;
  }
  generation.probabilities.push(next.confidence ?? 0);
  if (next.token === options.endToken) {
    generation.finish = 'stop';
    return undefined;
  }
  generation.ids.push(next.token);
  if (ranAway(generation)) return undefined;
  if (generation.ids.length >= options.maxTokens) return undefined;
  return next.token;
}

export interface DecodeOptions {
  readonly evaluateFrom: number;
  readonly maxTokens: number;
  readonly endToken: number;
  readonly signal: AbortSignal | undefined;
  /**
   * A line the output probably contains (the terminal's current prompt, which most outputs end with). Once the
   * model has written a line break and its first EXPECTED_LINE_TRIGGER ids, the rest is checked in one batch:
   * the same ids as one-by-one greedy decoding, at about a third of the cost per id on a CPU.
   */
  readonly expectedLine?: readonly number[];
  /** The id of `\n` (with `expectedLine`). */
  readonly lineBreak?: number;
  /** Stops a runaway repetition (see repetition-guard.ts): the id of `\n`, and the limits. */
  readonly repetition?: { readonly lineBreak: number; readonly limits: RepetitionLimits };
}

/**
 * Greedy decoding of `tokens` on one sequence, reusing the cached prefix. Tokens from `evaluateFrom` on are
 * always evaluated now, in one batch, even when cached: the tail of a prompt is then computed the same way
 * whatever the cache held, so the same history gives the same bytes however the session got there.
 */
export async function greedyDecode(
  slot: SequenceSlot,
  tokens: readonly number[],
  options: DecodeOptions,
): Promise<DecodeResult> {
  const sequence = slot.sequence;
  const cached = commonPrefixLength(sequence.contextTokens, tokens);
  const keep = Math.max(0, Math.min(cached, options.evaluateFrom, tokens.length - 1));
  if (sequence.nextTokenIndex > keep) {
    await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  }
  const generation: Generation = {
    ids: [],
    probabilities: [],
    finish: 'length',
    checkedAhead: 0,
    guard:
      options.repetition === undefined
        ? undefined
        : new RepetitionGuard(options.repetition.lineBreak, options.repetition.limits),
  };
  if (options.signal?.aborted) generation.finish = 'aborted';
  else {
    let input: number[] | undefined = tokens.slice(keep);
    while (input !== undefined) {
      const last = await streamUntilExpected(slot, input, generation, options);
      const next = last === undefined ? undefined : await checkExpectedLine(slot, last, generation, options);
      input = next === undefined ? undefined : [next];
    }
  }
  const { ids, probabilities, finish, checkedAhead, repetition } = generation;
  return {
    ids,
    probabilities,
    finish,
    reused: keep,
    evaluated: tokens.length - keep,
    checkedAhead,
    ...(repetition === undefined ? {} : { repetition }),
  };
}
