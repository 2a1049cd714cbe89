import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseMcpAction } from '../../domains/mcp/index.js';
import { McpServerEngine } from '../../engines/real/mcp/mcp-server-engine.js';
import { readMemoryGraph } from './memory-graph.js';
import { memoryServerCommand } from './memory-server.js';
import { memorySessionSpec } from './session-spec.js';

/** The message the mcp domain refuses a call with (what it says a real server answers). */
function domainRefusal(
  spec: ReturnType<typeof memorySessionSpec>,
  name: string,
  args: Record<string, unknown>,
): string {
  try {
    parseMcpAction({ name, arguments: args }, spec);
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail(`the domain accepted ${name}`);
}

describe('McpServerEngine over a real server-memory', () => {
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-mcp-engine-test-'));
  const memoryFile = join(directory, 'memory.jsonl');
  let engine: McpServerEngine;
  before(async () => {
    engine = await McpServerEngine.start(memoryServerCommand(memoryFile), { serverName: 'server-memory' });
  });
  after(async () => {
    await engine.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists the tools the server really has', async () => {
    const names = (await engine.listTools()).map((tool) => tool.name);
    for (const name of ['create_entities', 'add_observations', 'read_graph', 'search_nodes', 'open_nodes']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('writes through to the graph file and renders results as text', async () => {
    const created = await engine.call({
      name: 'create_entities',
      arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['Likes tea'] }] },
    });
    assert.equal(created.isError, false);
    assert.deepEqual(JSON.parse(created.observation), [
      { name: 'Ada', entityType: 'person', observations: ['Likes tea'] },
    ]);
    assert.deepEqual(
      readMemoryGraph(memoryFile).entities.map((entity) => entity.name),
      ['Ada'],
    );
  });

  it('keeps a failing call as an isError observation', async () => {
    const missing = await engine.call({
      name: 'add_observations',
      arguments: { observations: [{ entityName: 'Nobody', contents: ['x'] }] },
    });
    assert.equal(missing.isError, true);
    assert.equal(missing.observation, 'Entity with name Nobody not found');
  });

  it('answers unknown tools and bad arguments with the texts the mcp domain expects', async () => {
    const spec = memorySessionSpec(await engine.listTools());
    const unknown = await engine.call({ name: 'get_node', arguments: {} });
    assert.equal(unknown.isError, true);
    assert.equal(unknown.observation, domainRefusal(spec, 'get_node', {}));
    const bad = await engine.call({ name: 'open_nodes', arguments: { names: 'Ada' } });
    assert.equal(bad.isError, true);
    assert.equal(bad.observation, domainRefusal(spec, 'open_nodes', { names: 'Ada' }));
  });
});
