/**
 * The real MCP engine against the reference servers from node_modules: results pass through unchanged, each
 * session has its own server (memory file, confined directory), and a server that dies mid-session is
 * ENGINE_UNAVAILABLE with the recorded turns kept.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../../../core/errors.js';

import { fetchMcpServerTools } from '../../../domains/mcp/index.js';
import { createEnv, parseWorldSpec } from '../../../session/create-env.js';
import { createRealMcpEngine, parseRealMcpServer, sessionServerFor } from './index.js';

const require = createRequire(import.meta.url);
const everythingEntry = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist',
  'index.js',
);

async function specOf(name: 'memory' | 'filesystem' | 'everything') {
  const server = sessionServerFor({ kind: 'known', name });
  try {
    if (server.target.kind !== 'stdio') throw new Error('expected a stdio server');
    const tools = await fetchMcpServerTools(server.target.command);
    return parseWorldSpec({
      id: `real-${name}`,
      domain: 'mcp',
      dialect: 'mcp',
      task: 'Use the tools.',
      tools,
    });
  } finally {
    if (server.temporaryDirectory !== undefined)
      rmSync(server.temporaryDirectory, { recursive: true, force: true });
  }
}

describe('real MCP engine', () => {
  it('passes results through unchanged: content, structuredContent and isError', async () => {
    const engine = createRealMcpEngine({ server: parseRealMcpServer('everything') });
    after(() => engine.close());
    const env = await createEnv(await specOf('everything'), { engine });
    await env.reset({ seed: 1 });
    const structured = await env.step({ name: 'get-structured-content', arguments: { location: 'Chicago' } });
    const raw = structured.info.turn.rawResult as { content: unknown[]; structuredContent?: unknown };
    assert.ok(Array.isArray(raw.content) && raw.content.length > 0);
    assert.ok(raw.structuredContent !== undefined, 'structuredContent is kept');
    assert.equal(structured.info.turn.provenance.source, 'real');
    const sum = await env.step({ name: 'get-sum', arguments: { a: 2, b: 40 } });
    assert.match(sum.observation, /42/);
    assert.ok(engine.toolsOf(env.id)?.some((tool) => tool.name === 'echo'));
  });

  it('gives every session its own memory file', async () => {
    const engine = createRealMcpEngine({ server: parseRealMcpServer('memory') });
    after(() => engine.close());
    const spec = await specOf('memory');
    const first = await createEnv(spec, { engine });
    await first.reset({ seed: 1 });
    await first.step({
      name: 'create_entities',
      arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['writes programs'] }] },
    });
    assert.match((await first.step({ name: 'read_graph', arguments: {} })).observation, /Ada/);
    const second = await createEnv(spec, { engine });
    await second.reset({ seed: 1 });
    assert.doesNotMatch((await second.step({ name: 'read_graph', arguments: {} })).observation, /Ada/);
  });

  it('confines the filesystem server to a temporary directory of the session', async () => {
    const engine = createRealMcpEngine({ server: parseRealMcpServer('filesystem') });
    after(() => engine.close());
    const env = await createEnv(await specOf('filesystem'), { engine });
    await env.reset({ seed: 1 });
    const allowed = await env.step({ name: 'list_allowed_directories', arguments: {} });
    const directory = /(\/\S*agentworld-mcp-filesystem-\S+)/.exec(allowed.observation)?.[1];
    assert.ok(directory !== undefined, allowed.observation);
    await env.step({ name: 'write_file', arguments: { path: join(directory, 'a.txt'), content: 'inside' } });
    assert.equal(readFileSync(join(directory, 'a.txt'), 'utf8'), 'inside');
    const outside = await env.step({ name: 'read_text_file', arguments: { path: '/etc/hostname' } });
    assert.equal((outside.info.turn.rawResult as { isError?: boolean }).isError, true);
    assert.match(outside.observation, /denied|outside/i);
  });

  it('a server that dies mid-session is ENGINE_UNAVAILABLE and the recorded turns are kept', async () => {
    const pidFile = join(tmpdir(), `agentworld-mcp-crash-${process.pid}.pid`);
    const engine = createRealMcpEngine({
      server: {
        kind: 'stdio',
        command: {
          command: 'sh',
          args: ['-c', `echo $$ > ${pidFile}; exec "${process.execPath}" "${everythingEntry}" stdio`],
        },
      },
    });
    after(() => engine.close());
    const spec = parseWorldSpec(
      JSON.parse(readFileSync(join(process.cwd(), 'examples', 'mcp.json'), 'utf8')),
    );
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    await env.step({ name: 'echo', arguments: { message: 'one' } });
    await env.step({ name: 'echo', arguments: { message: 'two' } });
    const recorded = JSON.stringify(env.toRecord());
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
    await assert.rejects(env.step({ name: 'echo', arguments: { message: 'three' } }), (error: unknown) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
    assert.equal(JSON.stringify(env.toRecord()), recorded);
    rmSync(pidFile, { force: true });
    const resumed = await env.step({ name: 'echo', arguments: { message: 'three' } });
    assert.equal(resumed.info.turn.index, 3, 'a fresh server replays the history and the session goes on');
  });
});
