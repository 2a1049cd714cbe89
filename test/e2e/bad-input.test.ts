/**
 * Bad input end to end, through createEnv + createLwmEngine + the scripted server: a model that answers
 * without the tag, a server that is down, two steps of one session at once, and a step aborted mid-request.
 * In every case the session is left exactly as it was and the next step works.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEFAULT_TURN_INSTRUCTION } from '../../src/core/messages.js';
import { deriveSamplingSeed } from '../../src/engines/lwm/seed.js';
import { createEnv } from '../../src/session/create-env.js';
import type { Session } from '../../src/session/session.js';
import {
  type ObservationReply,
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import {
  actionOfUserMessage,
  exampleSpec,
  expectAgentWorldError,
  fastLwmEngine,
  waitFor,
} from '../helpers/index.js';

const PROMPT = 'root@64fd58b770d7:/workspace# ';
const OUTPUT: Record<string, string> = { pwd: '/workspace\n', ls: '', 'echo hi': 'hi\n', whoami: 'root\n' };

/** Commands that leave the directory alone, answered as bash prints them. */
function shellResponder(request: ScriptedRequest): ObservationReply {
  const users = request.messages.filter((message) => message.role === 'user');
  const batch = actionOfUserMessage(users[users.length - 1]?.content ?? '') as Array<{ keystrokes: string }>;
  let screen = '';
  for (const { keystrokes } of batch) {
    const command = keystrokes.replace(/\n$/, '');
    screen += `${PROMPT}${command}\n${OUTPUT[command] ?? `bash: ${command}: command not found\n`}`;
  }
  return { type: 'observation', observation: screen + PROMPT, reasoning: 'bash prints the output.' };
}

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const GARBAGE: ScriptedReply = {
  type: 'raw',
  content: 'The user ran a command, so the terminal probably shows some files and then a prompt.',
};

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ script: shellResponder });
});
after(() => server.close());
beforeEach(async () => {
  await server.setDown(false);
  server.setScript(shellResponder);
  server.resetStats();
});

async function startedSession(engine = fastLwmEngine(server)): Promise<Session> {
  const env = await createEnv(exampleSpec('terminal'), { engine });
  await env.reset({ seed: 7 });
  return env;
}

describe('bad model output end to end', () => {
  it('garbage on every attempt is MODEL_OUTPUT_INVALID after the retries, and no turn is recorded', async () => {
    const engine = fastLwmEngine(server, { maxRetries: 2 });
    const env = await startedSession(engine);
    await env.step(keys('pwd'));
    const before = JSON.stringify(env.toRecord());
    server.setScript(() => GARBAGE);
    server.resetStats();

    const error = await expectAgentWorldError(env.step(keys('ls')), 'MODEL_OUTPUT_INVALID');
    assert.equal(error.retryable, true);
    assert.equal(error.details.attempts, 3);
    assert.match(error.message, /without a <predicted_observation> block/);
    assert.equal(server.completionBodies.length, 3, 'one attempt and two retries');
    const seeds = server.completionBodies.map((body) => body.seed);
    assert.equal(seeds[0], deriveSamplingSeed(7, 2));
    assert.equal(new Set(seeds).size, 3, 'a bad answer is resampled with a new seed');
    assert.equal(env.turns.length, 1);
    assert.equal(JSON.stringify(env.toRecord()), before, 'the failed step changed nothing');
    assert.deepEqual(
      { retries: engine.usage().retries, failures: engine.usage().failures },
      { retries: 2, failures: 3 },
    );

    server.setScript(shellResponder);
    const next = await env.step(keys('ls'));
    assert.equal(next.info.turn.index, 2);
    assert.equal(next.observation, `${PROMPT}ls\n${PROMPT}`);
  });

  it('an empty block and a truncated answer are no observations either', async () => {
    const env = await startedSession(fastLwmEngine(server, { maxRetries: 1 }));
    server.setScript([
      {
        type: 'raw',
        content: '<think>\nNothing to show.\n</think>\n\n<predicted_observation>\n\n</predicted_observation>',
      },
      { type: 'truncated', reasoning: 'The listing is long', partialObservation: `${PROMPT}ls\nfile-0001` },
    ]);
    const error = await expectAgentWorldError(env.step(keys('ls')), 'MODEL_OUTPUT_INVALID');
    assert.match(error.message, /ran out of tokens/);
    assert.equal(server.completionBodies.length, 2);
    assert.equal(env.turns.length, 0);
  });

  it('garbage then a good answer succeeds, with an engine.retry event on the turn', async () => {
    const env = await startedSession();
    server.enqueue(GARBAGE);
    const result = await env.step(keys('echo hi'));
    assert.equal(result.observation, `${PROMPT}echo hi\nhi\n${PROMPT}`);
    assert.equal(result.info.turn.reasoning, 'bash prints the output.');
    const retries = result.info.turn.events.filter((event) => event.type === 'engine.retry');
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.data?.attempt, 1);
    assert.equal(retries[0]?.data?.reason, 'invalid_output');
    assert.match(retries[0]?.message ?? '', /predicted_observation/);
    assert.equal(server.completionBodies.length, 2);
    const [first, second] = server.completionBodies;
    assert.notEqual(first?.seed, second?.seed, 'the retry samples again with another seed');
    assert.deepEqual(first?.messages, second?.messages, 'the retry sends the same prompt');
    assert.ok(result.info.turn.usage !== undefined, 'usage of the successful attempt is recorded');
  });
});

describe('engine outages, concurrency and aborts end to end', () => {
  it('server down is ENGINE_UNAVAILABLE with the session intact; once back, the next step works', async () => {
    const env = await startedSession();
    await env.step(keys('pwd'));
    const recorded = structuredClone(env.turns);
    const historySent = server.completionBodies[0]?.messages as Array<{ content: string }>;

    await server.setDown(true);
    const error = await expectAgentWorldError(env.step(keys('whoami')), 'ENGINE_UNAVAILABLE');
    assert.equal(error.retryable, true);
    assert.equal(error.details.attempts, 3);
    assert.equal(env.turns.length, 1);
    await server.setDown(false);

    const next = await env.step(keys('whoami'));
    assert.equal(next.info.turn.index, 2);
    assert.equal(next.observation, `${PROMPT}whoami\nroot\n${PROMPT}`);
    assert.deepEqual(env.turns.slice(0, 1), recorded, 'the recorded history is unchanged');
    const messages = server.completionBodies.at(-1)?.messages as Array<{ content: string }>;
    assert.equal(`${messages[1]?.content}\n\n${DEFAULT_TURN_INSTRUCTION}`, historySent[1]?.content);
    assert.equal(messages[2]?.content, `**Environment Observation:**\n${recorded[0]?.observation}`);
  });

  it('a second step of the same session while one runs is SESSION_BUSY; other sessions run in parallel', async () => {
    const env = await startedSession();
    const other = await startedSession();
    server.setScript((request) => ({ ...shellResponder(request), latencyMs: 150 }));
    const running = env.step(keys('pwd'));
    const parallel = other.step(keys('pwd'));
    const busy = await expectAgentWorldError(env.step(keys('ls')), 'SESSION_BUSY');
    assert.equal(busy.retryable, true);
    await expectAgentWorldError(env.reset({ seed: 8 }), 'SESSION_BUSY');
    await waitFor(() => server.inFlight === 2, 'both sessions in flight');

    const [done, otherDone] = await Promise.all([running, parallel]);
    assert.equal(done.info.turn.index, 1);
    assert.equal(otherDone.info.turn.index, 1);
    assert.equal(server.maxInFlight, 2);
    assert.equal(env.turns.length, 1, 'the refused step recorded nothing');
    assert.equal(server.completionBodies.length, 2, 'the refused step sent nothing');
    server.setScript(shellResponder);
    assert.equal((await env.step(keys('ls'))).info.turn.index, 2);
  });

  it('a step aborted mid-request is ABORTED, leaves the session intact, and the session continues', {
    timeout: 120_000, // a hang guard: the model server hangs on purpose
  }, async () => {
    const env = await startedSession();
    await env.step(keys('pwd'));
    server.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const pending = env.step(keys('ls'), { signal: controller.signal });
    await waitFor(() => server.inFlight === 1, 'the request to reach the server');
    controller.abort(new Error('the agent gave up'));
    const error = await expectAgentWorldError(pending, 'ABORTED');
    assert.equal(error.retryable, false);
    assert.equal(server.completionBodies.length, 2, 'an abort is not retried');
    assert.equal(env.turns.length, 1);
    await waitFor(() => server.inFlight === 0, 'the server to see the client go');

    const next = await env.step(keys('ls'));
    assert.equal(next.info.turn.index, 2);
    assert.equal(next.observation, `${PROMPT}ls\n${PROMPT}`);
  });

  it('a streamed answer aborted after its first chunks is ABORTED, never a partial observation', {
    timeout: 120_000, // a hang guard: the model server hangs on purpose
  }, async () => {
    const slow = await startStreamingServer();
    try {
      const engine = fastLwmEngine(slow, { stream: true });
      const env = await createEnv(exampleSpec('terminal'), { engine });
      await env.reset({ seed: 7 });
      const controller = new AbortController();
      const pending = env.step(keys('pwd'), { signal: controller.signal });
      await waitFor(() => slow.inFlight === 1, 'the stream to start');
      await new Promise((resolve) => setTimeout(resolve, 40));
      controller.abort();
      await expectAgentWorldError(pending, 'ABORTED');
      assert.equal(env.turns.length, 0);
      const next = await env.step(keys('pwd'));
      assert.equal(next.observation, `${PROMPT}pwd\n/workspace\n${PROMPT}`);
    } finally {
      await slow.close();
    }
  });
});

function startStreamingServer(): Promise<ScriptedModelServer> {
  return startScriptedModelServer({
    script: shellResponder,
    reasoningMode: 'reasoning_content',
    streamChunkChars: 4,
    streamChunkDelayMs: 5,
  });
}
