import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GrammarMode } from '../grammar-mode.js';
import { SeededRandom } from '../terminal/random.js';
import { CALL_FAMILIES, type CallFamily, type DrawnCall, drawCall } from './call-grammar.js';
import { EXTENSION_CALL_FAMILIES } from './extension-calls.js';
import { EMPTY_GRAPH, type MemoryGraph } from './memory-graph.js';
import { MemoryVocabulary } from './memory-vocabulary.js';

const graph: MemoryGraph = {
  entities: [
    { name: 'Ada Okafor', entityType: 'person', observations: ['Speaks Swahili'] },
    { name: 'project-lantern', entityType: 'project', observations: [] },
    { name: 'Lisbon', entityType: 'city', observations: ['Started in 2001'] },
  ],
  relations: [{ from: 'Ada Okafor', to: 'project-lantern', relationType: 'works_on' }],
};

function draws(key: string, state: MemoryGraph, count: number, mode?: GrammarMode): DrawnCall[] {
  const random = new SeededRandom(key);
  const words = new MemoryVocabulary(random);
  return Array.from({ length: count }, (_, turn) =>
    drawCall(random, words, { graph: state, turn: turn + 1, previous: undefined }, mode),
  );
}

const extension = (family: CallFamily): boolean =>
  (EXTENSION_CALL_FAMILIES as readonly string[]).includes(family);
const has = (name: string): boolean => graph.entities.some((entity) => entity.name === name);

describe('mcp grammar extension (held-out call shapes)', () => {
  it('is never drawn by the training grammar, which stays the default', () => {
    for (const state of [EMPTY_GRAPH, graph]) {
      const training = draws('training', state, 2000, 'training');
      assert.ok(training.every((call) => (CALL_FAMILIES as readonly string[]).includes(call.family)));
      assert.deepEqual(draws('training', state, 2000), training);
    }
  });

  it('is drawn about a third of the time in extension mode, every family of it, deterministically', () => {
    const drawn = draws('extension', graph, 2000, 'extension');
    assert.deepEqual(draws('extension', graph, 2000, 'extension'), drawn);
    const share = drawn.filter((call) => extension(call.family)).length / drawn.length;
    assert.ok(share > 0.3 && share < 0.4, `share ${share}`);
    const families = new Set(drawn.map((call) => call.family));
    for (const family of EXTENSION_CALL_FAMILIES) assert.ok(families.has(family), family);
    // On an empty graph only the batch create has something to work on.
    const empty = draws('extension-empty', EMPTY_GRAPH, 300, 'extension').filter((call) =>
      extension(call.family),
    );
    assert.ok(empty.length > 0 && empty.every((call) => call.family === 'create_batch'));
  });

  it('gives each family a call shape the training grammar never makes', () => {
    for (const call of draws('shapes', graph, 2000, 'extension')) {
      const args = call.action.arguments as Record<string, unknown>;
      switch (call.family) {
        case 'create_batch': {
          const entities = args.entities as Array<{ name: string }>;
          assert.equal(call.action.name, 'create_entities');
          assert.ok(entities.length >= 4 && entities.length <= 5);
          assert.equal(new Set(entities.map((entity) => entity.name)).size, entities.length);
          assert.ok(entities.every((entity) => !has(entity.name)));
          break;
        }
        case 'relation_self': {
          const [relation] = args.relations as Array<{ from: string; to: string }>;
          assert.equal(call.action.name, 'create_relations');
          assert.ok(relation !== undefined && relation.from === relation.to && has(relation.from));
          break;
        }
        case 'delete_relations_missing': {
          const [relation] = args.relations as Array<{ from: string; to: string; relationType: string }>;
          assert.equal(call.action.name, 'delete_relations');
          assert.ok(relation !== undefined && relation.from !== relation.to);
          assert.ok(
            !graph.relations.some(
              (item) =>
                item.from === relation.from &&
                item.to === relation.to &&
                item.relationType === relation.relationType,
            ),
          );
          break;
        }
        case 'delete_observations_missing': {
          const [deletion] = args.deletions as Array<{ entityName: string }>;
          assert.equal(call.action.name, 'delete_observations');
          assert.ok(deletion !== undefined && !has(deletion.entityName));
          break;
        }
        case 'open_repeated': {
          const names = args.names as string[];
          assert.equal(call.action.name, 'open_nodes');
          assert.ok(names.length > new Set(names).size && names.every(has));
          break;
        }
        default:
          assert.ok(!extension(call.family));
      }
    }
  });
});
