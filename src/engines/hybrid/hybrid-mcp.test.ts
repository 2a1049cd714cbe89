/**
 * The hybrid engine on mcp worlds with the real server-memory twin (src/twins/mcp-memory): through `agentworld sim
 * --engine hybrid` (the real CLI, its model side the scripted lwm server) and through the engine, with the scripted
 * lwm engine answering what the twin declines: another mcp server, a call the server refuses, and calls on a graph
 * a model-answered turn left unknown.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChatMessage } from '../../core/messages.js';
import type { Turn } from '../../core/turn.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import { createMemoryServerTwin } from '../../twins/index.js';
import { createLwmEngine } from '../lwm/lwm-engine.js';
import { createHybridEngine, type HybridEngine } from './hybrid-engine.js';
import { TWIN_STATE_HEADING } from './twin-conditioning.js';

const memory = parseWorldSpec(await readSpecFile('mcp-memory'));
const other = parseWorldSpec({
  ...(JSON.parse(readFileSync(join('examples', 'mcp-memory.json'), 'utf8')) as Record<string, unknown>),
  toolsFrom: undefined,
  initialState: { data: { serverName: 'notes-server' } },
});

const CREATE = {
  name: 'create_entities',
  arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['math'] }] },
};
const ADD_MISSING = {
  name: 'add_observations',
  arguments: { observations: [{ entityName: 'Bob', contents: ['x'] }] },
};
const READ = { name: 'read_graph', arguments: {} };
const ADA_GRAPH = JSON.stringify(
  { entities: [{ name: 'Ada', entityType: 'person', observations: ['math'] }], relations: [] },
  null,
  2,
);

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer();
});
after(() => server.close());

function makeHybrid(): HybridEngine {
  const model = createLwmEngine({
    baseUrl: server.url,
    model: server.model,
    maxRetries: 1,
    retryBaseMs: 1,
    retryMaxMs: 2,
  });
  return createHybridEngine({ twin: createMemoryServerTwin(), model });
}

describe('agentworld sim --engine hybrid on an mcp-memory world', () => {
  const home = mkdtempSync(join(tmpdir(), 'agentworld-hybrid-mcp-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  it('the twin answers every server-memory call exactly; the model is not called', async () => {
    server.resetStats();
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith('AGENTWORLD_')) env[name] = value;
    }
    env.AGENTWORLD_HOME = home;
    const stdin = `${[CREATE, ADD_MISSING, READ].map((call) => JSON.stringify(call)).join('\n')}\n:quit\n`;
    const specPath = join(home, 'memory.json');
    writeFileSync(specPath, JSON.stringify({ ...memory, toolsFrom: undefined }));
    const args = ['--import', 'tsx', join('src', 'cli', 'main.ts'), 'sim', specPath, '--engine', 'hybrid'];
    args.push('--model-url', server.url, '--model', server.model);
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = execFile(process.execPath, args, { env, timeout: 600_000 }, (error, out, err) =>
        error === null ? resolve({ stdout: out }) : reject(new Error(`${error.message}\n${out}\n${err}`)),
      );
      child.stdin?.end(stdin);
    });
    const turns = stdout.match(/^turn \d+ · simulated by hybrid model=mcp-memory-twin /gm) ?? [];
    assert.equal(turns.length, 3, stdout);
    assert.ok(stdout.includes(JSON.stringify(CREATE.arguments.entities, null, 2)), stdout);
    assert.ok(stdout.includes('Entity with name Bob not found'), stdout);
    assert.ok(stdout.includes(ADA_GRAPH), stdout);
    assert.equal(server.completionBodies.length, 0, 'the model was called');
  });
});

describe('hybrid engine (server-memory twin + scripted lwm)', () => {
  it('another mcp server: the twin declines every turn, the model answers it with the reason', async () => {
    const engine = makeHybrid();
    try {
      const env = await createEnv(other, { engine });
      await env.reset({ seed: 1 });
      const { info } = await env.step(READ);
      assert.equal(info.turn.provenance.answeredBy?.side, 'model');
      assert.match(
        info.turn.provenance.answeredBy?.reason ?? '',
        /the server notes-server \(the twin simulates only server-memory\)/,
      );
    } finally {
      await engine.close();
    }
  });

  it('a refused call goes to the model and leaves the graph known; a graph a model changed is unknown', async () => {
    const engine = makeHybrid();
    server.resetStats();
    try {
      const messages: ChatMessage[] = [
        { role: 'system', content: 'You simulate an MCP server.' },
        { role: 'user', content: '### Turn 1\n\n**Action:** a tool call' },
      ];
      const base = { spec: memory, seed: 1, messages, promptHash: '' };
      const turn = (index: number, action: unknown, observation: string): Turn =>
        ({
          index,
          action,
          observation,
          prompt: '',
          provenance: { source: 'simulated', engine: 'x' },
        }) as unknown as Turn;
      const created = await engine.predict({
        ...base,
        sessionId: 's',
        turnIndex: 1,
        action: CREATE,
        history: [],
      });
      assert.equal(created.provenance.answeredBy?.side, 'twin');
      // Arguments server-memory's schema refuses: the model answers, told the graph.
      const refused = { name: 'create_entities', arguments: { entities: 'Ada' } };
      const history = [turn(1, CREATE, created.observation)];
      const model = await engine.predict({ ...base, sessionId: 's', turnIndex: 2, action: refused, history });
      assert.equal(model.provenance.answeredBy?.side, 'model');
      assert.match(model.provenance.answeredBy?.reason ?? '', /input schema refuses/);
      const sent = server.completionBodies[0]?.messages as ChatMessage[];
      const newest = sent[sent.length - 1]?.content ?? '';
      assert.ok(newest.includes(`**${TWIN_STATE_HEADING}:**`), newest);
      assert.ok(newest.includes('"name": "Ada"'), 'the twin state holds the graph');
      // The server changes nothing on a refused call: the twin still answers read_graph exactly.
      history.push(turn(2, refused, model.observation));
      const read = await engine.predict({ ...base, sessionId: 's', turnIndex: 3, action: READ, history });
      assert.equal(read.provenance.answeredBy?.side, 'twin');
      assert.equal(read.observation, ADA_GRAPH);

      // A session whose recorded create_entities result is not the server's (a model wrote it): the graph is
      // unknown, reads go to the model, the fixed-text deletes stay the twin's.
      const forged = [turn(1, CREATE, '[]')];
      const unknown = await engine.predict({
        ...base,
        sessionId: 't',
        turnIndex: 2,
        action: READ,
        history: forged,
      });
      assert.equal(unknown.provenance.answeredBy?.side, 'model');
      assert.match(
        unknown.provenance.answeredBy?.reason ?? '',
        /the graph is unknown: turn 1 \(create_entities\)/,
      );
      const remove = { name: 'delete_entities', arguments: { entityNames: ['Ada'] } };
      forged.push(turn(2, READ, unknown.observation));
      const deleted = await engine.predict({
        ...base,
        sessionId: 't',
        turnIndex: 3,
        action: remove,
        history: forged,
      });
      assert.equal(deleted.provenance.answeredBy?.side, 'twin');
      assert.equal(deleted.observation, 'Entities deleted successfully');
    } finally {
      await engine.close();
    }
  });
});
