/** The server-memory twin's sessions: which specs it declines, eviction and rebuild, and what it says it knows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import type { Turn } from '../../core/turn.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { createMemoryServerTwin } from './index.js';

const memory = parseWorldSpec(await readSpecFile('mcp-memory'));
const CREATE = {
  name: 'create_entities',
  arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: [] }] },
};
const READ = { name: 'read_graph', arguments: {} };

function request(
  sessionId: string,
  action: unknown,
  history: readonly Turn[] = [],
  spec = memory,
): PredictRequest {
  return {
    spec,
    sessionId,
    seed: 1,
    turnIndex: history.length + 1,
    action,
    messages: [],
    promptHash: '',
    history,
  } as unknown as PredictRequest;
}

function turn(index: number, action: unknown, observation: string): Turn {
  return { index, action, observation } as unknown as Turn;
}

describe('server-memory twin', () => {
  it('supports every mcp world but declines a server that starts with state', async () => {
    const twin = createMemoryServerTwin();
    const stated = parseWorldSpec({
      ...memory,
      initialState: { data: { serverName: 'server-memory', resourceIds: ['Ada'] } },
    });
    assert.equal(twin.supports({ spec: stated }), true);
    const answer = await twin.answer(request('s', READ, [], stated));
    assert.equal(answer.kind, 'declined');
    assert.match(
      answer.kind === 'declined' ? answer.reason : '',
      /starts with state \(initialState\.data resourceIds/,
    );
    assert.equal(twin.supports({ spec: parseWorldSpec(await readSpecFile('terminal')) }), false);
  });

  it('an evicted session is rebuilt from its history', async () => {
    const twin = createMemoryServerTwin({ maxSessions: 1 });
    const created = await twin.answer(request('a', CREATE));
    assert.equal(created.kind, 'answered');
    await twin.answer(request('b', READ)); // evicts a
    const read = await twin.answer(
      request('a', READ, [turn(1, CREATE, created.kind === 'answered' ? created.observation : '')]),
    );
    assert.equal(read.kind, 'answered');
    assert.match(read.kind === 'answered' ? read.observation : '', /"name": "Ada"/);
  });

  it('after a model-answered turn its state says what it cannot know', async () => {
    const twin = createMemoryServerTwin();
    const odd = { name: 'create_entities', arguments: { entities: [{ name: 'Ada' }] } };
    const declined = await twin.answer(request('s', odd));
    assert.equal(declined.kind, 'declined');
    if (declined.kind === 'declined') {
      assert.deepEqual(declined.state.unknowns, []);
      assert.equal(declined.state.facts.graphKnown, true);
    }
    await twin.absorb(request('s', odd), 'Created Ada.');
    // The server refuses those arguments: the graph is still known (empty), only the model's text is not.
    const next = await twin.answer(request('s', READ, [turn(1, odd, 'Created Ada.')]));
    assert.equal(next.kind, 'answered');
    assert.equal(
      next.kind === 'answered' ? next.observation : '',
      '{\n  "entities": [],\n  "relations": []\n}',
    );
    const lost = await twin.answer(request('t', READ, [turn(1, CREATE, 'Created Ada.')]));
    assert.equal(lost.kind, 'declined');
    if (lost.kind === 'declined') {
      assert.equal(lost.state.facts.graphKnown, false);
      assert.ok(lost.state.unknowns.some((unknown) => unknown.includes('the graph after turn 1')));
    }
  });
});
