/**
 * A multi-turn MCP session end to end over examples/mcp.json (the tools of server-everything, inline): the
 * scripted responder answers each tool call the way that server does, with JSON that matches the output
 * schema where the tool declares one.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { contentHash } from '../../src/core/hash.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../src/core/messages.js';
import { createEnv } from '../../src/session/create-env.js';
import {
  type ReasoningMode,
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import {
  actionOfUserMessage,
  exampleSpec,
  fastLwmEngine,
  observationMessage,
  turnPrompt,
} from '../helpers/index.js';

interface ToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

const WEATHER: Record<string, { temperature: number; conditions: string; humidity: number }> = {
  Chicago: { temperature: 14, conditions: 'Overcast with light wind', humidity: 71 },
  'New York': { temperature: 19, conditions: 'Partly cloudy', humidity: 64 },
  'Los Angeles': { temperature: 24, conditions: 'Clear', humidity: 38 },
};

/** What server-everything prints for a call, as its CallToolResult text. */
function toolResult(call: ToolCall): string {
  const args = call.arguments;
  switch (call.name) {
    case 'echo':
      return `Echo: ${String(args.message)}`;
    case 'get-sum':
      return `The sum of ${Number(args.a)} and ${Number(args.b)} is ${Number(args.a) + Number(args.b)}.`;
    case 'get-structured-content':
      return JSON.stringify(WEATHER[String(args.location)]);
    default:
      return `MCP error -32602: Tool ${call.name} not found`;
  }
}

const MODES: readonly ReasoningMode[] = ['reasoning_content', 'think', 'think', 'reasoning'];
const reasoningFor = (turn: number): string =>
  `Turn ${turn}: the tool answers with its usual text; structured tools print JSON that fits the schema.`;

function everythingResponder(request: ScriptedRequest): ScriptedReply {
  const users = request.messages.filter((message) => message.role === 'user');
  const last = users[users.length - 1]?.content ?? '';
  const turn = users.length;
  return {
    type: 'observation',
    observation: toolResult(actionOfUserMessage(last) as ToolCall),
    reasoning: reasoningFor(turn),
    reasoningMode: MODES[(turn - 1) % MODES.length] ?? 'think',
    // On turn 3 the model repeats the history's marker inside the tag, as models sometimes do.
    marker: turn === 3,
  };
}

const ACTIONS: ToolCall[] = [
  { name: 'echo', arguments: { message: 'Hello from the e2e test' } },
  { name: 'get-sum', arguments: { a: 19, b: 23 } },
  { name: 'get-structured-content', arguments: { location: 'Chicago' } },
  { name: 'get-structured-content', arguments: { location: 'Los Angeles' } },
];
const OBSERVATIONS = [
  'Echo: Hello from the e2e test',
  'The sum of 19 and 23 is 42.',
  '{"temperature":14,"conditions":"Overcast with light wind","humidity":71}',
  '{"temperature":24,"conditions":"Clear","humidity":38}',
];

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ script: everythingResponder });
});
after(() => server.close());
beforeEach(() => {
  server.setScript(everythingResponder);
  server.resetStats();
});

describe('mcp session end to end over the lwm engine', () => {
  it('four tool calls: exact prompts, byte-stable history, extraction, checks, usage and provenance', async () => {
    const engine = fastLwmEngine(server);
    const env = await createEnv(exampleSpec('mcp'), { engine });
    const reset = await env.reset({ seed: 21 });
    assert.match(
      reset.observation,
      /^Connected to MCP server "mcp-servers\/everything": 13 tools available: echo, /,
    );

    const results = [];
    for (const action of ACTIONS) results.push(await env.step(action));
    assert.deepEqual(
      results.map((result) => result.observation),
      OBSERVATIONS,
    );
    const bodies = server.completionBodies as ReadonlyArray<{ messages: unknown }>;
    assert.equal(bodies.length, 4);

    const expectedTurnThree = [
      { role: 'system', content: env.systemPrompt },
      { role: 'user', content: turnPrompt(1, ACTIONS[0]) },
      { role: 'assistant', content: observationMessage(OBSERVATIONS[0] ?? '') },
      { role: 'user', content: turnPrompt(2, ACTIONS[1]) },
      { role: 'assistant', content: observationMessage(OBSERVATIONS[1] ?? '') },
      { role: 'user', content: `${turnPrompt(3, ACTIONS[2])}\n\n${DEFAULT_TURN_INSTRUCTION}` },
    ];
    assert.deepEqual(bodies[2]?.messages, expectedTurnThree);
    const turnTwo = bodies[1]?.messages as Array<{ role: string; content: string }>;
    assert.deepEqual(turnTwo.slice(0, 3), expectedTurnThree.slice(0, 3), 'history re-sent byte for byte');
    assert.equal(turnTwo[3]?.content, `${expectedTurnThree[3]?.content}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    for (const tool of ['echo', 'get-structured-content', 'simulate-research-query']) {
      assert.ok(env.systemPrompt.includes(tool), `the tool ${tool} is described in the system prompt`);
    }

    results.forEach((result, position) => {
      const turn = result.info.turn;
      assert.equal(turn.reasoning, reasoningFor(position + 1));
      assert.deepEqual(
        turn.checks.filter((check) => check.status === 'fail'),
        [],
      );
      assert.deepEqual(turn.events, []);
      const usage = turn.usage;
      assert.ok(usage !== undefined && usage.promptTokens > 0 && usage.completionTokens > 0);
      assert.equal(usage.totalTokens, usage.promptTokens + usage.completionTokens);
      assert.ok((usage.reasoningTokens ?? 0) > 0);
      assert.deepEqual(turn.provenance, {
        source: 'simulated',
        engine: 'lwm',
        model: server.model,
        promptHash: contentHash(bodies[position]?.messages),
      });
    });
    for (const structured of [results[2], results[3]]) {
      const status = (id: string) => structured?.info.turn.checks.find((check) => check.id === id)?.status;
      assert.equal(status('json-when-declared'), 'pass');
      assert.equal(status('output-schema'), 'pass');
    }
    assert.equal(results[0]?.info.turn.checks.find((check) => check.id === 'output-schema')?.status, 'skip');
    await engine.close();
  });

  it('a result that violates the output schema fails output-schema and records a check.failed event', async () => {
    const engine = fastLwmEngine(server);
    const env = await createEnv(exampleSpec('mcp'), { engine });
    await env.reset({ seed: 21 });
    server.enqueue({
      type: 'observation',
      observation: '{"temperature":"mild","conditions":"Sunny"}',
      reasoning: 'The weather tool answers.',
    });
    const wrong = await env.step({ name: 'get-structured-content', arguments: { location: 'New York' } });
    const failed = wrong.info.turn.checks.filter((check) => check.status === 'fail');
    assert.deepEqual(
      failed.map((check) => check.id),
      ['output-schema'],
    );
    assert.match(
      failed[0]?.message ?? '',
      /cannot be given structuredContent that fits its outputSchema: its JSON does not match: .* at temperature/,
    );
    assert.deepEqual(
      wrong.info.turn.events.filter((event) => event.type === 'check.failed').map((event) => event.data),
      [{ check: 'output-schema' }],
    );
    // Prose where JSON is declared fails json-when-declared.
    server.enqueue({ type: 'observation', observation: 'It is sunny and 20 degrees in New York.' });
    const prose = await env.step({ name: 'get-structured-content', arguments: { location: 'New York' } });
    assert.equal(prose.info.turn.checks.find((check) => check.id === 'json-when-declared')?.status, 'fail');
    assert.ok(prose.info.turn.events.some((event) => event.data?.check === 'json-when-declared'));
    // The next realistic answer passes again.
    const good = await env.step({ name: 'get-structured-content', arguments: { location: 'New York' } });
    assert.equal(good.observation, JSON.stringify(WEATHER['New York']));
    assert.equal(good.info.turn.events.length, 0);
    await engine.close();
  });
});
