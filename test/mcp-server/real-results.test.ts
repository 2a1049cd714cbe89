import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { callToolResultToObservation } from '../../src/domains/mcp/index.js';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { prepareSimulatedWorld, startMcpHttpServer } from '../../src/server/mcp/index.js';
import { createEnv } from '../../src/session/create-env.js';
import type { Session } from '../../src/session/session.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';

/**
 * AgentWorld's MCP surface against what the real servers answered (src/domains/mcp/dialects/mcp/
 * fixtures.json, written by scripts/capture-mcp-results/capture.ts with the official SDK client). Every
 * comparison is of the client's result as JSON text: same blocks, same keys in the same order, `isError` only
 * where the real server sent it.
 */
interface FixtureCall {
  readonly title: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  readonly result: Record<string, unknown> & { content: Array<Record<string, unknown>>; isError?: boolean };
}
interface FixtureServer {
  readonly id: string;
  readonly tools: unknown[];
  readonly calls: FixtureCall[];
}

const FIXTURE = JSON.parse(await readFile('src/domains/mcp/dialects/mcp/fixtures.json', 'utf8')) as {
  servers: FixtureServer[];
};
const SEED = 7;

function specOf(server: FixtureServer): Record<string, unknown> {
  return { id: `real-${server.id}`, domain: 'mcp', seed: SEED, tools: server.tools };
}

/** A call McpServer refuses before any tool runs (unknown tool, invalid arguments): AgentWorld answers those. */
function isRefused(call: FixtureCall): boolean {
  const first = call.result.content[0];
  return (
    call.result.isError === true &&
    typeof first?.text === 'string' &&
    first.text.startsWith('MCP error -32602: ')
  );
}

/**
 * A stand-in for the real server in this test only: answers each call with the captured real result, as a
 * real engine does (the observation text plus the whole result as `rawResult`). It makes the recording that
 * the replay engine then serves.
 */
function capturedResultsEngine(calls: readonly FixtureCall[]): Engine {
  return {
    id: 'captured',
    kind: 'real',
    identity: () => ({ engine: 'captured' }),
    async predict(request: PredictRequest): Promise<Prediction> {
      const action = request.action as { name: string; arguments: Record<string, unknown> };
      const call = calls.find(
        (entry) =>
          entry.name === action.name && JSON.stringify(entry.arguments) === JSON.stringify(action.arguments),
      );
      assert.ok(call, `no captured result for ${JSON.stringify(action)}`);
      return {
        observation: callToolResultToObservation(call.result),
        provenance: { source: 'real', engine: 'captured', promptHash: request.promptHash },
        events: [],
        rawResult: call.result,
      };
    },
    close: async () => undefined,
  };
}

async function recordingOf(server: FixtureServer): Promise<SessionRecord> {
  const session = await createEnv(specOf(server), { engine: capturedResultsEngine(server.calls) });
  await session.reset({ seed: SEED });
  for (const call of server.calls) {
    if (!isRefused(call)) await session.step({ name: call.name, arguments: call.arguments });
  }
  return session.toRecord();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'agentworld-real-results-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  // Listing the tools makes the SDK client validate every structuredContent against its outputSchema.
  await client.listTools();
  return client;
}

describe('replayed recordings of real servers answer byte for byte what the real servers answered', () => {
  for (const server of FIXTURE.servers) {
    it(`server-${server.id}: ${server.calls.map((call) => call.title).join(', ')}`, async () => {
      const recording = await recordingOf(server);
      // The recording keeps each real result whole, and stays a valid session file.
      assert.ok(recording.turns.every((turn) => turn.rawResult !== undefined));
      const replay = createReplayEngine({
        sessions: [JSON.parse(JSON.stringify(recording)) as SessionRecord],
      });
      const world = await prepareSimulatedWorld(specOf(server), { engine: replay, seed: SEED });
      const http = await startMcpHttpServer(world);
      const client = await connect(http.url);
      try {
        for (const call of server.calls) {
          const result = await client.callTool({ name: call.name, arguments: call.arguments });
          assert.equal(JSON.stringify(result), JSON.stringify(call.result), `${server.id}: ${call.title}`);
        }
      } finally {
        await client.close();
        await http.close();
        await replay.close();
      }
    });
  }
});

/**
 * Where a world-model prediction cannot equal the real result, by design: a prediction is text only, so its
 * `isError` comes from clear error signs in the text (see toCallToolResult) and it has no annotations. Each
 * entry must still differ (a stale entry fails), like the SDK's conformance list of expected failures.
 */
const PREDICTION_DIVERGENCES: Readonly<Record<string, string>> = {
  'filesystem: text file':
    "the observation is taken trimmed from the model's <predicted_observation> block, so the file's final newline is lost",
  'filesystem: missing file':
    'real isError:true; "ENOENT: …" shows no clear error sign, so a prediction is a success',
  'everything: annotated error message':
    'real isError absent with annotations; "Error: Operation failed" reads as an error and has no annotations',
};

/** A real result a text prediction can stand for: one text block. */
function predictable(call: FixtureCall): string | undefined {
  const [first, ...rest] = call.result.content;
  return rest.length === 0 && first?.type === 'text' && typeof first.text === 'string'
    ? first.text
    : undefined;
}

describe('world-model predictions of the real texts give the real results', () => {
  let model: ScriptedModelServer;
  before(async () => {
    model = await startScriptedModelServer();
  });
  after(() => model.close());

  const lwm = () =>
    createLwmEngine({ baseUrl: model.url, model: model.model, maxRetries: 0, retryBaseMs: 1 });

  for (const server of FIXTURE.servers) {
    it(`server-${server.id}: text results get the real isError and structuredContent; refused calls the real text`, async () => {
      const world = await prepareSimulatedWorld(specOf(server), { engine: lwm() });
      const http = await startMcpHttpServer(world);
      const client = await connect(http.url);
      try {
        for (const call of server.calls) {
          const key = `${server.id}: ${call.title}`;
          const text = predictable(call);
          if (!isRefused(call)) {
            if (text === undefined) continue;
            model.enqueue({ type: 'observation', observation: text });
          }
          const result = await client.callTool({ name: call.name, arguments: call.arguments });
          if (PREDICTION_DIVERGENCES[key] === undefined) {
            assert.equal(JSON.stringify(result), JSON.stringify(call.result), key);
          } else {
            assert.notEqual(JSON.stringify(result), JSON.stringify(call.result), `stale divergence: ${key}`);
          }
        }
      } finally {
        await client.close();
        await http.close();
        await world.engine.close();
      }
    });
  }

  it('a prediction no structuredContent fits is a checked failure, not a result the client rejects', async () => {
    const everything = FIXTURE.servers.find((server) => server.id === 'everything');
    assert.ok(everything);
    const ended: Session[] = [];
    const world = await prepareSimulatedWorld(specOf(everything), { engine: lwm() });
    const http = await startMcpHttpServer(world, { onSessionEnd: (session) => void ended.push(session) });
    const client = await connect(http.url);
    try {
      model.enqueue({ type: 'observation', observation: 'Sunny and warm' });
      const error = await client
        .callTool({ name: 'get-structured-content', arguments: { location: 'Chicago' } })
        .then(
          () => assert.fail('expected a JSON-RPC error'),
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof McpError);
      assert.equal(error.code, ErrorCode.InternalError);
      assert.match(
        error.message,
        /^MCP error -32603: MODEL_OUTPUT_INVALID: Turn 1: the result of tool "get-structured-content" cannot be given structuredContent/,
      );
      assert.equal((error.data as { code: string }).code, 'MODEL_OUTPUT_INVALID');
      await (client.transport as StreamableHTTPClientTransport).terminateSession();
      const turn = ended[0]?.turns[0];
      assert.equal(turn?.checks.find((check) => check.id === 'output-schema')?.status, 'fail');
      assert.ok(
        turn?.events.some((event) => event.type === 'check.failed' && event.data?.check === 'output-schema'),
      );
    } finally {
      await client.close();
      await http.close();
      await world.engine.close();
    }
  });
});
