/**
 * The knowledge graph a `@modelcontextprotocol/server-memory` session holds after its calls, computed the way the
 * server computes it (version 2026.8.31, `KnowledgeGraphManager` in its dist/index.js): the mcp model's state turn
 * (mcp-state-window.ts) shows it as the server's own `read_graph` result when older turns leave the context.
 *
 * The server's rules, each call reading the graph as the last one left it:
 * - `create_entities` adds the entities whose name the graph lacks (two of one name in one call both go in);
 * - `create_relations` adds the relations the graph lacks (endpoints need not exist);
 * - `add_observations` fails as a whole (nothing saved) when an entity is missing, else adds the contents each
 *   entity lacks;
 * - `delete_entities` removes the entities and every relation touching them; `delete_observations` and
 *   `delete_relations` remove what matches, missing ones silently;
 * - reads change nothing. Arguments go through schemas like the server's (zod, unknown keys stripped), so a
 *   call the server would refuse changes nothing here either.
 */
import { z } from 'zod';

const EntitySchema = z.object({
  name: z.string(),
  entityType: z.string(),
  observations: z.array(z.string()),
});
const RelationSchema = z.object({ from: z.string(), to: z.string(), relationType: z.string() });

/** Every tool of server-memory that changes the graph, with its arguments' schema. */
const WRITE_SCHEMAS = {
  create_entities: z.object({ entities: z.array(EntitySchema) }),
  create_relations: z.object({ relations: z.array(RelationSchema) }),
  add_observations: z.object({
    observations: z.array(z.object({ entityName: z.string(), contents: z.array(z.string()) })),
  }),
  delete_entities: z.object({ entityNames: z.array(z.string()) }),
  delete_observations: z.object({
    deletions: z.array(z.object({ entityName: z.string(), observations: z.array(z.string()) })),
  }),
  delete_relations: z.object({ relations: z.array(RelationSchema) }),
} as const;

/** The tools that only read the graph. */
const READ_TOOLS = new Set(['read_graph', 'search_nodes', 'open_nodes']);

export type MemoryEntity = z.infer<typeof EntitySchema>;
export type MemoryRelation = z.infer<typeof RelationSchema>;

/** The graph as server-memory holds it: entities and relations in the order they were added. */
export interface MemoryGraph {
  readonly entities: readonly MemoryEntity[];
  readonly relations: readonly MemoryRelation[];
}

export const EMPTY_MEMORY_GRAPH: MemoryGraph = { entities: [], relations: [] };

/** What a call did to the graph: `unknown` for a tool server-memory does not have (the graph is kept). */
export type MemoryCallEffect = 'read' | 'changed' | 'refused' | 'failed' | 'unknown';

function sameRelation(left: MemoryRelation, right: MemoryRelation): boolean {
  return left.from === right.from && left.to === right.to && left.relationType === right.relationType;
}

function copyEntity(entity: MemoryEntity): MemoryEntity {
  return { name: entity.name, entityType: entity.entityType, observations: [...entity.observations] };
}

/**
 * The graph after one call, and what the call did. `failed`: the server answers an error and saves nothing
 * (`add_observations` to a missing entity); `refused`: arguments the server's schema refuses.
 */
export function applyMemoryCall(
  graph: MemoryGraph,
  name: string,
  args: unknown,
): { readonly graph: MemoryGraph; readonly effect: MemoryCallEffect } {
  if (READ_TOOLS.has(name)) return { graph, effect: 'read' };
  if (!Object.hasOwn(WRITE_SCHEMAS, name)) return { graph, effect: 'unknown' };
  const tool = name as keyof typeof WRITE_SCHEMAS;
  const parsed = WRITE_SCHEMAS[tool].safeParse(args ?? {});
  if (!parsed.success) return { graph, effect: 'refused' };
  const entities = graph.entities.map(copyEntity);
  let relations = [...graph.relations];
  const data = parsed.data;
  switch (tool) {
    case 'create_entities': {
      const added = (data as z.infer<typeof WRITE_SCHEMAS.create_entities>).entities.filter(
        (entity) => !entities.some((existing) => existing.name === entity.name),
      );
      entities.push(...added.map(copyEntity));
      return { graph: { entities, relations }, effect: 'changed' };
    }
    case 'create_relations': {
      const added = (data as z.infer<typeof WRITE_SCHEMAS.create_relations>).relations.filter(
        (relation) => !relations.some((existing) => sameRelation(existing, relation)),
      );
      relations.push(...added);
      return { graph: { entities, relations }, effect: 'changed' };
    }
    case 'add_observations': {
      for (const addition of (data as z.infer<typeof WRITE_SCHEMAS.add_observations>).observations) {
        const entity = entities.find((candidate) => candidate.name === addition.entityName);
        if (entity === undefined) return { graph, effect: 'failed' };
        const fresh = addition.contents.filter((content) => !entity.observations.includes(content));
        (entity.observations as string[]).push(...fresh);
      }
      return { graph: { entities, relations }, effect: 'changed' };
    }
    case 'delete_entities': {
      const names = (data as z.infer<typeof WRITE_SCHEMAS.delete_entities>).entityNames;
      relations = relations.filter(
        (relation) => !names.includes(relation.from) && !names.includes(relation.to),
      );
      return {
        graph: { entities: entities.filter((entity) => !names.includes(entity.name)), relations },
        effect: 'changed',
      };
    }
    case 'delete_observations': {
      for (const deletion of (data as z.infer<typeof WRITE_SCHEMAS.delete_observations>).deletions) {
        const entity = entities.find((candidate) => candidate.name === deletion.entityName);
        if (entity === undefined) continue;
        const index = entities.indexOf(entity);
        const observations = entity.observations.filter(
          (observation) => !deletion.observations.includes(observation),
        );
        entities[index] = { ...entity, observations };
      }
      return { graph: { entities, relations }, effect: 'changed' };
    }
    case 'delete_relations': {
      const gone = (data as z.infer<typeof WRITE_SCHEMAS.delete_relations>).relations;
      relations = relations.filter(
        (relation) => !gone.some((candidate) => sameRelation(candidate, relation)),
      );
      return { graph: { entities, relations }, effect: 'changed' };
    }
  }
}

/** The text of server-memory's `read_graph` result for a graph: `JSON.stringify(graph, null, 2)`. */
export function renderReadGraph(graph: MemoryGraph): string {
  return JSON.stringify({ entities: graph.entities, relations: graph.relations }, null, 2);
}
