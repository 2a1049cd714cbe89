import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from '../terminal/random.js';
import { type CallFamily, drawCall } from './call-grammar.js';
import { EMPTY_GRAPH, type MemoryGraph } from './memory-graph.js';
import { MemoryVocabulary } from './memory-vocabulary.js';

const graph: MemoryGraph = {
  entities: [
    { name: 'Ada Okafor', entityType: 'person', observations: ['Speaks Swahili'] },
    { name: 'project-lantern', entityType: 'project', observations: [] },
  ],
  relations: [{ from: 'Ada Okafor', to: 'project-lantern', relationType: 'works_on' }],
};

function draws(key: string, state: MemoryGraph, count: number): Array<{ family: CallFamily; text: string }> {
  const random = new SeededRandom(key);
  const words = new MemoryVocabulary(random);
  return Array.from({ length: count }, (_, turn) => {
    const call = drawCall(random, words, { graph: state, turn: turn + 1, previous: undefined });
    return { family: call.family, text: JSON.stringify(call.action) };
  });
}

describe('mcp call grammar', () => {
  it('is a pure function of its key and state', () => {
    assert.deepEqual(draws('a', graph, 50), draws('a', graph, 50));
    assert.notDeepEqual(draws('a', graph, 50), draws('b', graph, 50));
  });

  it('starts an empty graph with a create and only names missing entities on purpose', () => {
    const empty = draws('empty', EMPTY_GRAPH, 200);
    assert.ok(empty.filter((draw) => draw.family === 'create_entities').length > 150);
    for (const draw of draws('full', graph, 400)) {
      if (draw.family === 'add_observations_missing') {
        assert.ok(!draw.text.includes('"entityName":"Ada Okafor"'), draw.text);
      }
      if (draw.family === 'add_observations' || draw.family === 'delete_relations') {
        assert.ok(draw.text.includes('Ada Okafor') || draw.text.includes('project-lantern'), draw.text);
      }
    }
  });

  it('draws reads, writes and mistakes once the graph has content', () => {
    const families = new Set(draws('mix', graph, 400).map((draw) => draw.family));
    for (const family of [
      'read_graph',
      'search_nodes',
      'open_nodes',
      'create_relations',
      'add_observations_missing',
      'create_duplicate',
      'unknown_tool',
      'bad_arguments',
    ] as const) {
      assert.ok(families.has(family), family);
    }
  });
});
