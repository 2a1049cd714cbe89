import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { memoryServerCommand, memorySessionSpec } from '../../data-generation/mcp/index.js';
import { createEnv } from '../../session/create-env.js';
import { McpServerEngine } from '../real/mcp/mcp-server-engine.js';
import { createLocalEngine, type LocalEngine } from './local-engine.js';
import { STATE_EVENT } from './mcp-state.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';

const installed = await nodeLlamaCppInstalled();
const SHIPPED_MODEL = join(process.cwd(), 'models', 'agentworld-mcp.gguf');
type Call = { name: string; arguments: Record<string, unknown> };

const ADA: Call = {
  name: 'create_entities',
  arguments: {
    entities: [{ name: 'Ada Lovelace', entityType: 'person', observations: ['Wrote the first program'] }],
  },
};
const PROJECTS = ['harbor-light', 'Quartz_17', 'Meridian', 'copper-fox', 'Osaka', 'lantern_42'];

/** Twelve calls that find nothing or fail, and change nothing. */
const MISSES: Call[] = PROJECTS.flatMap((name, index) => [
  { name: 'search_nodes', arguments: { query: `zq${index}x${index * 7}` } },
  {
    name: 'add_observations',
    arguments: { observations: [{ entityName: name, contents: [`Budget of ${1000 + index * 777} euros`] }] },
  },
]);

/** Twelve calls that create a project and delete it again. */
const CREATED_AND_DELETED: Call[] = PROJECTS.flatMap((name, index) => [
  {
    name: 'create_entities',
    arguments: {
      entities: [
        {
          name,
          entityType: 'project',
          observations: [`Budget of ${1000 + index * 777} euros`, `Code name zq${index}x${index * 7}`],
        },
      ],
    },
  },
  { name: 'delete_entities', arguments: { entityNames: [name] } },
]);

describe('the shipped mcp model keeps the graph past its context window (real server-memory sessions)', {
  skip: !installed && 'node-llama-cpp is not installed',
}, () => {
  let directory: string;
  let server: McpServerEngine;
  let spec: WorldSpec;
  let model: LocalEngine;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'agentworld-mcp-state-model-'));
    server = await McpServerEngine.start(memoryServerCommand(join(directory, 'memory.jsonl')), {
      serverName: 'server-memory',
    });
    spec = memorySessionSpec(await server.listTools());
    model = await createLocalEngine({ modelPath: SHIPPED_MODEL, maxTokens: 1536, minTokenProbability: 0 });
  });
  after(async () => {
    await model?.close();
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The calls run on the real server (a fresh graph), as session turns. */
  async function record(calls: readonly Call[]): Promise<Turn[]> {
    rmSync(join(directory, 'memory.jsonl'), { force: true });
    const env = await createEnv(spec, { engine: server });
    await env.reset({ seed: 1 });
    for (const call of calls) await env.step(call);
    const turns = [...env.turns];
    await env.close();
    return turns;
  }

  async function predictLast(turns: readonly Turn[]) {
    const last = turns.at(-1) as Turn;
    const prediction = await model.predict({
      spec,
      sessionId: 'mcp-state',
      seed: 1,
      turnIndex: turns.length,
      action: last.action,
      messages: [],
      promptHash: '',
      history: turns.slice(0, -1),
    });
    const window = prediction.events.find((event) => event.type === 'local.window');
    assert.ok(Number(window?.data?.droppedTurns) >= 1, 'the first call has left the context');
    const state = prediction.events.find((event) => event.type === STATE_EVENT);
    assert.equal(state?.data?.entities, 1, JSON.stringify(state));
    return { prediction, truth: last.observation };
  }

  it('a read_graph after 12 more calls names the entity the first call created, byte for byte', async () => {
    const turns = await record([ADA, ...MISSES, { name: 'read_graph', arguments: {} }]);
    assert.equal(turns.length, 14);
    const { prediction, truth } = await predictLast(turns);
    assert.match(truth, /"name": "Ada Lovelace"/);
    assert.equal(prediction.observation, truth);
  });

  it('an open_nodes of it after 12 calls that create and delete other entities is exact too', async () => {
    const turns = await record([
      ADA,
      ...CREATED_AND_DELETED,
      { name: 'open_nodes', arguments: { names: ['Ada Lovelace'] } },
    ]);
    const { prediction, truth } = await predictLast(turns);
    assert.match(truth, /"Wrote the first program"/);
    assert.equal(prediction.observation, truth);
  });
});
