import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFormulaMcpModel, writeFormulaModel } from './formula-model.js';
import { readGgufStrings, readModelFileLayout } from './gguf-metadata.js';
import { mcpModelServer, recognizeModelLayout } from './model-layout.js';

const directory = mkdtempSync(join(tmpdir(), 'agentworld-gguf-metadata-'));
const terminalPath = join(directory, 'terminal.gguf');
const mcpPath = join(directory, 'mcp.gguf');
after(() => rmSync(directory, { recursive: true, force: true }));

describe('model file layouts, read without llama.cpp', () => {
  before(async () => {
    await writeFormulaModel(terminalPath);
    await writeFormulaMcpModel(mcpPath);
  });

  it('reads the string metadata the writer put in (past the 259-entry vocabulary arrays)', () => {
    assert.deepEqual(readGgufStrings(mcpPath, 'agentworld.'), {
      layout: 'mcp-bytes-v1',
      system_line: 'agentworld mcp server-memory\n',
    });
    assert.equal(readGgufStrings(terminalPath, 'general.').architecture, 'llama');
    assert.equal(readGgufStrings(terminalPath, 'tokenizer.ggml.').model, 'llama');
  });

  it('recognizes the terminal and the mcp layout, and nothing else', async () => {
    assert.deepEqual(readModelFileLayout(terminalPath), {
      id: 'terminal-bytes-v1',
      domain: 'terminal',
      systemLine: 'agentworld terminal, bash 80 columns\n',
    });
    const mcp = readModelFileLayout(mcpPath);
    assert.equal(mcp?.domain, 'mcp');
    assert.equal(mcp === undefined ? undefined : mcpModelServer(mcp), 'server-memory');

    const other = join(directory, 'chat.gguf');
    await writeFormulaModel(other, { layoutId: 'chat-v0' });
    assert.equal(readModelFileLayout(other), undefined);
    const mixed = join(directory, 'mixed.gguf');
    await writeFormulaModel(mixed, { layoutId: 'mcp-bytes-v1' });
    assert.equal(readModelFileLayout(mixed), undefined, 'an mcp layout with the terminal system line');
    assert.equal(
      recognizeModelLayout({ layout: 'mcp-bytes-v1', system_line: 'agentworld mcp\n' })?.domain,
      'mcp',
    );
    assert.equal(
      recognizeModelLayout({ layout: 'mcp-bytes-v1', system_line: 'agentworld mcp a\nb\n' }),
      undefined,
    );
    assert.equal(recognizeModelLayout({ layout: 'terminal-bytes-v1' }), undefined);
  });

  it('gives undefined for a missing file, a file that is not GGUF, and one cut inside its metadata', () => {
    assert.equal(readModelFileLayout(join(directory, 'missing.gguf')), undefined);
    const garbage = join(directory, 'garbage.gguf');
    writeFileSync(garbage, 'not a model at all, just text');
    assert.equal(readModelFileLayout(garbage), undefined);
    assert.throws(() => readGgufStrings(garbage, 'agentworld.'), /not a GGUF file/);
    const cut = join(directory, 'cut.gguf');
    writeFileSync(cut, readFileSync(mcpPath).subarray(0, 4000));
    assert.throws(() => readGgufStrings(cut, 'agentworld.'), /ends inside its metadata/);
  });
});
