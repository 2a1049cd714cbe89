import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import { type CommandPrompt, promptTokensFor } from './command-prompt.js';
import { greedyDecode } from './greedy-decode.js';
import type { RepetitionLimits } from './repetition-guard.js';
import { byteIds, EOS_ID, idsToText, type LayoutTurn } from './sequence-layout.js';
import type { SequencePool, SequenceSlot } from './sequence-pool.js';
import { stopError } from './stop-error.js';

/** The id of `\n`, where an expected line starts. */
const LINE_BREAK_ID = byteIds('\n')[0] as number;

/** The engine's running totals that decoding adds to. */
export interface DecodeCounters {
  simulatedCommands: number;
  generatedTokens: number;
  evaluatedTokens: number;
  /** Generated tokens that came from checking an expected line in one batch. */
  checkedAheadTokens: number;
  reusedTokens: number;
  decodeMs: number;
}

export interface DecodeSettings {
  readonly contextSize: number;
  /** Most tokens generated for one turn. */
  readonly maxTokens: number;
  /** Limit for one prediction, waiting for a free sequence included. */
  readonly timeoutMs: number;
  /**
   * Output tokens kept free when the history window is first chosen: more than almost every output the model
   * was trained on. A longer output that runs into the end of the context is generated again with `maxTokens`
   * kept free.
   */
  readonly typicalOutputTokens: number;
  /** `<s>` and the system line, which start every prompt. */
  readonly head: readonly number[];
  /** Stops and cuts a runaway repetition inside a line (see repetition-guard.ts); off when absent. */
  readonly repetition?: RepetitionLimits | undefined;
}

/** One generated turn. */
export interface DecodedTurn {
  readonly text: string;
  /** `length`: cut at `maxTokens`; `repetition`: a runaway repetition, cut after the unit's first copy. */
  readonly finish: 'stop' | 'length' | 'repetition';
  /** With `repetition`: the repeated unit's length and the bytes cut. */
  readonly repetition?: { readonly period: number; readonly cutIds: number };
  /** The probability of the least likely generated token (1 when none was generated). */
  readonly minProbability: number;
  readonly promptTokens: number;
  readonly reusedTokens: number;
  readonly completionTokens: number;
  /** Index of the first history turn kept in the prompt (more than 0 when older turns were dropped). */
  readonly firstTurn: number;
}

/** The room a prompt's history has: the context less the head and the output kept free. */
export interface PromptRoom {
  readonly contextSize: number;
  readonly headLength: number;
  readonly outputReserve: number;
}

/** History turns arranged by the layout for a prompt (see `ArrangeHistory`). */
export interface ArrangedHistory {
  /** The turns to feed, all of which fit the room beside the echo. */
  readonly turns: readonly LayoutTurn[];
  /** Index of the first of the caller's turns kept (reported as `firstTurn`). */
  readonly firstTurn: number;
}

/**
 * A layout's own choice of the history for a room, instead of dropping the oldest turns (the mcp layout puts a
 * state turn in their place); undefined when nothing fits (UNSUPPORTED, as an echo too long for the context).
 */
export type ArrangeHistory = (room: PromptRoom) => ArrangedHistory | undefined;

/** Generates the target of one more turn after the history turns and the echo. */
export type DecodeTurn = (
  turns: readonly LayoutTurn[],
  echo: string,
  expectedLine?: string,
  arrange?: ArrangeHistory,
) => Promise<DecodedTurn>;

/**
 * Greedy decoding of one prediction's turns on one sequence of the pool, the way every layout needs it: the
 * window of history that fits (whole sessions when they fit beside a typical output), one sequence held from
 * the first turn to the end of the prediction, the time limit (ENGINE_TIMEOUT) and the caller's signal
 * (ABORTED) over all of it, and llama.cpp failures as ENGINE_ERROR.
 */
export class WindowedDecoder {
  constructor(
    private readonly pool: SequencePool,
    private readonly settings: DecodeSettings,
    private readonly counters: DecodeCounters,
  ) {}

  /** Most tokens generated for one turn. */
  get maxTokens(): number {
    return this.settings.maxTokens;
  }

  /** Runs `body`, whose `decodeTurn` calls share one sequence and one deadline. */
  async run<T>(
    callerSignal: AbortSignal | undefined,
    body: (decodeTurn: DecodeTurn) => Promise<T>,
  ): Promise<T> {
    const { timeoutMs } = this.settings;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const forward = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forward();
    else callerSignal?.addEventListener('abort', forward, { once: true });
    const signal = controller.signal;
    let slot: SequenceSlot | undefined;
    const decodeTurn: DecodeTurn = async (turns, echo, expectedLine, arrange) => {
      const decoded = await this.decode(turns, echo, expectedLine, arrange, signal, async (tokens) => {
        slot ??= await this.pool.acquire(tokens, signal);
        return slot;
      });
      if (decoded === undefined) throw stopError(timedOut, callerSignal, timeoutMs);
      return decoded;
    };
    try {
      return await body(decodeTurn);
    } catch (error) {
      if (isAgentWorldError(error)) throw error;
      if (signal.aborted) throw stopError(timedOut, callerSignal, timeoutMs);
      throw new AgentWorldError(
        'ENGINE_ERROR',
        `llama.cpp failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forward);
      if (slot !== undefined) this.pool.release(slot);
    }
  }

  /** One turn; undefined when the signal stopped it. */
  private async decode(
    turns: readonly LayoutTurn[],
    echo: string,
    expectedLine: string | undefined,
    arrange: ArrangeHistory | undefined,
    signal: AbortSignal,
    acquire: (tokens: readonly number[]) => Promise<SequenceSlot>,
  ): Promise<DecodedTurn | undefined> {
    const { contextSize, maxTokens, head, repetition } = this.settings;
    // First with as much history as fits beside a typical output (the model was trained on whole sessions, so
    // every dropped turn is state it no longer sees); only an output that fills the context is generated again
    // with the whole `maxTokens` kept free.
    const reserve = Math.min(maxTokens, this.settings.typicalOutputTokens);
    const promptFor = (outputReserve: number): CommandPrompt => {
      if (arrange === undefined) return promptTokensFor(turns, echo, contextSize, outputReserve, head);
      const arranged = arrange({ contextSize, headLength: head.length, outputReserve });
      if (arranged === undefined) {
        throw new AgentWorldError(
          'UNSUPPORTED',
          "The command is too long for the embedded model's context.",
          {
            details: { echoTokens: byteIds(echo).length, budget: contextSize - outputReserve - head.length },
          },
        );
      }
      const prompt = promptTokensFor(arranged.turns, echo, contextSize, outputReserve, head);
      return { ...prompt, firstTurn: arranged.firstTurn + prompt.firstTurn };
    };
    let window = promptFor(reserve);
    const slot = await acquire(window.tokens);
    const started = performance.now();
    const decode = (prompt: CommandPrompt) =>
      greedyDecode(slot, prompt.tokens, {
        evaluateFrom: prompt.evaluateFrom,
        maxTokens: Math.min(maxTokens, contextSize - prompt.tokens.length),
        endToken: EOS_ID,
        signal,
        ...(expectedLine === undefined
          ? {}
          : { expectedLine: byteIds(expectedLine), lineBreak: LINE_BREAK_ID }),
        ...(repetition === undefined ? {} : { repetition: { lineBreak: LINE_BREAK_ID, limits: repetition } }),
      });
    let result = await decode(window);
    if (result.finish === 'length' && contextSize - window.tokens.length < maxTokens && !signal.aborted) {
      window = promptFor(maxTokens);
      result = await decode(window);
    }
    this.counters.decodeMs += performance.now() - started;
    if (result.finish === 'aborted') return undefined;
    this.counters.simulatedCommands++;
    this.counters.generatedTokens += result.ids.length;
    this.counters.evaluatedTokens += result.evaluated;
    this.counters.checkedAheadTokens += result.checkedAhead;
    this.counters.reusedTokens += result.reused;
    let minProbability = 1;
    for (const probability of result.probabilities) minProbability = Math.min(minProbability, probability);
    return {
      text: idsToText(result.ids),
      finish: result.finish,
      minProbability,
      promptTokens: window.tokens.length,
      reusedTokens: result.reused,
      completionTokens: result.probabilities.length,
      firstTurn: window.firstTurn,
      ...(result.repetition === undefined ? {} : { repetition: result.repetition }),
    };
  }
}
