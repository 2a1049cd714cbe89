/**
 * The engine contract against `lwm` in streaming mode, over a scripted server that separates the reasoning
 * into `reasoning_content` (vLLM/SGLang with a reasoning parser), for a terminal, an mcp and a search world.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEnv } from '../../src/session/create-env.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { exampleSpec, fastLwmEngine } from '../helpers/index.js';

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ reasoningMode: 'reasoning_content', streamChunkChars: 7 });
});
after(() => server.close());

const makeEngine = async () => fastLwmEngine(server, { stream: true, maxRetries: 1 });
const outage = {
  begin: () => server.setDown(true),
  end: () => server.setDown(false),
  code: 'ENGINE_UNAVAILABLE' as const,
};

engineContract({
  name: 'lwm streaming with reasoning_content (terminal)',
  spec: exampleSpec('terminal'),
  seed: 11,
  actions: [
    [{ keystrokes: 'cd /tmp\n', duration: 0.5 }],
    [{ keystrokes: 'ls -la\n', duration: 0.5 }],
    [{ keystrokes: 'python3 --version\n', duration: 0.5 }],
  ],
  makeEngine,
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
  outage,
});

engineContract({
  name: 'lwm streaming with reasoning_content (mcp, tools inline)',
  spec: exampleSpec('mcp'),
  seed: 11,
  actions: [
    { name: 'get-sum', arguments: { a: 40, b: 2 } },
    { name: 'echo', arguments: { message: 'streamed' } },
    { name: 'get-structured-content', arguments: { location: 'New York' } },
  ],
  makeEngine,
  invalidAction: { action: { name: 'echo', arguments: 'hello' }, path: '$.arguments' },
  outage,
});

engineContract({
  name: 'lwm streaming with reasoning_content (search)',
  spec: exampleSpec('search'),
  seed: 11,
  actions: [
    { name: 'web_search', arguments: { queries: ['Merdeka 118 height', 'Shanghai Tower completion'] } },
    { name: 'dict_memory', arguments: { operation: 'retrieve_all' } },
    { name: 'web_extractor', arguments: { url: 'https://www.ctbuh.org/' } },
  ],
  makeEngine,
  invalidAction: { action: { name: 42, arguments: {} }, path: '$.name' },
  outage,
});

describe('lwm streaming subject really streams', () => {
  it('every request asked for a stream with usage, and the turns keep reasoning_content and usage', async () => {
    const engine = await makeEngine();
    const env = await createEnv(exampleSpec('terminal'), { engine });
    await env.reset({ seed: 5 });
    const result = await env.step([{ keystrokes: 'pwd\n', duration: 0.5 }]);
    assert.equal(result.info.turn.reasoning, 'Scripted reasoning for turn 1: the action is echoed back.');
    assert.ok(!result.observation.includes('Scripted reasoning'));
    assert.ok(result.observation.startsWith('scripted observation for turn 1'));
    assert.ok((result.info.turn.usage?.reasoningTokens ?? 0) > 0);
    assert.ok(server.completionBodies.length > 20);
    for (const body of server.completionBodies) {
      assert.equal(body.stream, true);
      assert.deepEqual(body.stream_options, { include_usage: true });
    }
    await engine.close();
  });
});
