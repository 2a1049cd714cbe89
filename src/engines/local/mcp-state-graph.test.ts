import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { memoryServerCommand, readMemoryGraph } from '../../data-generation/mcp/index.js';
import { McpServerEngine } from '../real/mcp/mcp-server-engine.js';
import { mcpCallOfAction } from './mcp-sequence-layout.js';
import { applyMemoryCall, EMPTY_MEMORY_GRAPH, type MemoryGraph, renderReadGraph } from './mcp-state-graph.js';
import { renderStateTurns } from './mcp-state-turns.js';

function records(text: string): SessionRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
}

/** Real server-memory sessions: the training fixtures and the memory sessions of the real corpus. */
const sessions: SessionRecord[] = [
  ...records(readFileSync(join(process.cwd(), 'training', 'fixtures', 'mcp-sessions.jsonl'), 'utf8')),
  ...records(
    gunzipSync(readFileSync(join(process.cwd(), 'corpus', 'real', 'mcp.jsonl.gz'))).toString('utf8'),
  ).filter(
    (record) =>
      (record.spec.initialState?.data as { serverName?: string } | undefined)?.serverName === 'server-memory',
  ),
];

/** Calls the sessions never make: batches with inner duplicates, a failing batch, deletes of repeated names. */
const EDGE_CALLS: { name: string; arguments: Record<string, unknown> }[] = [
  {
    name: 'create_entities',
    arguments: {
      entities: [
        { name: 'Ada', entityType: 'person', observations: ['math', 'math'], extra: 1 },
        { name: 'Ada', entityType: 'twin', observations: [] },
        { name: 'Bob', entityType: 'person', observations: [] },
      ],
    },
  },
  {
    name: 'add_observations',
    arguments: {
      observations: [
        { entityName: 'Ada', contents: ['poetry', 'math'] },
        { entityName: 'Ada', contents: ['poetry', 'engines'] },
      ],
    },
  },
  {
    name: 'add_observations',
    arguments: {
      observations: [
        { entityName: 'Bob', contents: ['kept?'] },
        { entityName: 'Nobody', contents: ['x'] },
      ],
    },
  },
  {
    name: 'create_relations',
    arguments: {
      relations: [
        { from: 'Ada', to: 'Bob', relationType: 'knows' },
        { from: 'Ada', to: 'Bob', relationType: 'knows' },
        { from: 'Bob', to: 'Ghost', relationType: 'haunts' },
      ],
    },
  },
  { name: 'create_relations', arguments: { relations: [{ from: 'Ada', to: 'Bob', relationType: 'knows' }] } },
  {
    name: 'delete_observations',
    arguments: { deletions: [{ entityName: 'Ada', observations: ['math', 'x'] }] },
  },
  {
    name: 'delete_relations',
    arguments: { relations: [{ from: 'Bob', to: 'Ghost', relationType: 'haunts' }] },
  },
  { name: 'read_graph', arguments: {} },
  { name: 'delete_entities', arguments: { entityNames: ['Bob', 'Missing'] } },
  {
    name: 'create_entities',
    arguments: { entities: [{ name: 'Bob', entityType: 'again', observations: ['b'] }] },
  },
];

describe('the graph of a server-memory session, against the real server', () => {
  let directory: string;
  let file: string;
  let server: McpServerEngine;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'agentworld-mcp-state-'));
    file = join(directory, 'memory.jsonl');
    server = await McpServerEngine.start(memoryServerCommand(file), { serverName: 'server-memory' });
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Runs calls on a fresh graph file: the server's graph after each equals ours. */
  async function runAndCompare(calls: readonly unknown[], label: string): Promise<MemoryGraph> {
    rmSync(file, { force: true });
    let graph = EMPTY_MEMORY_GRAPH;
    for (const [index, action] of calls.entries()) {
      const call = mcpCallOfAction(action);
      assert.ok(call !== undefined, `${label} #${index}`);
      const outcome = await server.call(call);
      const applied = applyMemoryCall(graph, call.name, call.arguments);
      graph = applied.graph;
      assert.deepEqual(graph, readMemoryGraph(file), `${label} #${index} ${call.name}`);
      assert.equal(
        applied.effect === 'failed',
        outcome.isError,
        `${label} #${index} ${call.name} error flag`,
      );
      if (call.name === 'read_graph')
        assert.equal(outcome.observation, renderReadGraph(graph), `${label} #${index}`);
    }
    return graph;
  }

  it('follows every call of the recorded real sessions, read_graph results byte for byte', async () => {
    assert.ok(sessions.length >= 20, `${sessions.length} sessions`);
    let reads = 0;
    for (const record of sessions) {
      let graph = EMPTY_MEMORY_GRAPH;
      for (const turn of record.turns) {
        const call = mcpCallOfAction(turn.action);
        if (call === undefined) continue;
        if (call.name === 'read_graph') {
          assert.equal(turn.observation, renderReadGraph(graph), `${record.id} read_graph`);
          reads++;
        }
        graph = applyMemoryCall(graph, call.name, call.arguments).graph;
      }
      await runAndCompare(
        record.turns.map((turn) => turn.action),
        record.id,
      );
    }
    assert.ok(reads >= 5, `${reads} recorded read_graph results`);
  });

  it('follows batches with duplicates inside, a failing batch (nothing saved), deletes and re-creates', async () => {
    const graph = await runAndCompare(EDGE_CALLS, 'edge calls');
    assert.deepEqual(
      graph.entities.map((entity) => entity.name),
      ['Ada', 'Ada', 'Bob'],
    );
    assert.equal(applyMemoryCall(graph, 'create_entities', { entities: 'no' }).effect, 'refused');
    assert.equal(applyMemoryCall(graph, 'no_such_tool', {}).effect, 'unknown');
  });

  it('replay state turns are real calls: a fresh server answers each with its result and ends in the graph', async () => {
    const graphs = sessions.map((record) => {
      let graph = EMPTY_MEMORY_GRAPH;
      for (const turn of record.turns) {
        const call = mcpCallOfAction(turn.action);
        if (call !== undefined) graph = applyMemoryCall(graph, call.name, call.arguments).graph;
      }
      return graph;
    });
    const graph =
      graphs.find((candidate) => candidate.entities.length >= 3 && candidate.relations.length >= 1) ??
      EMPTY_MEMORY_GRAPH;
    assert.ok(graph.entities.length >= 3 && graph.relations.length >= 1, 'a graph with relations');
    rmSync(file, { force: true });
    const turns = renderStateTurns(graph, 'replay');
    for (const turn of turns) {
      const space = turn.echo.indexOf(' ', 'call '.length);
      const name = turn.echo.slice('call '.length, space);
      const outcome = await server.call({ name, arguments: JSON.parse(turn.echo.slice(space + 1)) });
      assert.equal(outcome.observation, turn.target, turn.echo);
    }
    assert.deepEqual(readMemoryGraph(file), graph);
    const [readGraph] = renderStateTurns(graph, 'read_graph');
    assert.equal((await server.call({ name: 'read_graph', arguments: {} })).observation, readGraph?.target);
  });
});
