import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { isAgentWorldError } from '../../core/errors.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { createEnv } from '../../session/create-env.js';
import { parseSessionLines } from '../../session/session-file.js';

const examplesUrl = new URL('../../../examples/', import.meta.url);
const exampleSpec = JSON.parse(readFileSync(new URL('mcp.json', examplesUrl), 'utf8')) as Record<
  string,
  unknown
>;
const recordings = parseSessionLines(
  readFileSync(new URL('sessions/mcp.jsonl', examplesUrl), 'utf8'),
  'mcp.jsonl',
);

/** Passes every call to the replay engine and keeps the requests, so the test can read the exact prompts. */
function observed(engine: Engine): { engine: Engine; requests: PredictRequest[] } {
  const requests: PredictRequest[] = [];
  return {
    requests,
    engine: {
      id: engine.id,
      model: engine.model,
      identity: () => engine.identity(),
      predict: (request, options) => {
        requests.push(request);
        return engine.predict(request, options);
      },
      close: () => engine.close(),
    },
  };
}

describe('mcp sessions replayed from the recorded real-server sessions', () => {
  it('sends the exact turn prompts and keeps history byte-identical', async () => {
    const { engine, requests } = observed(createReplayEngine({ sessions: recordings }));
    const env = await createEnv(exampleSpec, { engine });
    const reset = await env.reset({ seed: 11 });
    assert.equal(
      reset.observation,
      'Connected to MCP server "mcp-servers/everything": 13 tools available: echo, get-annotated-message, get-env, ' +
        'get-resource-links, get-resource-reference, get-structured-content, get-sum, get-tiny-image, ' +
        'gzip-file-as-resource, toggle-simulated-logging, toggle-subscriber-updates, ' +
        'trigger-long-running-operation, simulate-research-query',
    );

    const first = await env.step({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
    assert.equal(first.observation, 'Echo: Hello from AgentWorld');
    const turn1 =
      '### Turn 1\n**Action:**\n```json\n{\n  "name": "echo",\n  "arguments": {\n    "message": "Hello from AgentWorld"\n  }\n}\n```';
    const sent1 = requests[0]?.messages ?? [];
    assert.equal(sent1.length, 2);
    assert.equal(sent1[0]?.role, 'system');
    assert.equal(sent1[0]?.content, env.systemPrompt);
    assert.deepEqual(sent1[1], { role: 'user', content: `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}` });

    // The agent sends turn 2 as an OpenAI tool call; the prompt shows it in the canonical form.
    const second = await env.step({
      type: 'function',
      function: { name: 'get-sum', arguments: '{"a":2,"b":5}' },
    });
    assert.equal(second.observation, 'The sum of 2 and 5 is 7.');
    const turn2 =
      '### Turn 2\n**Action:**\n```json\n{\n  "name": "get-sum",\n  "arguments": {\n    "a": 2,\n    "b": 5\n  }\n}\n```';
    assert.deepEqual(requests[1]?.messages, [
      sent1[0],
      { role: 'user', content: turn1 },
      { role: 'assistant', content: '**Environment Observation:**\nEcho: Hello from AgentWorld' },
      { role: 'user', content: `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}` },
    ]);

    const third = await env.step({ name: 'get-structured-content', arguments: { location: 'Chicago' } });
    assert.equal(third.observation, '{"temperature":36,"conditions":"Light rain / drizzle","humidity":82}');
    const sent3 = requests[2]?.messages ?? [];
    assert.deepEqual(sent3.slice(0, 4), [
      ...(requests[1]?.messages ?? []).slice(0, 3),
      { role: 'user', content: turn2 },
    ]);
    assert.deepEqual(
      third.info.turn.checks.filter((check) => check.status !== 'skip').map((check) => check.id),
      ['no-scaffolding', 'non-empty', 'json-when-declared', 'output-schema'],
    );
    assert.deepEqual((third.info.ledger as { callsPerTool: unknown }).callsPerTool, {
      echo: 1,
      'get-sum': 1,
      'get-structured-content': 1,
    });
    await env.close();
    await engine.close();
  });

  it('rejects unknown tools and bad arguments before the engine is called', async () => {
    const { engine, requests } = observed(createReplayEngine({ sessions: recordings }));
    const env = await createEnv(exampleSpec, { engine });
    await env.reset({ seed: 11 });
    await assert.rejects(env.step({ name: 'get-weather', arguments: {} }), (error) => {
      assert.ok(isAgentWorldError(error, 'UNKNOWN_TOOL'));
      assert.equal(error.message, 'MCP error -32602: Tool get-weather not found');
      return true;
    });
    await assert.rejects(env.step({ name: 'get-sum', arguments: { a: 1 } }), (error) =>
      isAgentWorldError(error, 'INVALID_ARGUMENTS'),
    );
    await assert.rejects(env.step('not json'), (error) => isAgentWorldError(error, 'INVALID_ACTION'));
    assert.equal(requests.length, 0);
    assert.equal(env.turns.length, 0);
    await engine.close();
  });

  it('replays every recorded session, with the same observations and checks', async () => {
    const engine = createReplayEngine({ sessions: recordings });
    for (const record of recordings) {
      const env = await createEnv(record.spec, { engine });
      await env.reset({ seed: record.seed });
      for (const turn of record.turns) {
        const result = await env.step(turn.action);
        assert.equal(result.observation, turn.observation);
        assert.equal(
          result.info.turn.prompt,
          turn.prompt,
          'stale recording: re-run scripts/record-examples/mcp.ts',
        );
        assert.deepEqual(result.info.turn.checks, turn.checks);
        assert.equal(result.info.turn.provenance.source, 'replayed');
        assert.equal(result.info.turn.provenance.origin?.engine, 'real-mcp');
      }
      assert.equal(
        env.systemPrompt,
        record.systemPrompt,
        'the prompt code changed since the recording: run node --import tsx scripts/record-examples/mcp.ts',
      );
    }
    await engine.close();
  });
});
