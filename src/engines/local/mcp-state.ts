/**
 * The mcp simulator's history with the server's graph beside it: the layout turns of a session and the
 * server-memory graph before each of them (mcp-state-graph.ts), and the arrangement that puts a state turn in
 * place of the turns that leave the context (mcp-state-window.ts).
 */
import type { SessionEvent, Turn } from '../../core/turn.js';
import { type McpLayoutCall, mcpCallOfAction, mcpLayoutTurn, renderMcpCall } from './mcp-sequence-layout.js';
import { applyMemoryCall, EMPTY_MEMORY_GRAPH, type MemoryGraph } from './mcp-state-graph.js';
import { callConcerns, type StateForm } from './mcp-state-turns.js';
import { type StateWindow, stateWindow } from './mcp-state-window.js';
import { echoReserve } from './model-context.js';
import { byteIds, type LayoutTurn } from './sequence-layout.js';
import { UNSUPPORTED_EVENT } from './terminal-turns.js';
import type { ArrangeHistory } from './windowed-decode.js';

/** The event of a prediction whose dropped turns a state turn replaced. */
export const STATE_EVENT = 'local.state';

/** An mcp session's layout turns and the server's graph before each, and after the last. */
export interface McpHistory {
  readonly turns: readonly LayoutTurn[];
  /** `turns.length + 1` graphs: before each turn, then after the last. */
  readonly graphs: readonly MemoryGraph[];
}

/**
 * The layout turns of a history, oldest first, and the graph before each. Turns the engine labelled unsupported
 * did not run and are left out of both; a turn the layout cannot write (another engine answered it, or its
 * server's error flag disagrees with its text) is no layout turn, but its call still changes the graph.
 */
export function mcpHistory(history: readonly Turn[]): McpHistory {
  const turns: LayoutTurn[] = [];
  const graphs: MemoryGraph[] = [];
  let graph = EMPTY_MEMORY_GRAPH;
  for (const turn of history) {
    if (turn.events.some((event) => event.type === UNSUPPORTED_EVENT)) continue;
    const laid = mcpLayoutTurn(turn);
    if (laid !== undefined) {
      turns.push(laid);
      graphs.push(graph);
    }
    const call = mcpCallOfAction(turn.action);
    if (call !== undefined) graph = applyMemoryCall(graph, call.name, call.arguments).graph;
  }
  graphs.push(graph);
  return { turns, graphs };
}

/** The arrangement of one prediction and the window it chose last (the one the prompt used). */
export interface StateArrangement {
  readonly arrange: ArrangeHistory;
  chosen(): StateWindow | undefined;
}

/**
 * Arranges the history of one call: the turns that fit, after state turns holding the graph before the first
 * of them when older ones had to leave (see `stateWindow`; a graph too large for them keeps what the call is
 * about longest).
 */
export function stateArrangement(
  history: McpHistory,
  call: McpLayoutCall,
  form: StateForm,
): StateArrangement {
  const echo = renderMcpCall(call);
  const pinned = callConcerns(call.name, call.arguments);
  const turnLengths = history.turns.map(
    (turn) => byteIds(turn.echo).length + byteIds(turn.target).length + 1,
  );
  const echoLength = byteIds(echo).length;
  let chosen: StateWindow | undefined;
  return {
    arrange: (room) => {
      chosen = stateWindow({
        turnLengths,
        graphs: history.graphs,
        echoLength,
        headLength: room.headLength,
        contextSize: room.contextSize,
        outputReserve: room.outputReserve,
        echoReserve: echoReserve(room.contextSize),
        form,
        pinned,
      });
      if (chosen === undefined) return undefined;
      const kept = history.turns.slice(chosen.first);
      return {
        turns: chosen.state === undefined ? kept : [...chosen.state.turns, ...kept],
        firstTurn: chosen.first,
      };
    },
    chosen: () => chosen,
  };
}

/** The event saying which turns a state turn replaced and how much of the graph it holds. */
export function stateEvent(window: StateWindow): SessionEvent | undefined {
  const state = window.state;
  if (state === undefined) return undefined;
  const omitted = state.omittedEntities + state.omittedRelations;
  return {
    type: STATE_EVENT,
    message:
      omitted === 0
        ? `The ${window.first} oldest calls left the model's context; the graph after them took their place.`
        : `The ${window.first} oldest calls left the model's context; the graph after them was too large for it, so ` +
          `only its newest part took their place (${state.omittedEntities} entities and ` +
          `${state.omittedRelations} relations left out).`,
    data: {
      droppedTurns: window.first,
      stateTokens: state.tokens,
      entities: state.entities,
      relations: state.relations,
      omittedEntities: state.omittedEntities,
      omittedRelations: state.omittedRelations,
    },
  };
}
