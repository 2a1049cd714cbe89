/**
 * The turns that stand for a server-memory graph in the mcp model's context when the calls that built it have
 * left (mcp-state-window.ts). Two forms:
 *
 * - `replay` (the default): the calls that build the graph on an empty server, as the training sessions make
 *   them — `create_entities` of two entities at a time (each with its observations as they stand now), then
 *   `create_relations` two at a time — each with the result the real server answers to it. The model learned to
 *   track entities from such calls, and a real server given these calls ends in exactly this graph.
 * - `read_graph`: one `call read_graph {}` with the graph as its result. Shorter, but the model was never shown a
 *   non-empty graph at the start of a session and copies it badly (bench/mcp-state).
 *
 * A graph too large for the room keeps its newest entities and relations and counts what it left out.
 */
import { type McpLayoutCall, renderMcpCall } from './mcp-sequence-layout.js';
import {
  type MemoryEntity,
  type MemoryGraph,
  type MemoryRelation,
  renderReadGraph,
} from './mcp-state-graph.js';
import type { LayoutTurn } from './sequence-layout.js';

export const STATE_FORMS = ['replay', 'read_graph'] as const;
export type StateForm = (typeof STATE_FORMS)[number];

/** Entities per replayed `create_entities` and relations per `create_relations` (training draws 1 to 3). */
export const REPLAY_BATCH = 2;

/** The turns shown in place of dropped turns. */
export interface StateTurns {
  readonly turns: readonly LayoutTurn[];
  /** Tokens they take: echoes, results and end tokens. */
  readonly tokens: number;
  readonly entities: number;
  readonly relations: number;
  /** Entities and relations of the graph left out because the whole graph did not fit. */
  readonly omittedEntities: number;
  readonly omittedRelations: number;
}

function turnOf(call: McpLayoutCall, result: unknown): LayoutTurn {
  return { echo: renderMcpCall(call), target: JSON.stringify(result, null, 2) };
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += REPLAY_BATCH)
    out.push(items.slice(start, start + REPLAY_BATCH));
  return out;
}

/** The turns of a graph in one form (see the file comment). */
export function renderStateTurns(graph: MemoryGraph, form: StateForm): LayoutTurn[] {
  if (form === 'read_graph') {
    return [{ echo: renderMcpCall({ name: 'read_graph', arguments: {} }), target: renderReadGraph(graph) }];
  }
  const entityTurns = batches(graph.entities).map((entities) =>
    turnOf({ name: 'create_entities', arguments: { entities } }, entities),
  );
  const relationTurns = batches(graph.relations).map((relations) =>
    turnOf({ name: 'create_relations', arguments: { relations } }, relations),
  );
  return [...entityTurns, ...relationTurns];
}

function tokensOf(turns: readonly LayoutTurn[]): number {
  return turns.reduce(
    (sum, turn) => sum + Buffer.byteLength(turn.echo) + Buffer.byteLength(turn.target) + 1,
    0,
  );
}

/**
 * The state turns of a graph in at most `maxTokens` tokens: the whole graph when it fits, else its newest part
 * (the oldest entities leave first, each with the relations it shares with no entity kept, then the oldest
 * relations), entities `pinned` (those the next call is about) leaving last. Undefined when not even the empty
 * graph fits. An empty graph replays as no turns at all.
 */
export function stateTurnsOf(
  graph: MemoryGraph,
  maxTokens: number,
  form: StateForm,
  pinned: (entity: MemoryEntity) => boolean = () => false,
): StateTurns | undefined {
  let entities: MemoryEntity[] = [...graph.entities];
  let relations: MemoryRelation[] = [...graph.relations];
  const dropped = new Set<string>();
  for (;;) {
    const turns = renderStateTurns({ entities, relations }, form);
    const tokens = tokensOf(turns);
    if (tokens <= maxTokens) {
      return {
        turns,
        tokens,
        entities: entities.length,
        relations: relations.length,
        omittedEntities: graph.entities.length - entities.length,
        omittedRelations: graph.relations.length - relations.length,
      };
    }
    if (entities.length > 0) {
      const leaving = entities.find((entity) => !pinned(entity)) ?? (entities[0] as MemoryEntity);
      dropped.add(leaving.name);
      entities = entities.filter((entity) => entity !== leaving);
      const kept = new Set(entities.map((entity) => entity.name));
      relations = relations.filter(
        (relation) =>
          kept.has(relation.from) ||
          kept.has(relation.to) ||
          (!dropped.has(relation.from) && !dropped.has(relation.to)),
      );
    } else if (relations.length > 0) {
      relations = relations.slice(1);
    } else {
      return undefined;
    }
  }
}

/**
 * The entities a call is about, which a state too large for the context keeps longest: those whose name is a
 * string anywhere in its arguments, and for `search_nodes` those the server's search finds (the query in the
 * name, type or an observation, ignoring case).
 */
export function callConcerns(name: string, args: Record<string, unknown>): (entity: MemoryEntity) => boolean {
  const strings = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) for (const item of value) collect(item);
    else if (value !== null && typeof value === 'object')
      for (const item of Object.values(value)) collect(item);
  };
  collect(args);
  const query =
    name === 'search_nodes' && typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
  return (entity) =>
    strings.has(entity.name) ||
    (query !== undefined &&
      (entity.name.toLowerCase().includes(query) ||
        entity.entityType.toLowerCase().includes(query) ||
        entity.observations.some((observation) => observation.toLowerCase().includes(query))));
}
