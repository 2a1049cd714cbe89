/**
 * The server-memory twin: the knowledge graph of `@modelcontextprotocol/server-memory` kept per session, answering
 * each tool call with the real server's result text byte for byte (memory-results.ts). It simulates only a spec
 * that names server-memory and starts empty (no `serverState`, no `resourceIds`); other mcp worlds are declined
 * turn by turn, so a hybrid engine's model answers them.
 *
 * What it knows after a turn it declined: a call the server refuses before any handler runs (a tool it does not
 * have, arguments its schema rejects) changes nothing, so the graph stays known whatever the model answered; any
 * other declined call leaves the graph unknown, and from then on the twin answers only the calls whose result does
 * not depend on it (the three deletes, whose text is fixed) and declines the rest.
 */
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { PredictRequest } from '../../core/engine.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { readMcpInitialData } from '../../domains/mcp/initial-data.js';
import {
  EMPTY_MEMORY_GRAPH,
  type MemoryGraph,
  renderReadGraph,
} from '../../engines/local/mcp-state-graph.js';
import type { Twin, TwinAnswer, TwinState } from '../twin.js';
import { memoryCallResult, resultIgnoresGraph } from './memory-results.js';

export const MEMORY_TWIN_VERSION = 1;
/** The server name an mcp spec gives server-memory (`initialState.data.serverName`). */
export const MEMORY_SERVER_NAME = 'server-memory';
/** The server-memory release whose answers the twin reproduces. */
export const MEMORY_SERVER_VERSION = '2026.8.31';
/** The most characters of the graph's JSON a declined turn's state summary shows. */
const SUMMARY_GRAPH_CHARS = 8_000;

export interface MemoryServerTwinOptions {
  /** Most sessions kept; the least recently used is dropped (and rebuilt from history if it comes back). */
  readonly maxSessions?: number | undefined;
}

/** One session's world: its calls so far and its graph, undefined once a model-answered turn left it unknown. */
interface MemorySession {
  readonly actions: readonly string[];
  readonly graph: MemoryGraph | undefined;
  /** Which model-answered turn left the graph unknown. */
  readonly graphLost?: string | undefined;
  /** What the twin cannot know: every model-answered turn's result text, and the graph once lost. */
  readonly unknowns: readonly string[];
}

type Step =
  | {
      readonly kind: 'answered';
      readonly text: string;
      readonly reason: string;
      readonly session: MemorySession;
    }
  /** `unchanged`: the real server would change nothing (the call is refused before it runs). */
  | { readonly kind: 'declined'; readonly reason: string; readonly unchanged: boolean };

export class MemoryServerTwin implements Twin {
  readonly id = 'mcp-memory-twin';
  private readonly sessions = new Map<string, MemorySession>();
  private readonly maxSessions: number;

  constructor(options: MemoryServerTwinOptions = {}) {
    this.maxSessions = options.maxSessions ?? 256;
  }

  identity(): Record<string, unknown> {
    return {
      twin: this.id,
      version: MEMORY_TWIN_VERSION,
      server: MEMORY_SERVER_NAME,
      serverVersion: MEMORY_SERVER_VERSION,
    };
  }

  /** Every mcp world: a server other than an empty server-memory is declined turn by turn (see specRefusal). */
  supports(request: Pick<PredictRequest, 'spec'>): boolean {
    return request.spec.domain === 'mcp';
  }

  async answer(request: PredictRequest, options: CallOptions = {}): Promise<TwinAnswer> {
    throwIfAborted(options.signal);
    const refusal = specRefusal(request.spec);
    if (refusal !== undefined) return { kind: 'declined', reason: refusal, state: refusedState(refusal) };
    const session = this.sessionFor(request);
    const step = stepSession(session, request.action);
    if (step.kind === 'declined') return { kind: 'declined', reason: step.reason, state: stateOf(session) };
    this.remember(request.sessionId, step.session);
    return { kind: 'answered', observation: step.text, reason: step.reason };
  }

  /** The model's text changes nothing the twin knows: the server's graph follows the call, not the answer. */
  async absorb(request: PredictRequest, _observation: string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    if (specRefusal(request.spec) !== undefined) return;
    const session = this.sessionFor(request);
    this.remember(request.sessionId, absorbed(session, request.action, request.turnIndex));
  }

  async releaseSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }

  private remember(sessionId: string, session: MemorySession): void {
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }

  /** The session's world before this request's action, rebuilt from its history when unseen or diverged. */
  private sessionFor(request: PredictRequest): MemorySession {
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    const known = this.sessions.get(request.sessionId);
    if (known !== undefined && sameActions(known.actions, history)) return known;
    let session: MemorySession = { actions: [], graph: EMPTY_MEMORY_GRAPH, unknowns: [] };
    for (const turn of request.history) {
      const step = stepSession(session, turn.action);
      // A recorded observation the twin would not have written came from elsewhere (a model, a perturbation).
      session =
        step.kind === 'answered' && step.text === turn.observation
          ? step.session
          : absorbed(session, turn.action, turn.index);
    }
    this.remember(request.sessionId, session);
    return session;
  }
}

/** Why the twin does not simulate a spec's server (it completes "declined: …"), or undefined when it does. */
export function specRefusal(spec: WorldSpec): string | undefined {
  let data: ReturnType<typeof readMcpInitialData>;
  try {
    data = readMcpInitialData(spec);
  } catch {
    return 'the spec has invalid initialState.data';
  }
  if (data.serverName !== MEMORY_SERVER_NAME) {
    const named =
      data.serverName === undefined ? 'a server the spec does not name' : `the server ${data.serverName}`;
    return `${named} (the twin simulates only ${MEMORY_SERVER_NAME})`;
  }
  const stated: string[] = [];
  if (data.serverState !== undefined && Object.keys(data.serverState).length > 0) stated.push('serverState');
  if (data.resourceIds !== undefined && data.resourceIds.length > 0) stated.push('resourceIds');
  if (stated.length === 0) return undefined;
  return `a ${MEMORY_SERVER_NAME} that starts with state (initialState.data ${stated.join(', ')}; the twin starts empty)`;
}

/** The call of an mcp action (`{ name, arguments }`, arguments `{}` when absent), or undefined. */
function callOf(action: unknown): { name: string; arguments: Record<string, unknown> } | undefined {
  if (!isPlainObject(action) || typeof action.name !== 'string') return undefined;
  const args = action.arguments ?? {};
  return isPlainObject(args) ? { name: action.name, arguments: args } : undefined;
}

/** One call on a session's graph: the server's exact answer, or why the twin cannot give it. */
function stepSession(session: MemorySession, action: unknown): Step {
  const call = callOf(action);
  if (call === undefined) return { kind: 'declined', reason: 'not an mcp tool call', unchanged: false };
  const actions = [...session.actions, JSON.stringify(action)];
  // Arguments are checked on the empty graph when the graph is unknown: whether the server refuses them does not
  // depend on the graph.
  const result = memoryCallResult(session.graph ?? EMPTY_MEMORY_GRAPH, call.name, call.arguments);
  if (result.kind === 'refused') return { kind: 'declined', reason: result.reason, unchanged: true };
  if (session.graph === undefined) {
    if (!resultIgnoresGraph(call.name)) {
      return {
        kind: 'declined',
        reason: `the graph is unknown: ${session.graphLost ?? 'a model answered an earlier turn'}`,
        unchanged: false,
      };
    }
    return {
      kind: 'answered',
      text: result.text,
      reason: `${MEMORY_SERVER_NAME}:${call.name} (fixed text; the graph stays unknown)`,
      session: { ...session, actions },
    };
  }
  return {
    kind: 'answered',
    text: result.text,
    reason: `${MEMORY_SERVER_NAME}:${call.name}${result.isError ? ' (error result)' : ''}`,
    session: { ...session, actions, graph: result.graph },
  };
}

/**
 * The session after a turn someone else answered (a model; or, in a rebuilt history, a turn whose recorded result
 * is not the one the twin computes). A call the server refuses before running changes nothing, so the graph stays
 * known. Anything else leaves the graph unknown: a call the twin declined is one it cannot apply, and a call it
 * could apply but whose recorded result differs from the server's belongs to a world the history tells otherwise
 * (a model's story, a perturbation), which the twin does not guess.
 */
function absorbed(session: MemorySession, action: unknown, turnIndex: number): MemorySession {
  const actions = [...session.actions, JSON.stringify(action)];
  const name = callOf(action)?.name ?? 'an unreadable call';
  const text = `the result text of turn ${turnIndex} (${name}), answered by a model`;
  const step = stepSession(session, action);
  if (step.kind === 'declined' && step.unchanged)
    return {
      ...session,
      actions,
      unknowns: [...session.unknowns, `${text}; the server refuses it, so the graph is unchanged`],
    };
  const lost = session.graphLost ?? `turn ${turnIndex} (${name}) was answered by a model`;
  const unknowns = [...session.unknowns, `the graph after turn ${turnIndex} (${name}), answered by a model`];
  return { actions, graph: undefined, graphLost: lost, unknowns };
}

/** The twin's account of a session's graph, for the model that answers a declined turn. */
function stateOf(session: MemorySession): TwinState {
  if (session.graph === undefined) {
    return {
      summary: `The ${MEMORY_SERVER_NAME} knowledge graph is unknown: ${session.unknowns.join('; ')}.`,
      facts: { server: MEMORY_SERVER_NAME, graphKnown: false },
      unknowns: session.unknowns,
    };
  }
  const json = renderReadGraph(session.graph);
  const shown =
    json.length <= SUMMARY_GRAPH_CHARS
      ? json
      : `${json.slice(0, SUMMARY_GRAPH_CHARS)}\n… (${json.length} characters in all)`;
  return {
    summary: `The ${MEMORY_SERVER_NAME} knowledge graph holds ${session.graph.entities.length} entities and ${session.graph.relations.length} relations; its read_graph result:\n${shown}`,
    facts: {
      server: MEMORY_SERVER_NAME,
      graphKnown: true,
      entities: session.graph.entities.length,
      relations: session.graph.relations.length,
      graph: session.graph,
    },
    unknowns: session.unknowns,
  };
}

function refusedState(reason: string): TwinState {
  return { summary: `The twin does not simulate this server: ${reason}.`, facts: {}, unknowns: [reason] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameActions(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** A server-memory twin (see MemoryServerTwin). */
export function createMemoryServerTwin(options: MemoryServerTwinOptions = {}): MemoryServerTwin {
  return new MemoryServerTwin(options);
}
