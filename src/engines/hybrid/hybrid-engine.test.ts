/**
 * The hybrid engine with the real terminal twin (src/twins/terminal, a virtual shell) and a scripted world model
 * (the lwm engine on the scripted OpenAI-compatible server): the engine contract, which side answers, what the
 * model is told, and a twin world rebuilt from the recorded history after a restart.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { SessionRecordSchema } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { createEnv } from '../../session/create-env.js';
import { Session } from '../../session/session.js';
import { engineContract } from '../../testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import { createTerminalTwin } from '../../twins/terminal/index.js';
import { createLwmEngine } from '../lwm/lwm-engine.js';
import { createHybridEngine, type HybridEngine } from './hybrid-engine.js';
import { TWIN_STATE_HEADING } from './twin-conditioning.js';

const spec = { domain: 'terminal', task: 'Look around.' } as const;
const keys = (text: string): unknown => [{ keystrokes: `${text}\n`, duration: 0.5 }];
/** A program the twin does not have: the model answers it. */
const DECLINED = 'git status';

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
  return createHybridEngine({ twin: createTerminalTwin(), model });
}

engineContract({
  name: 'hybrid (terminal twin + scripted lwm)',
  spec,
  // The first and third are answered by the twin, the second (a program it does not have) by the model.
  actions: [keys('echo hi'), keys(DECLINED), keys('pwd')],
  seed: 7,
  makeEngine: async () => makeHybrid(),
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
  outage: { begin: () => server.setDown(true), end: () => server.setDown(false), code: 'ENGINE_UNAVAILABLE' },
});

describe('hybrid engine (terminal twin + scripted lwm)', () => {
  beforeEach(() => server.resetStats());

  it('commands the twin computes never reach the model; every turn names its side and why', async () => {
    const engine = makeHybrid();
    try {
      const env = await createEnv(spec, { engine });
      await env.reset({ seed: 1 });
      for (const command of [
        'mkdir -p /tmp/work',
        'cd /tmp/work',
        'echo hello > a.txt',
        'cat a.txt',
        'pwd',
      ]) {
        const { info } = await env.step(keys(command));
        assert.equal(info.turn.provenance.engine, 'hybrid');
        assert.equal(info.turn.provenance.answeredBy?.side, 'twin', `${command}: ${info.turn.observation}`);
        assert.equal(info.turn.provenance.answeredBy?.engine, engine.twin.id);
        assert.ok((info.turn.provenance.answeredBy?.reason ?? '').length > 0);
      }
      assert.match(env.turns[3]?.observation ?? '', /^hello$/m);
      assert.match(env.turns[4]?.observation ?? '', /^\/tmp\/work$/m);
      assert.equal(server.completionBodies.length, 0, 'the model was called');
    } finally {
      await engine.close();
    }
  });

  it('a declined command goes to the model with the twin state in the newest message', async () => {
    const engine = makeHybrid();
    try {
      const env = await createEnv(spec, { engine });
      await env.reset({ seed: 1 });
      await env.step(keys('cd /tmp'));
      const { info } = await env.step(keys(DECLINED));
      assert.equal(info.turn.provenance.answeredBy?.side, 'model');
      assert.equal(info.turn.provenance.answeredBy?.model, server.model);
      assert.equal(info.turn.provenance.model, server.model);
      assert.equal(server.completionBodies.length, 1);
      const messages = server.completionBodies[0]?.messages as ChatMessage[];
      const newest = messages[messages.length - 1]?.content ?? '';
      assert.ok(newest.includes(`**${TWIN_STATE_HEADING}:**`), newest);
      assert.ok(newest.includes('/tmp'), 'the twin state names the working directory');
      assert.equal(info.turn.prompt.includes(TWIN_STATE_HEADING), false);
      assert.deepEqual(engine.stats(), { predictions: 2, twinAnswered: 1, modelAnswered: 1, neither: 0 });
    } finally {
      await engine.close();
    }
  });

  it('after a restart the twin rebuilds its world from the recorded history', async () => {
    const first = makeHybrid();
    let record: ReturnType<Session['toRecord']>;
    try {
      const env = await createEnv(spec, { engine: first });
      await env.reset({ seed: 1 });
      for (const command of ['mkdir -p /tmp/kept', 'cd /tmp/kept', 'echo saved > note.txt']) {
        await env.step(keys(command));
      }
      record = SessionRecordSchema.parse(JSON.parse(JSON.stringify(env.toRecord())));
    } finally {
      await first.close();
    }
    const second = makeHybrid();
    try {
      server.resetStats();
      const restored = Session.fromRecord(record, getDomain('terminal'), second);
      const pwd = await restored.step(keys('pwd'));
      const cat = await restored.step(keys('cat note.txt'));
      assert.equal(pwd.info.turn.provenance.answeredBy?.side, 'twin');
      assert.match(pwd.observation, /^\/tmp\/kept$/m);
      assert.match(cat.observation, /^saved$/m);
      assert.equal(server.completionBodies.length, 0);
    } finally {
      await second.close();
    }
  });

  it('prepare refuses a world the twin does not simulate (CONFIG_INVALID)', async () => {
    const engine = makeHybrid();
    try {
      const mcp = WorldSpecSchema.parse({ domain: 'mcp', task: 'Remember things.' });
      await assert.rejects(engine.prepare(mcp), (error: unknown) => {
        assert.ok(isAgentWorldError(error, 'CONFIG_INVALID'));
        assert.match(error.message, /does not simulate this mcp world/);
        return true;
      });
    } finally {
      await engine.close();
    }
  });
});
