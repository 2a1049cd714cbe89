import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { mcpDomain } from './domain.js';

const EVERYTHING = {
  command: process.execPath,
  args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'],
};
const PAGED = {
  command: process.execPath,
  args: [fileURLToPath(new URL('./fixtures/paged-tools-server.mjs', import.meta.url))],
};

describe('mcp domain: prepare', () => {
  it('lists the tools of a real server and keeps toolsFrom', async () => {
    const spec = WorldSpecSchema.parse({ domain: 'mcp', toolsFrom: EVERYTHING });
    const prepared = await mcpDomain.prepare(spec);
    assert.deepEqual(prepared.toolsFrom, spec.toolsFrom);
    const names = (prepared.tools ?? []).map((tool) => tool.name);
    assert.ok(
      names.includes('echo') && names.includes('get-sum') && names.includes('get-structured-content'),
    );
    const structured = prepared.tools?.find((tool) => tool.name === 'get-structured-content');
    assert.equal((structured?.outputSchema as { type?: string } | undefined)?.type, 'object');
    assert.equal(spec.tools, undefined, 'the input spec is left unchanged');
  });

  it('follows nextCursor through every page', async () => {
    const prepared = await mcpDomain.prepare(WorldSpecSchema.parse({ domain: 'mcp', toolsFrom: PAGED }));
    assert.deepEqual(
      prepared.tools?.map((tool) => tool.name),
      ['tool-1', 'tool-2', 'tool-3', 'tool-4', 'tool-5'],
    );
  });

  it('uses inline tools without starting the server', async () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [{ name: 'ping' }],
      toolsFrom: { command: '/nonexistent/server' },
    });
    assert.equal(await mcpDomain.prepare(spec), spec);
  });

  it('is INVALID_SPEC with the stderr tail when the server cannot start', async () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      toolsFrom: {
        command: process.execPath,
        args: ['-e', 'console.error("cannot open database"); process.exit(2)'],
      },
    });
    await assert.rejects(mcpDomain.prepare(spec), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.toolsFrom');
      assert.match(String(error.details.stderr), /cannot open database/);
      assert.match(error.message, /cannot open database/);
      return true;
    });
    const missing = WorldSpecSchema.parse({ domain: 'mcp', toolsFrom: { command: '/nonexistent/server' } });
    await assert.rejects(mcpDomain.prepare(missing), (error) => isAgentWorldError(error, 'INVALID_SPEC'));
  });

  it('honours the abort signal while the server does not answer', async () => {
    const silent = WorldSpecSchema.parse({
      domain: 'mcp',
      toolsFrom: {
        command: process.execPath,
        args: ['-e', 'process.stdin.resume(); process.stdin.on("end", () => process.exit(0))'],
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(mcpDomain.prepare(silent, { signal: controller.signal }), (error) =>
      isAgentWorldError(error, 'ABORTED'),
    );
    await assert.rejects(mcpDomain.prepare(silent, { signal: AbortSignal.abort() }), (error) =>
      isAgentWorldError(error, 'ABORTED'),
    );
  });

  it('rejects a spec with neither tools nor toolsFrom, and duplicate tool names', async () => {
    await assert.rejects(mcpDomain.prepare(WorldSpecSchema.parse({ domain: 'mcp' })), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.tools');
      return true;
    });
    const duplicate = WorldSpecSchema.parse({ domain: 'mcp', tools: [{ name: 'a' }, { name: 'a' }] });
    await assert.rejects(mcpDomain.prepare(duplicate), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.tools[1].name');
      return true;
    });
  });

  it('rejects bad initial data with the path of the key', async () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [{ name: 'a' }],
      initialState: { data: { serverName: 5 } },
    });
    await assert.rejects(mcpDomain.prepare(spec), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.initialState.data.serverName');
      return true;
    });
  });
});

describe('mcp domain: wiring', () => {
  const spec = WorldSpecSchema.parse({
    domain: 'mcp',
    tools: [{ name: 'search_docs' }, { name: 'claim_done' }],
    initialState: { data: { serverName: 'docs', completionTools: ['claim_done'] } },
  });

  it('describes the connection in the first observation', () => {
    assert.equal(
      mcpDomain.initialObservation(spec),
      'Connected to MCP server "docs": 2 tools available: search_docs, claim_done',
    );
    const single = WorldSpecSchema.parse({ domain: 'mcp', tools: [{ name: 'ping' }] });
    assert.equal(mcpDomain.initialObservation(single), 'Connected to MCP server: 1 tool available: ping');
  });

  it('ends the episode on a completion tool only', () => {
    assert.equal(mcpDomain.isCompletion({ name: 'claim_done', arguments: {} }, spec), true);
    assert.equal(mcpDomain.isCompletion({ name: 'search_docs', arguments: {} }, spec), false);
  });

  it('has one dialect and no turn sections', () => {
    assert.deepEqual(mcpDomain.dialects, ['mcp']);
    assert.equal(mcpDomain.defaultDialect, 'mcp');
    assert.deepEqual(mcpDomain.turnSections(spec, 1, mcpDomain.createLedger(spec)), []);
  });
});
