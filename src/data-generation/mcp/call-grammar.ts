import type { McpAction } from '../../domains/mcp/index.js';
import type { GrammarMode } from '../grammar-mode.js';
import type { SeededRandom } from '../terminal/random.js';
import { matchingQuery, missingName, newEntity, someEntities } from './call-arguments.js';
import {
  drawExtensionCall,
  EXTENSION_CALL_FAMILIES,
  type ExtensionCallFamily,
  extensionWeights,
} from './extension-calls.js';
import type { MemoryGraph } from './memory-graph.js';
import type { MemoryVocabulary } from './memory-vocabulary.js';

/**
 * The call families of the training grammar: what kind of call an agent makes. Families ending in `_missing`,
 * `_duplicate` or `_dangling` are the mistakes real agents make; `unknown_tool` and `bad_arguments` are refused
 * by the protocol before any tool runs, so they never become turns (see session-generator.ts). The held-out
 * families of `--grammar extension` are in extension-calls.ts.
 */
export const CALL_FAMILIES = [
  'create_entities',
  'create_duplicate',
  'create_relations',
  'relation_dangling',
  'add_observations',
  'add_observations_missing',
  'delete_observations',
  'delete_entities',
  'delete_missing',
  'delete_relations',
  'read_graph',
  'search_nodes',
  'search_miss',
  'open_nodes',
  'open_missing',
  'unknown_tool',
  'bad_arguments',
] as const;
export type TrainingCallFamily = (typeof CALL_FAMILIES)[number];
/** A family of either grammar. */
export type CallFamily = TrainingCallFamily | ExtensionCallFamily;

export const REJECTED_FAMILIES: ReadonlySet<CallFamily> = new Set(['unknown_tool', 'bad_arguments']);

export interface DrawnCall {
  readonly family: CallFamily;
  readonly action: McpAction;
}

export interface GrammarState {
  readonly graph: MemoryGraph;
  /** 1-based turn about to be drawn. */
  readonly turn: number;
  /** Family of the previous call, so reads tend to follow writes. */
  readonly previous: CallFamily | undefined;
}

const WRITE_FAMILIES: ReadonlySet<CallFamily> = new Set([
  'create_entities',
  'create_relations',
  'add_observations',
  'delete_observations',
  'delete_entities',
  'delete_relations',
]);

function weightsFor(state: GrammarState): Array<readonly [TrainingCallFamily, number]> {
  const entities = state.graph.entities.length;
  const relations = state.graph.relations.length;
  const observations = state.graph.entities.some((entity) => entity.observations.length > 0);
  const afterWrite = state.previous !== undefined && WRITE_FAMILIES.has(state.previous);
  const weights: Array<readonly [TrainingCallFamily, number]> = [
    ['create_entities', entities === 0 ? 100 : entities < 4 ? 14 : 6],
    ['read_graph', afterWrite ? 8 : 3],
    ['search_miss', 1.5],
    ['open_missing', entities === 0 ? 1 : 1.5],
    ['delete_missing', 1],
    ['unknown_tool', 1],
    ['bad_arguments', 1.5],
    ['add_observations_missing', 2],
  ];
  if (entities > 0) {
    weights.push(
      ['create_duplicate', 2.5],
      ['add_observations', 10],
      ['search_nodes', afterWrite ? 8 : 5],
      ['open_nodes', afterWrite ? 8 : 5],
      ['relation_dangling', 1.5],
      ['delete_entities', entities > 3 ? 3 : 1],
    );
  }
  if (entities > 1) weights.push(['create_relations', relations < 3 ? 9 : 4]);
  if (relations > 0) weights.push(['delete_relations', 2]);
  if (observations) weights.push(['delete_observations', 2.5]);
  return weights;
}

function isExtensionFamily(family: CallFamily): family is ExtensionCallFamily {
  return (EXTENSION_CALL_FAMILIES as readonly string[]).includes(family);
}

/**
 * One call an agent might make next, given the graph as the server holds it now. The training grammar (the
 * default) never draws an extension family; extension mode draws them a share of the time, beside the training
 * families.
 */
export function drawCall(
  random: SeededRandom,
  words: MemoryVocabulary,
  state: GrammarState,
  mode: GrammarMode = 'training',
): DrawnCall {
  const graph = state.graph;
  const training = weightsFor(state);
  const weights: Array<readonly [CallFamily, number]> =
    mode === 'extension'
      ? [
          ...training,
          ...extensionWeights(
            graph,
            training.reduce((sum, [, weight]) => sum + weight, 0),
          ),
        ]
      : training;
  const family = random.weighted(weights);
  if (isExtensionFamily(family)) {
    return { family, action: drawExtensionCall(family, random, words, graph) };
  }
  const taken = new Set<string>();
  const call = (name: string, args: Record<string, unknown>): DrawnCall => ({
    family,
    action: { name, arguments: args },
  });
  switch (family) {
    case 'create_entities': {
      const count = random.weighted<number>([
        [1, 5],
        [2, 3],
        [3, 2],
      ]);
      return call('create_entities', {
        entities: Array.from({ length: count }, () => newEntity(words, graph, taken)),
      });
    }
    case 'create_duplicate': {
      // Re-creating what exists (maybe beside a new one): the server silently skips the duplicates.
      const existing = random.pick(graph.entities);
      const entities: unknown[] = [
        { name: existing.name, entityType: existing.entityType, observations: [words.observation()] },
      ];
      if (random.chance(0.4)) entities.push(newEntity(words, graph, taken));
      return call('create_entities', { entities: random.shuffle(entities) });
    }
    case 'create_relations': {
      const count = random.int(1, 2);
      const relations = Array.from({ length: count }, () => {
        const [from, to] = random.sample(graph.entities, 2);
        return { from: from?.name ?? '', to: to?.name ?? '', relationType: words.relationType() };
      });
      // Now and then an agent repeats a relation that already exists.
      const known = graph.relations[0];
      if (known !== undefined && random.chance(0.15)) relations.push({ ...known });
      return call('create_relations', { relations });
    }
    case 'relation_dangling':
      return call('create_relations', {
        relations: [
          {
            from: random.pick(graph.entities).name,
            to: missingName(words, graph),
            relationType: words.relationType(),
          },
        ],
      });
    case 'add_observations':
      return call('add_observations', {
        observations: someEntities(random, graph, 2).map((entity) => ({
          entityName: entity.name,
          contents:
            entity.observations.length > 0 && random.chance(0.15)
              ? [random.pick(entity.observations), words.observation()]
              : Array.from({ length: random.int(1, 2) }, () => words.observation()),
        })),
      });
    case 'add_observations_missing': {
      const target =
        graph.entities.length > 0 && random.chance(0.4)
          ? // A near miss: the right name in the wrong case.
            random.pick(graph.entities).name.toLowerCase()
          : missingName(words, graph);
      const exists = graph.entities.some((entity) => entity.name === target);
      return call('add_observations', {
        observations: [
          { entityName: exists ? missingName(words, graph) : target, contents: [words.observation()] },
        ],
      });
    }
    case 'delete_observations': {
      const entity = random.pick(graph.entities.filter((item) => item.observations.length > 0));
      const doomed = random.sample(entity.observations, random.int(1, entity.observations.length));
      if (random.chance(0.2)) doomed.push(words.observation());
      return call('delete_observations', { deletions: [{ entityName: entity.name, observations: doomed }] });
    }
    case 'delete_entities':
      return call('delete_entities', {
        entityNames: someEntities(random, graph, 2).map((entity) => entity.name),
      });
    case 'delete_missing':
      return call('delete_entities', { entityNames: [missingName(words, graph)] });
    case 'delete_relations': {
      const relation = random.pick(graph.relations);
      return call('delete_relations', { relations: [{ ...relation }] });
    }
    case 'read_graph':
      return call('read_graph', {});
    case 'search_nodes':
      return call('search_nodes', { query: matchingQuery(random, graph) });
    case 'search_miss':
      return call('search_nodes', { query: random.chance(0.5) ? words.randomString(5, 9) : words.word() });
    case 'open_nodes': {
      const names = someEntities(random, graph, 3).map((entity) => entity.name);
      return call('open_nodes', { names });
    }
    case 'open_missing': {
      const names = [missingName(words, graph)];
      if (graph.entities.length > 0 && random.chance(0.5)) names.push(random.pick(graph.entities).name);
      return call('open_nodes', { names: random.shuffle(names) });
    }
    case 'unknown_tool':
      return call(
        random.pick([
          'create_entity',
          'search',
          'get_node',
          'add_observation',
          'query_graph',
          'list_entities',
        ]),
        random.chance(0.5) ? { name: missingName(words, graph) } : { query: words.word() },
      );
    case 'bad_arguments':
      return random.pick<() => DrawnCall>([
        () => call('search_nodes', {}),
        () => call('open_nodes', { names: missingName(words, graph) }),
        () => call('create_entities', { entities: [{ name: missingName(words, graph), observations: [] }] }),
        () =>
          call('add_observations', {
            observations: [{ entityName: missingName(words, graph), contents: words.observation() }],
          }),
        () => call('delete_entities', { names: [missingName(words, graph)] }),
      ])();
  }
}
