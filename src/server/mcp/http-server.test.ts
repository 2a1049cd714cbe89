import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { isAgentWorldError } from '../../core/errors.js';
import { BUILT_IN_SEARCH_TOOLS } from '../../domains/search/index.js';
import { createLwmEngine } from '../../engines/lwm/index.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import type { Session } from '../../session/session.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import {
  type McpHttpServer,
  prepareSimulatedWorld,
  type SimulatedWorld,
  startMcpHttpServer,
} from './index.js';

const MCP_SPEC = JSON.parse(await readFile('examples/mcp.json', 'utf8')) as { tools: unknown[] };

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'agentworld-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => assert.fail('expected a JSON-RPC error'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof McpError, `expected an McpError, got ${String(error)}`);
  return error;
}

describe('MCP streamable HTTP server over the replay engine', () => {
  let world: SimulatedWorld;
  let server: McpHttpServer;
  const ended: Session[] = [];

  before(async () => {
    const engine = await createReplayEngine({ files: ['examples/sessions/mcp.jsonl'] });
    world = await prepareSimulatedWorld(MCP_SPEC, { engine });
    server = await startMcpHttpServer(world, { onSessionEnd: (session) => void ended.push(session) });
  });
  after(async () => {
    await server.close();
    await world.engine.close();
  });

  it('binds to 127.0.0.1 and lists exactly the spec tools', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connect(server.url);
    try {
      assert.deepEqual(client.getServerVersion()?.name, 'mcp-servers/everything');
      const { tools } = await client.listTools();
      assert.deepEqual(tools, MCP_SPEC.tools);
    } finally {
      await client.close();
    }
  });

  it('answers each call with the recorded observation, one session per connection', async () => {
    const open = server.sessionCount();
    const first = await connect(server.url);
    const second = await connect(server.url);
    try {
      await first.listTools();
      const echo = await first.callTool({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
      // A real result omits `isError` when false, and so does the recording's replay.
      assert.deepEqual(echo, { content: [{ type: 'text', text: 'Echo: Hello from AgentWorld' }] });
      const sum = await first.callTool({ name: 'get-sum', arguments: { a: 2, b: 5 } });
      assert.deepEqual(sum.content, [{ type: 'text', text: 'The sum of 2 and 5 is 7.' }]);
      // The second connection starts at turn 1 of its own session: it replays the other recorded session.
      await second.listTools();
      const weather = await second.callTool({
        name: 'get-structured-content',
        arguments: { location: 'New York' },
      });
      assert.deepEqual(weather.structuredContent, { temperature: 33, conditions: 'Cloudy', humidity: 82 });
      assert.deepEqual(weather.content, [
        { type: 'text', text: '{"temperature":33,"conditions":"Cloudy","humidity":82}' },
      ]);
      const structured = await first.callTool({
        name: 'get-structured-content',
        arguments: { location: 'Chicago' },
      });
      assert.deepEqual(structured.structuredContent, {
        temperature: 36,
        conditions: 'Light rain / drizzle',
        humidity: 82,
      });
      const failure = await first.callTool({
        name: 'get-annotated-message',
        arguments: { messageType: 'error' },
      });
      // The real server's flag and annotations, kept by the recording: this "Error:" text is no tool error.
      assert.deepEqual(failure, {
        content: [
          {
            type: 'text',
            text: 'Error: Operation failed',
            annotations: { audience: ['user', 'assistant'], priority: 1 },
          },
        ],
      });
      assert.equal(server.sessionCount(), open + 2);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('answers an unknown tool and invalid arguments as McpServer does: isError results, prefixed once', async () => {
    const client = await connect(server.url);
    try {
      const unknown = await client.callTool({ name: 'no-such-tool', arguments: {} });
      assert.deepEqual(unknown, {
        content: [{ type: 'text', text: 'MCP error -32602: Tool no-such-tool not found' }],
        isError: true,
      });
      const invalid = await client.callTool({ name: 'get-sum', arguments: { a: 'two' } });
      assert.deepEqual(invalid, {
        content: [
          {
            type: 'text',
            text:
              'MCP error -32602: Input validation error: Invalid arguments for tool get-sum: ' +
              'Invalid input: expected number, received string at a\n' +
              'Invalid input: expected number, received undefined at b',
          },
        ],
        isError: true,
      });
      // Neither failed call was recorded: the session still replays from its first turn.
      const echo = await client.callTool({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
      assert.deepEqual(echo.content, [{ type: 'text', text: 'Echo: Hello from AgentWorld' }]);
    } finally {
      await client.close();
    }
  });

  it('answers a replay miss with a JSON-RPC internal error naming our code, not an isError result', async () => {
    const client = await connect(server.url);
    try {
      const miss = await rejection(
        client.callTool({ name: 'echo', arguments: { message: 'never recorded' } }),
      );
      assert.equal(miss.code, ErrorCode.InternalError);
      assert.match(miss.message, /REPLAY_MISS/);
      assert.equal((miss.data as { code?: unknown }).code, 'REPLAY_MISS');
    } finally {
      await client.close();
    }
  });

  it('closes the session when the client ends the MCP session', async () => {
    const before = ended.length;
    const client = await connect(server.url);
    await client.callTool({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
    const transport = client.transport as StreamableHTTPClientTransport;
    await transport.terminateSession();
    await client.close();
    assert.equal(ended.length, before + 1);
    const session = ended.at(-1);
    assert.equal(session?.isClosed, true);
    assert.equal(session?.turns.length, 1);
  });

  it('rejects requests without a session, for another path, or with a foreign Host header', async () => {
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const noSession = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify(list) });
    assert.equal(noSession.status, 400);
    const wrongPath = await fetch(server.url.replace('/mcp', '/other'), {
      method: 'POST',
      headers,
      body: '{}',
    });
    assert.equal(wrongPath.status, 404);
    const unknownSession = await fetch(server.url, {
      method: 'POST',
      headers: { ...headers, 'mcp-session-id': 'not-a-session' },
      body: JSON.stringify(list),
    });
    assert.equal(unknownSession.status, 404);
    const badJson = await fetch(server.url, { method: 'POST', headers, body: '{not json' });
    assert.equal(badJson.status, 400);
    assert.equal(((await badJson.json()) as { error: { code: number } }).error.code, ErrorCode.ParseError);
    const foreignHost = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        server.url,
        { method: 'POST', headers: { ...headers, host: 'attacker.example:80' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(list));
    });
    assert.equal(foreignHost, 403);
    for (const origin of ['http://attacker.example', 'null', 'http://127.0.0.1:1']) {
      const crossSite = await fetch(server.url, {
        method: 'POST',
        headers: { ...headers, origin },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
      });
      assert.equal(crossSite.status, 403, origin);
      const answer = (await crossSite.json()) as { error: { message: string } };
      assert.match(answer.error.message, /^Forbidden: .*other origins/);
    }
    const sameOrigin = await fetch(server.url, {
      method: 'POST',
      headers: { ...headers, origin: new URL(server.url).origin },
      body: JSON.stringify(list),
    });
    assert.equal(sameOrigin.status, 400, 'a same-origin request gets past the origin rule');
  });
});

describe('MCP HTTP server access control', () => {
  let world: SimulatedWorld;
  before(async () => {
    const engine = await createReplayEngine({ files: ['examples/sessions/mcp.jsonl'] });
    world = await prepareSimulatedWorld(MCP_SPEC, { engine });
  });
  after(() => world.engine.close());

  it('refuses a non-loopback bind address without an API key', async () => {
    await assert.rejects(startMcpHttpServer(world, { host: '0.0.0.0' }), (error: unknown) =>
      isAgentWorldError(error, 'CONFIG_INVALID'),
    );
  });

  it('requires Authorization: Bearer <key> when a key is set', async () => {
    const server = await startMcpHttpServer(world, { apiKeys: ['sesame'] });
    try {
      const refused = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
        body: '{}',
      });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
      await assert.rejects(connect(server.url));
      const client = await connect(server.url, { authorization: 'Bearer sesame' });
      try {
        assert.equal((await client.listTools()).tools.length, MCP_SPEC.tools.length);
      } finally {
        await client.close();
      }
    } finally {
      await server.close();
    }
  });

  it('serves a non-loopback address when given a key', async () => {
    const server = await startMcpHttpServer(world, { host: '0.0.0.0', apiKeys: ['sesame'] });
    try {
      const client = await connect(`http://127.0.0.1:${server.port}/mcp`, { authorization: 'Bearer sesame' });
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('answers an initialize beyond the session limit with HTTP 429', async () => {
    const server = await startMcpHttpServer(world, { maxSessions: 1 });
    const client = await connect(server.url);
    try {
      await assert.rejects(connect(server.url), /429|CAPACITY|sessions/i);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('MCP HTTP server over the lwm engine (scripted model server)', () => {
  let model: ScriptedModelServer;
  before(async () => {
    model = await startScriptedModelServer();
  });
  after(() => model.close());

  function lwm() {
    return createLwmEngine({ baseUrl: model.url, model: model.model, maxRetries: 0, retryBaseMs: 1 });
  }

  it('serves the built-in search tools and returns observations as plain text', async () => {
    const world = await prepareSimulatedWorld(JSON.parse(await readFile('examples/search.json', 'utf8')), {
      engine: lwm(),
    });
    const server = await startMcpHttpServer(world);
    const client = await connect(server.url);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools, BUILT_IN_SEARCH_TOOLS);
      model.enqueue({ type: 'observation', observation: 'No results found for "zzqx".' });
      const result = await client.callTool({
        name: 'web_extractor',
        arguments: { url: 'https://example.com' },
      });
      assert.deepEqual(result, { content: [{ type: 'text', text: 'No results found for "zzqx".' }] });
      const bad = await client.callTool({ name: 'web_extractor', arguments: {} });
      assert.equal(bad.isError, true);
      assert.match(JSON.stringify(bad.content), /MCP error -32602: Invalid web_extractor arguments/);
    } finally {
      await client.close();
      await server.close();
      await world.engine.close();
    }
  });

  it('stops the engine request of a call the client cancels, and records nothing', async () => {
    const ended: Session[] = [];
    const world = await prepareSimulatedWorld(MCP_SPEC, { engine: lwm() });
    const server = await startMcpHttpServer(world, { onSessionEnd: (session) => void ended.push(session) });
    const client = await connect(server.url);
    try {
      model.enqueue({ type: 'hang' });
      const controller = new AbortController();
      const call = client.callTool({ name: 'echo', arguments: { message: 'slow' } }, undefined, {
        signal: controller.signal,
      });
      while (model.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      await assert.rejects(call);
      while (model.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      model.enqueue({ type: 'observation', observation: 'Echo: next' });
      const next = await client.callTool({ name: 'echo', arguments: { message: 'next' } });
      assert.deepEqual(next.content, [{ type: 'text', text: 'Echo: next' }]);
      await (client.transport as StreamableHTTPClientTransport).terminateSession();
      assert.deepEqual(
        ended[0]?.turns.map((turn) => turn.observation),
        ['Echo: next'],
      );
    } finally {
      await client.close();
      await server.close();
      await world.engine.close();
    }
  });

  it('answers with a JSON-RPC internal error (not isError) while the model server is down', async () => {
    const world = await prepareSimulatedWorld(MCP_SPEC, { engine: lwm() });
    const server = await startMcpHttpServer(world);
    const client = await connect(server.url);
    try {
      await model.setDown(true);
      const down = await rejection(client.callTool({ name: 'echo', arguments: { message: 'hi' } }));
      assert.equal(down.code, ErrorCode.InternalError);
      assert.match(down.message, /^MCP error -32603: ENGINE_UNAVAILABLE: /);
      assert.deepEqual((down.data as { code: string; retryable: boolean }).code, 'ENGINE_UNAVAILABLE');
      await model.setDown(false);
      model.enqueue({ type: 'observation', observation: 'Echo: hi' });
      const echo = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
      assert.deepEqual(echo, { content: [{ type: 'text', text: 'Echo: hi' }] });
    } finally {
      await model.setDown(false);
      await client.close();
      await server.close();
      await world.engine.close();
    }
  });
});
