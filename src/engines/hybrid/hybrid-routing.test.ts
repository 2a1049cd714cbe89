/**
 * The hybrid engine's routing, failures and bounds, with a tiny in-test twin (it answers `echo` and `pwd`,
 * declines the rest) and a scripted world-model server. The hybrid with the real terminal twin is tested in
 * hybrid-engine.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { hashMessages } from '../../core/messages.js';
import { createEnv } from '../../session/create-env.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import type { Twin, TwinAnswer } from '../../twins/twin.js';
import { createLwmEngine } from '../lwm/lwm-engine.js';
import { createHybridEngine } from './hybrid-engine.js';
import { TWIN_STATE_HEADING, TWIN_UNKNOWNS_HEADING } from './twin-conditioning.js';

const spec = { domain: 'terminal', task: 'Look around.' } as const;
const keys = (text: string): unknown => [{ keystrokes: `${text}\n`, duration: 0.5 }];

/** A twin of a shell that knows `echo` and `pwd` only; `boom` makes it throw, `hang` never answers. */
class EchoTwin implements Twin {
  readonly id = 'echo-twin';
  readonly absorbed: string[] = [];
  readonly released: string[] = [];
  output = (text: string): string => text;
  identity(): Record<string, unknown> {
    return { version: 1 };
  }
  supports(request: { spec: { domain: string } }): boolean {
    return request.spec.domain === 'terminal';
  }
  async answer(request: { action: unknown }): Promise<TwinAnswer> {
    const command = String((request.action as Array<{ keystrokes: string }>)[0]?.keystrokes).trim();
    if (command === 'boom') throw new Error('twin bug');
    if (command === 'hang') return new Promise(() => undefined);
    if (command.startsWith('echo ')) {
      return {
        kind: 'answered',
        observation: this.output(`${command.slice(5)}\n$ `),
        reason: 'builtin:echo',
      };
    }
    if (command === 'pwd') return { kind: 'answered', observation: '/root\n$ ', reason: 'builtin:pwd' };
    return {
      kind: 'declined',
      reason: `program not in twin: ${command.split(' ')[0]}`,
      state: {
        summary: 'cwd: /root\nfiles: /root/notes.txt',
        facts: { cwd: '/root' },
        unknowns: this.absorbed.length === 0 ? [] : ['effects of earlier model-answered turns'],
      },
    };
  }
  async absorb(_request: unknown, observation: string): Promise<void> {
    this.absorbed.push(observation);
  }
  async releaseSession(sessionId: string): Promise<void> {
    this.released.push(sessionId);
  }
  async close(): Promise<void> {}
}

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer();
});
after(() => server.close());
beforeEach(() => server.resetStats());

function makeHybrid(twin: Twin, extra: { twinTimeoutMs?: number; maxObservationBytes?: number } = {}) {
  const model = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 });
  return createHybridEngine({ twin, model, ...extra });
}

describe('hybrid engine routing (in-test twin, scripted lwm)', () => {
  it('twin-answered turns never call the model; provenance names the twin and why', async () => {
    const engine = makeHybrid(new EchoTwin());
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 3 });
    const one = await env.step(keys('echo hi'));
    const two = await env.step(keys('pwd'));
    assert.equal(one.observation, 'hi\n$ ');
    assert.equal(two.observation, '/root\n$ ');
    assert.equal(server.completionBodies.length, 0, 'the model was called');
    assert.equal(one.info.turn.provenance.engine, 'hybrid');
    assert.deepEqual(one.info.turn.provenance.answeredBy, {
      side: 'twin',
      engine: 'echo-twin',
      model: 'echo-twin',
      reason: 'builtin:echo',
    });
    assert.equal(one.info.turn.events[0]?.type, 'hybrid.twin');
    assert.deepEqual(engine.stats(), { predictions: 2, twinAnswered: 2, modelAnswered: 0, neither: 0 });
    await engine.close();
  });

  it('a declined turn goes to the model with the twin state in its newest message; the twin absorbs the answer', async () => {
    const twin = new EchoTwin();
    const engine = makeHybrid(twin);
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 3 });
    await env.step(keys('echo hi'));
    const result = await env.step(keys('git status'));
    assert.equal(server.completionBodies.length, 1);
    const messages = server.completionBodies[0]?.messages as ChatMessage[];
    const newest = messages[messages.length - 1]?.content ?? '';
    assert.ok(newest.includes(`**${TWIN_STATE_HEADING}:**\ncwd: /root`), newest);
    assert.ok(newest.includes(`**${TWIN_UNKNOWNS_HEADING}:**`));
    assert.ok(newest.includes('program not in twin: git'));
    assert.ok(
      newest.endsWith(
        "Give the environment's response inside <predicted_observation></predicted_observation> tags.",
      ),
    );
    const turn = result.info.turn;
    assert.equal(turn.prompt.includes(TWIN_STATE_HEADING), false, 'the note must stay out of history');
    assert.equal(turn.provenance.promptHash, hashMessages(messages), 'the hash of the messages sent');
    assert.equal(turn.provenance.answeredBy?.side, 'model');
    assert.equal(turn.provenance.answeredBy?.engine, 'lwm');
    assert.equal(turn.provenance.answeredBy?.model, server.model);
    assert.equal(turn.provenance.answeredBy?.reason, 'program not in twin: git');
    assert.equal(turn.events[0]?.type, 'hybrid.model');
    assert.deepEqual(twin.absorbed, [result.observation]);
    // The history the model saw on a later declined turn holds the twin's answer, not a note.
    await env.step(keys('make'));
    const later = server.completionBodies[1]?.messages as ChatMessage[];
    assert.equal(later.filter((message) => message.content.includes(TWIN_STATE_HEADING)).length, 1);
    await engine.close();
  });

  it('a twin that throws fails the step (ENGINE_ERROR), releases its world, and leaves the session intact', async () => {
    const twin = new EchoTwin();
    const engine = makeHybrid(twin);
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 3 });
    await env.step(keys('echo hi'));
    await assert.rejects(env.step(keys('boom')), (error: unknown) =>
      isAgentWorldError(error, 'ENGINE_ERROR'),
    );
    assert.deepEqual(twin.released, [env.id]);
    assert.equal(env.turns.length, 1);
    assert.equal(server.completionBodies.length, 0, 'a twin failure must not fall back to the model');
    assert.equal((await env.step(keys('pwd'))).info.turn.index, 2);
    await engine.close();
  });

  it('a twin past its time bound is ENGINE_TIMEOUT', async () => {
    const engine = makeHybrid(new EchoTwin(), { twinTimeoutMs: 20 });
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 3 });
    await assert.rejects(env.step(keys('hang')), (error: unknown) =>
      isAgentWorldError(error, 'ENGINE_TIMEOUT'),
    );
    await engine.close();
  });

  it('an overlong twin observation is cut to the byte bound and labelled', async () => {
    const twin = new EchoTwin();
    twin.output = (text) => `${'é'.repeat(5000)}${text}`;
    const engine = makeHybrid(twin, { maxObservationBytes: 1000 });
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 3 });
    const result = await env.step(keys('echo long'));
    assert.ok(Buffer.byteLength(result.observation) <= 1000);
    assert.match(result.observation, /\[agentworld: output cut at 1000 bytes\]\n$/);
    assert.equal(result.info.turn.events[0]?.data?.cutAtBytes, 1000);
    await engine.close();
  });

  it('identity combines the twin and the model; close closes both', async () => {
    const engine = makeHybrid(new EchoTwin());
    const identity = engine.identity();
    assert.deepEqual(identity.twin, { id: 'echo-twin', version: 1 });
    assert.equal((identity.model as { engine: string }).engine, 'lwm');
    assert.equal(identity.conditioning, 'messages');
    await engine.close();
    await assert.rejects(engine.predict({} as never), (error: unknown) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
  });
});
