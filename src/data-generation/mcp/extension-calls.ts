import type { McpAction } from '../../domains/mcp/index.js';
import type { SeededRandom } from '../terminal/random.js';
import { missingName, newEntity } from './call-arguments.js';
import type { MemoryGraph } from './memory-graph.js';
import type { MemoryVocabulary } from './memory-vocabulary.js';

/**
 * The held-out grammar extension: call shapes the training grammar never draws, recorded only in
 * `--grammar extension` mode, to measure how a model trained on the training grammar does on calls it never
 * saw. Each uses a tool the training grammar uses, with arguments of a new shape:
 *
 * - `create_batch`: four or five new entities in one `create_entities` call, while the graph holds fewer than
 *   four (training creates one to three at a time).
 * - `relation_self`: a relation from an entity to itself (training relates two different entities).
 * - `delete_relations_missing`: deleting a relation the graph lacks, often an existing one in the wrong
 *   direction (training deletes existing relations only); the server reports success all the same.
 * - `delete_observations_missing`: deleting observations of an entity that does not exist (training deletes
 *   from existing entities); the server skips it silently.
 * - `open_repeated`: `open_nodes` naming the same entity twice (training names distinct entities).
 */
export const EXTENSION_CALL_FAMILIES = [
  'create_batch',
  'relation_self',
  'delete_relations_missing',
  'delete_observations_missing',
  'open_repeated',
] as const;
export type ExtensionCallFamily = (typeof EXTENSION_CALL_FAMILIES)[number];

/** Share of draws the extension families get in extension mode (where any applies). */
const EXTENSION_SHARE = 0.35;

/** The extension families that have something to work on in this graph. */
function applicable(graph: MemoryGraph): ExtensionCallFamily[] {
  const entities = graph.entities.length;
  return EXTENSION_CALL_FAMILIES.filter((family) => {
    switch (family) {
      case 'create_batch':
        // Setting a graph up in one call; a second batch would leave no room in a session's byte budget.
        return entities < 4;
      case 'delete_relations_missing':
        return entities > 1;
      default:
        return entities > 0;
    }
  });
}

/**
 * Weights of the extension families that apply, sharing EXTENSION_SHARE of all draws equally, beside training
 * weights that add up to `trainingTotal`.
 */
export function extensionWeights(
  graph: MemoryGraph,
  trainingTotal: number,
): Array<readonly [ExtensionCallFamily, number]> {
  const families = applicable(graph);
  const each = (EXTENSION_SHARE * trainingTotal) / ((1 - EXTENSION_SHARE) * families.length);
  return families.map((family) => [family, each] as const);
}

/** A relation between two different entities that the graph does not hold. */
function absentRelation(random: SeededRandom, words: MemoryVocabulary, graph: MemoryGraph) {
  const holds = (from: string, to: string, relationType: string): boolean =>
    graph.relations.some(
      (item) => item.from === from && item.to === to && item.relationType === relationType,
    );
  const reversible = graph.relations.filter(
    (item) => item.from !== item.to && !holds(item.to, item.from, item.relationType),
  );
  if (reversible.length > 0 && random.chance(0.5)) {
    // The agent remembers the relation the wrong way round.
    const known = random.pick(reversible);
    return { from: known.to, to: known.from, relationType: known.relationType };
  }
  for (;;) {
    const [from, to] = random.sample(graph.entities, 2);
    const relation = { from: from?.name ?? '', to: to?.name ?? '', relationType: words.relationType() };
    if (!holds(relation.from, relation.to, relation.relationType)) return relation;
  }
}

/** The call of an extension family (one that applies to the graph). */
export function drawExtensionCall(
  family: ExtensionCallFamily,
  random: SeededRandom,
  words: MemoryVocabulary,
  graph: MemoryGraph,
): McpAction {
  switch (family) {
    case 'create_batch': {
      const taken = new Set<string>();
      // At most one observation each, so that the batch leaves room in a session's byte budget.
      const entities = Array.from({ length: random.int(4, 5) }, () => newEntity(words, graph, taken, 1));
      return { name: 'create_entities', arguments: { entities } };
    }
    case 'relation_self': {
      const entity = random.pick(graph.entities);
      return {
        name: 'create_relations',
        arguments: {
          relations: [{ from: entity.name, to: entity.name, relationType: words.relationType() }],
        },
      };
    }
    case 'delete_relations_missing':
      return { name: 'delete_relations', arguments: { relations: [absentRelation(random, words, graph)] } };
    case 'delete_observations_missing':
      return {
        name: 'delete_observations',
        arguments: {
          deletions: [{ entityName: missingName(words, graph), observations: [words.observation()] }],
        },
      };
    case 'open_repeated': {
      const entity = random.pick(graph.entities);
      const names = [entity.name, entity.name];
      const other = graph.entities.find((item) => item.name !== entity.name);
      if (other !== undefined && random.chance(0.5)) names.push(other.name);
      return { name: 'open_nodes', arguments: { names: random.shuffle(names) } };
    }
  }
}
