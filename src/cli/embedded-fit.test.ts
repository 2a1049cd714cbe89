import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORMULA_MCP_LAYOUT } from '../engines/local/formula-model.js';
import { recognizeModelLayout } from '../engines/local/model-layout.js';
import { parseWorldSpec } from '../session/create-env.js';
import { readSpecFile } from '../session/spec-file.js';
import { embeddedModelMismatch } from './embedded-fit.js';

const mcpModel = recognizeModelLayout({
  layout: FORMULA_MCP_LAYOUT.layoutId,
  system_line: FORMULA_MCP_LAYOUT.systemLine,
});

function memorySpec(data: Record<string, unknown>) {
  return parseWorldSpec({
    domain: 'mcp',
    initialState: { data },
    tools: [{ name: 'read_graph', inputSchema: { type: 'object', properties: {} } }],
  });
}

describe('embedded model fit notes for an mcp model', () => {
  it('fits an mcp world of the server its system line names, starting empty', () => {
    assert.ok(mcpModel !== undefined);
    assert.equal(embeddedModelMismatch(memorySpec({ serverName: 'server-memory' }), mcpModel), undefined);
  });

  it('names the other domain, the other server, or the starting state', async () => {
    assert.ok(mcpModel !== undefined);
    const terminal = parseWorldSpec(await readSpecFile('terminal-embedded'));
    assert.match(
      embeddedModelMismatch(terminal, mcpModel) ?? '',
      /simulates the MCP server server-memory only; terminal actions get an "unsupported" answer/,
    );
    const everything = parseWorldSpec(await readSpecFile('mcp'));
    assert.match(
      embeddedModelMismatch(everything, mcpModel) ?? '',
      /cannot simulate the server mcp-servers\/everything \(it simulates the MCP server server-memory\)/,
    );
    const seeded = memorySpec({ serverName: 'server-memory', serverState: { entities: ['Ada'] } });
    assert.match(
      embeddedModelMismatch(seeded, mcpModel) ?? '',
      /starts with state \(initialState\.data serverState/,
    );
    // Without a model (or with the terminal one) the terminal rules apply, as before.
    assert.match(embeddedModelMismatch(everything) ?? '', /terminals only/);
    assert.equal(embeddedModelMismatch(terminal), undefined);
  });
});
