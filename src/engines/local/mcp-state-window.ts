/**
 * The mcp model's history window with a state turn. When a session's calls and results no longer fit the
 * context, the oldest turns leave it, and with them the entities they created: the model, trained on whole
 * sessions that start from an empty graph, then answers reads as if those entities never existed. Here the
 * dropped turns are replaced by state turns that hold the graph as server-memory holds it after them
 * (mcp-state-graph.ts, in a form of mcp-state-turns.ts), so later reads still see the whole graph.
 */
import { EMPTY_MEMORY_GRAPH, type MemoryEntity, type MemoryGraph } from './mcp-state-graph.js';
import { type StateForm, type StateTurns, stateTurnsOf } from './mcp-state-turns.js';

/** Share of the history window the state turns may take; the rest keeps the latest turns. */
export const STATE_SHARE = 0.75;

/** Token counts and graphs that decide a prompt's window (see `stateWindow`). */
export interface StateWindowInput {
  /** Tokens of each earlier turn (echo, result, end token), oldest first. */
  readonly turnLengths: readonly number[];
  /** The graph before each earlier turn, and after the last one (`turnLengths.length + 1` graphs). */
  readonly graphs: readonly MemoryGraph[];
  readonly echoLength: number;
  readonly headLength: number;
  readonly contextSize: number;
  readonly outputReserve: number;
  readonly echoReserve: number;
  readonly form: StateForm;
  /** Entities the call is about, kept longest when the graph does not fit whole (`callConcerns`). */
  readonly pinned?: (entity: MemoryEntity) => boolean;
}

/** The window chosen: turns from `first` on, after the state turn when `first` is above 0. */
export interface StateWindow {
  readonly first: number;
  readonly state?: StateTurns;
}

/**
 * The window of one more call: every turn when they fit with the echo reserve free (no state turn: the model
 * saw whole sessions; the same test as `promptWindow`'s), else a
 * state turns holding the graph before the first turn kept, then the turns from there. The window moves in jumps
 * as `windowStart` does (context-window.ts): when state and turns outgrow the budget, turns leave until half of
 * it is used, so the following calls extend one prefix (and its KV cache); the start depends only on the
 * history, so the same history always gives the same context. Undefined when even a state turn and the echo do
 * not fit.
 */
export function stateWindow(input: StateWindowInput): StateWindow | undefined {
  const budget = input.contextSize - input.outputReserve - input.headLength;
  const lengths = input.turnLengths;
  const window = budget - input.echoReserve;
  const stateCap = Math.floor(window * STATE_SHARE);
  const states = new Map<number, StateTurns | undefined>();
  const stateAt = (first: number): StateTurns | undefined => {
    if (!states.has(first))
      states.set(
        first,
        stateTurnsOf(input.graphs[first] ?? EMPTY_MEMORY_GRAPH, stateCap, input.form, input.pinned),
      );
    return states.get(first);
  };
  const stateTokens = (first: number): number => (first === 0 ? 0 : (stateAt(first)?.tokens ?? stateCap));
  let start = 0;
  let total = 0;
  for (let index = 0; index < lengths.length; index++) {
    total += lengths[index] as number;
    if (stateTokens(start) + total > window) {
      while (start <= index && stateTokens(start) + total > window / 2) {
        total -= lengths[start] as number;
        start++;
      }
    }
  }
  while (stateTokens(start) + total + input.echoLength > budget && start < lengths.length) {
    total -= lengths[start] as number;
    start++;
  }
  if (start === 0) return stateTokens(0) + total + input.echoLength > budget ? undefined : { first: 0 };
  let state = stateAt(start);
  if (state !== undefined && state.tokens + total + input.echoLength > budget) {
    // Every turn has gone and the echo is unusually long: the state keeps less of the graph.
    state = stateTurnsOf(
      input.graphs[start] ?? EMPTY_MEMORY_GRAPH,
      budget - input.echoLength,
      input.form,
      input.pinned,
    );
  }
  return state === undefined ? undefined : { first: start, state };
}
