/**
 * What `@modelcontextprotocol/server-memory` (version 2026.8.31, its dist/index.js) answers to one tool call on a
 * graph it holds, byte for byte: the text of its one content block and its isError flag. The graph after the call
 * comes from mcp-state-graph.ts (`applyMemoryCall`, checked against the real server); this file adds the result
 * text each tool handler writes (`JSON.stringify(result, null, 2)` of what it added or found, or a fixed line).
 *
 * Calls the server refuses before any handler runs (an unknown tool, arguments its zod schema rejects) change
 * nothing, but their error text is the SDK's and zod's wording (a JSON dump of zod issues that differs between
 * zod versions), so they are `refused`: the graph is known to be unchanged, the text is not computed here.
 */
import { z } from 'zod';
import {
  applyMemoryCall,
  type MemoryEntity,
  type MemoryGraph,
  type MemoryRelation,
} from '../../engines/local/mcp-state-graph.js';

/** The arguments' schemas of the tools that only read (the writes' are in mcp-state-graph.ts). */
const READ_SCHEMAS = {
  read_graph: z.object({}),
  search_nodes: z.object({ query: z.string() }),
  open_nodes: z.object({ names: z.array(z.string()) }),
} as const;

/** The tools server-memory has. */
export const MEMORY_TOOLS = [
  'create_entities',
  'create_relations',
  'add_observations',
  'delete_entities',
  'delete_observations',
  'delete_relations',
  'read_graph',
  'search_nodes',
  'open_nodes',
] as const;

/** The fixed text of the tools whose result does not depend on the graph. */
const FIXED_TEXTS: Readonly<Record<string, string>> = {
  delete_entities: 'Entities deleted successfully',
  delete_observations: 'Observations deleted successfully',
  delete_relations: 'Relations deleted successfully',
};

export type MemoryCallResult =
  | {
      readonly kind: 'result';
      readonly text: string;
      readonly isError: boolean;
      readonly graph: MemoryGraph;
    }
  /** Refused before any handler runs: the graph is unchanged; the error text is the SDK's and zod's. */
  | { readonly kind: 'refused'; readonly reason: string };

/** Whether a tool's result text is the same whatever the graph holds (its arguments valid). */
export function resultIgnoresGraph(name: string): boolean {
  return Object.hasOwn(FIXED_TEXTS, name);
}

/** What server-memory answers to `name(args)` on `graph`, and the graph after it. */
export function memoryCallResult(graph: MemoryGraph, name: string, args: unknown): MemoryCallResult {
  if (!(MEMORY_TOOLS as readonly string[]).includes(name)) {
    return { kind: 'refused', reason: `a tool server-memory does not have: ${name}` };
  }
  if (Object.hasOwn(READ_SCHEMAS, name)) {
    const parsed = READ_SCHEMAS[name as keyof typeof READ_SCHEMAS].safeParse(args);
    if (!parsed.success) return refusedArguments(name);
    return { kind: 'result', text: readText(graph, name, parsed.data), isError: false, graph };
  }
  const applied = applyMemoryCall(graph, name, args);
  if (applied.effect === 'refused') return refusedArguments(name);
  if (applied.effect === 'failed') {
    return { kind: 'result', text: missingEntityText(graph, args), isError: true, graph };
  }
  const fixed = FIXED_TEXTS[name];
  if (fixed !== undefined) return { kind: 'result', text: fixed, isError: false, graph: applied.graph };
  return {
    kind: 'result',
    text: writeText(graph, applied.graph, name, args),
    isError: false,
    graph: applied.graph,
  };
}

function refusedArguments(name: string): MemoryCallResult {
  return {
    kind: 'refused',
    reason: `arguments the ${name} input schema refuses (the SDK's zod error text is not reproduced)`,
  };
}

/** `create_entities` and `create_relations` answer what they appended; `add_observations` what it added. */
function writeText(before: MemoryGraph, after: MemoryGraph, name: string, args: unknown): string {
  if (name === 'create_entities') return pretty(after.entities.slice(before.entities.length));
  if (name === 'create_relations') return pretty(after.relations.slice(before.relations.length));
  return pretty(addedObservations(before, args));
}

/** The `results` of `add_observations`, computed as its handler does (each addition sees the ones before it). */
function addedObservations(
  graph: MemoryGraph,
  args: unknown,
): { entityName: string; addedObservations: string[] }[] {
  // The handler finds the first entity of a name (one call may have created two).
  const observations = new Map<string, string[]>();
  for (const entity of graph.entities) {
    if (!observations.has(entity.name)) observations.set(entity.name, [...entity.observations]);
  }
  const additions = (args as { observations: { entityName: string; contents: string[] }[] }).observations;
  return additions.map((addition) => {
    const kept = observations.get(addition.entityName) ?? [];
    const fresh = addition.contents.filter((content) => !kept.includes(content));
    kept.push(...fresh);
    return { entityName: addition.entityName, addedObservations: fresh };
  });
}

/** The handler's error for an `add_observations` naming an entity the graph lacks (the first such one). */
function missingEntityText(graph: MemoryGraph, args: unknown): string {
  const additions = (args as { observations: { entityName: string }[] }).observations;
  const missing = additions.find(
    (addition) => !graph.entities.some((entity) => entity.name === addition.entityName),
  );
  return `Entity with name ${missing?.entityName} not found`;
}

function readText(graph: MemoryGraph, name: string, args: Record<string, unknown>): string {
  if (name === 'read_graph') return pretty({ entities: graph.entities, relations: graph.relations });
  const entities =
    name === 'search_nodes'
      ? searchEntities(graph.entities, (args as { query: string }).query)
      : graph.entities.filter((entity) => (args as { names: string[] }).names.includes(entity.name));
  const names = new Set(entities.map((entity) => entity.name));
  const relations = graph.relations.filter(
    (relation: MemoryRelation) => names.has(relation.from) || names.has(relation.to),
  );
  return pretty({ entities, relations });
}

/** `searchNodes`: the query, lower-cased, within the name, the type or an observation, lower-cased. */
function searchEntities(entities: readonly MemoryEntity[], query: string): MemoryEntity[] {
  const needle = query.toLowerCase();
  return entities.filter(
    (entity) =>
      entity.name.toLowerCase().includes(needle) ||
      entity.entityType.toLowerCase().includes(needle) ||
      entity.observations.some((observation) => observation.toLowerCase().includes(needle)),
  );
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
