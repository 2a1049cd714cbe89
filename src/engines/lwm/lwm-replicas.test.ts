/**
 * The lwm engine over several replicas, each a real scripted OpenAI-compatible HTTP server: least-outstanding
 * routing, session affinity, failover when a replica stops mid-run, the probe bringing it back, and
 * ENGINE_UNAVAILABLE when none is healthy. Probes run when the test ticks the timer; nothing depends on timing.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { waitFor } from '../../../test/helpers/wait-for.js';
import type { Prediction, PredictRequest } from '../../core/engine.js';
import { type ErrorCode, isAgentWorldError } from '../../core/errors.js';
import { contentHash } from '../../core/hash.js';
import { buildMessages, fence, renderTurnPrompt } from '../../core/messages.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import {
  defaultScriptedResponder,
  type ScriptedModelServer,
  startScriptedModelServer,
} from '../../testing/index.js';
import { createLwmEngine, type LwmEngine, REPLICA_EVENT } from './lwm-engine.js';
import type { LwmEngineOptionsInput } from './options.js';
import { ManualHealthTimer } from './replica-health.js';

const spec = WorldSpecSchema.parse({ domain: 'terminal' });

function request(sessionId: string, turnIndex: number): PredictRequest {
  const messages = buildMessages({
    systemPrompt: `You simulate a Linux terminal for ${sessionId}.`,
    history: [],
    currentPrompt: renderTurnPrompt(turnIndex, [], fence(`echo ${turnIndex}`)),
    turnInstruction: 'Answer inside <predicted_observation> tags.',
  });
  return {
    spec,
    sessionId,
    seed: 7,
    turnIndex,
    action: `echo ${turnIndex}`,
    messages,
    promptHash: contentHash(messages),
    history: [],
  };
}

/** The replica an answer names (the `engine.replica` event). */
function replicaOf(prediction: Prediction): string {
  const event = prediction.events.find((candidate) => candidate.type === REPLICA_EVENT);
  assert.ok(event !== undefined, 'a prediction over several replicas names the one that answered');
  return String(event.data?.replica);
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode) {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAgentWorldError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** A gate a scripted server's answers wait behind until it is opened. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const quick = { retryBaseMs: 1, retryMaxMs: 5 } as const;

describe('lwm engine over several replicas', () => {
  const servers: ScriptedModelServer[] = [];
  const engines: LwmEngine[] = [];

  async function replicas(count: number): Promise<ScriptedModelServer[]> {
    const started = await Promise.all(Array.from({ length: count }, () => startScriptedModelServer()));
    servers.push(...started);
    return started;
  }

  function engine(
    urls: readonly string[],
    timer: ManualHealthTimer,
    overrides: Partial<LwmEngineOptionsInput> = {},
  ): LwmEngine {
    const created = createLwmEngine(
      { baseUrls: [...urls], model: 'scripted-world-model', ...quick, ...overrides },
      { healthTimer: timer },
    );
    engines.push(created);
    return created;
  }

  const outstanding = (lwm: LwmEngine, url: string): number =>
    lwm.replicaHealth().replicas.find((replica) => replica.url === url)?.outstanding ?? -1;

  afterEach(async () => {
    for (const created of engines.splice(0)) await created.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('least outstanding requests: a replica stuck on a request gets no more while another is free', async () => {
    const [fast, slow] = (await replicas(2)) as [ScriptedModelServer, ScriptedModelServer];
    const stuck = gate();
    slow.setScript(async (scripted) => {
      await stuck.opened;
      return defaultScriptedResponder(scripted);
    });
    const lwm = engine([fast.url, slow.url], new ManualHealthTimer());
    const waiting: Promise<Prediction>[] = [];
    for (let index = 0; index < 10; index++) {
      const before = outstanding(lwm, slow.url);
      const prediction = lwm.predict(request(`session-${index}`, 1));
      // The replica is chosen as the call starts: the slow one took it when its count went up.
      if (outstanding(lwm, slow.url) > before) waiting.push(prediction);
      else assert.equal(replicaOf(await prediction), fast.url);
    }
    assert.equal(waiting.length, 1, 'the slow replica took one request and then none while busy');
    stuck.open();
    const [late] = await Promise.all(waiting);
    assert.equal(replicaOf(late as Prediction), slow.url);
    assert.equal(fast.completionBodies.length, 9);
    assert.equal(slow.completionBodies.length, 1);
    const health = lwm.replicaHealth();
    assert.deepEqual(
      health.replicas.map((replica) => [replica.url, replica.served, replica.outstanding]),
      [
        [fast.url, 9, 0],
        [slow.url, 1, 0],
      ],
    );
  });

  it('affinity: every step of a session goes to one replica; new sessions spread over the replicas', async () => {
    const started = await replicas(3);
    const lwm = engine(
      started.map((server) => server.url),
      new ManualHealthTimer(),
    );
    const sessions = ['alpha', 'beta', 'gamma'];
    const answeredBy = new Map<string, string[]>();
    for (let turn = 1; turn <= 5; turn++) {
      const predictions = await Promise.all(sessions.map((session) => lwm.predict(request(session, turn))));
      predictions.forEach((prediction, index) => {
        const session = sessions[index] as string;
        answeredBy.set(session, [...(answeredBy.get(session) ?? []), replicaOf(prediction)]);
      });
    }
    for (const session of sessions) {
      const replicasOfSession = new Set(answeredBy.get(session));
      assert.equal(replicasOfSession.size, 1, `${session} stayed on one replica`);
    }
    const homes = new Set(sessions.map((session) => answeredBy.get(session)?.[0]));
    assert.equal(homes.size, 3, 'three sessions started at once went to three replicas');
    // Each server saw exactly one session's prompts.
    for (const server of started) {
      const systems = new Set(
        server.completionBodies.map((body) => JSON.stringify((body.messages as unknown[])[0])),
      );
      assert.equal(server.completionBodies.length, 5);
      assert.equal(systems.size, 1);
    }
    assert.deepEqual(
      lwm.replicaHealth().replicas.map((replica) => replica.sessions),
      [1, 1, 1],
    );
    await lwm.releaseSession?.('alpha');
    assert.equal(
      lwm.replicaHealth().replicas.reduce((sum, replica) => sum + replica.sessions, 0),
      2,
    );
  });

  it('failover: a replica stopped mid-run loses no step; its sessions move and stay; the probe brings it back', async () => {
    const started = (await replicas(3)) as [ScriptedModelServer, ScriptedModelServer, ScriptedModelServer];
    const timer = new ManualHealthTimer();
    const lwm = engine(
      started.map((server) => server.url),
      timer,
    );
    const sessions = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const first = await Promise.all(sessions.map((session) => lwm.predict(request(session, 1))));
    const home = new Map(sessions.map((session, index) => [session, replicaOf(first[index] as Prediction)]));
    const victim = started[0];
    const victimSessions = sessions.filter((session) => home.get(session) === victim.url);
    assert.ok(victimSessions.length > 0, 'some sessions live on the replica that will stop');

    // Turn 2: the victim's answers wait behind a gate; it goes down while they are in flight.
    const held = gate();
    victim.setScript(async (scripted) => {
      await held.opened;
      return defaultScriptedResponder(scripted);
    });
    const second = sessions.map((session) => lwm.predict(request(session, 2)));
    await waitFor(() => victim.inFlight === victimSessions.length, 'the victim to hold its sessions');
    await victim.setDown(true);
    const secondAnswers = await Promise.all(second);
    held.open();
    for (const [index, session] of sessions.entries()) {
      const prediction = secondAnswers[index] as Prediction;
      assert.match(prediction.observation, /scripted observation for turn 2/);
      const answered = replicaOf(prediction);
      if (victimSessions.includes(session)) {
        assert.notEqual(answered, victim.url, `${session} moved off the stopped replica`);
        const retry = prediction.events.find((event) => event.type === 'engine.retry');
        assert.equal(retry?.data?.replica, victim.url);
        assert.equal(retry?.data?.reason, 'connection');
      } else {
        assert.equal(answered, home.get(session), `${session} stayed where it was`);
      }
      home.set(session, answered);
    }
    const down = lwm.replicaHealth().replicas.find((replica) => replica.url === victim.url);
    assert.equal(down?.healthy, false);
    assert.ok(down?.unhealthySince !== undefined);

    // While it is down the probe keeps it out; turn 3 goes where turn 2 went.
    await timer.tick();
    assert.equal(lwm.replicaHealth().healthy, 2);
    const third = await Promise.all(sessions.map((session) => lwm.predict(request(session, 3))));
    third.forEach((prediction, index) => {
      assert.equal(replicaOf(prediction), home.get(sessions[index] as string));
    });

    // Back up: the next probe marks it healthy; moved sessions stay where they went; new sessions use it again.
    victim.setScript(defaultScriptedResponder);
    await victim.setDown(false);
    await timer.tick();
    assert.equal(lwm.replicaHealth().healthy, 3);
    const fourth = await Promise.all(sessions.map((session) => lwm.predict(request(session, 4))));
    fourth.forEach((prediction, index) => {
      assert.equal(replicaOf(prediction), home.get(sessions[index] as string));
    });
    const fresh = await Promise.all(['n1', 'n2', 'n3'].map((session) => lwm.predict(request(session, 1))));
    assert.ok(
      fresh.some((prediction) => replicaOf(prediction) === victim.url),
      'a new session lands on the replica that came back',
    );
    // Every step was answered: 6 sessions × 4 turns + 3 fresh, plus the victim's turn-2 requests it never finished.
    const answered = started.reduce((sum, server) => sum + server.completionBodies.length, 0);
    assert.equal(answered, 6 * 4 + 3 + victimSessions.length);
  });

  it('no healthy replica: ENGINE_UNAVAILABLE (retryable), at once while none is healthy, until a probe finds one', async () => {
    const [first, second] = (await replicas(2)) as [ScriptedModelServer, ScriptedModelServer];
    const timer = new ManualHealthTimer();
    const lwm = engine([first.url, second.url], timer, { maxRetries: 5 });
    await first.setDown(true);
    await second.setDown(true);
    const error = await expectCode(lwm.predict(request('lost', 1)), 'ENGINE_UNAVAILABLE');
    assert.equal(error.retryable, true);
    assert.equal(error.details.reason, 'no_healthy_replica');
    assert.equal(error.details.attempts, 2, 'one attempt on each replica, then none was left');
    assert.deepEqual(error.details.replicas, [first.url, second.url]);
    assert.equal(lwm.replicaHealth().healthy, 0);

    const again = await expectCode(lwm.predict(request('lost', 1)), 'ENGINE_UNAVAILABLE');
    assert.equal(again.details.attempts, 0, 'nothing is sent while no replica is healthy');

    await timer.tick();
    assert.equal(lwm.replicaHealth().healthy, 0, 'probes of stopped servers fail');
    assert.match(lwm.replicaHealth().replicas[0]?.lastError ?? '', /^probe: /);
    await second.setDown(false);
    await timer.tick();
    assert.deepEqual(
      lwm.replicaHealth().replicas.map((replica) => replica.healthy),
      [false, true],
    );
    const prediction = await lwm.predict(request('lost', 1));
    assert.equal(replicaOf(prediction), second.url);
  });

  it('a 5xx marks the replica unhealthy and the retry goes to another; a 4xx marks nothing', async () => {
    const [first, second] = (await replicas(2)) as [ScriptedModelServer, ScriptedModelServer];
    const timer = new ManualHealthTimer();
    const lwm = engine([first.url, second.url], timer);
    // A fresh pool starts with the first replica.
    first.setScript([{ type: 'error', status: 500 }]);
    const prediction = await lwm.predict(request('five-hundred', 1));
    const retry = prediction.events.find((event) => event.type === 'engine.retry');
    assert.equal(retry?.data?.replica, first.url);
    assert.equal(retry?.data?.status, 500);
    assert.equal(replicaOf(prediction), second.url, 'the retry went to the other replica');
    const replicaEvent = prediction.events.find((event) => event.type === REPLICA_EVENT);
    assert.equal(replicaEvent?.data?.movedFrom, first.url, 'the session moved off the unhealthy replica');
    assert.deepEqual(
      lwm.replicaHealth().replicas.map((replica) => replica.healthy),
      [false, true],
    );
    assert.equal(timer.pending, 1, 'the replica that failed is probed again soon, not only on the interval');
    await timer.tick();
    assert.equal(lwm.replicaHealth().healthy, 2, 'the probe finds the replica that sent a 500 answering');

    second.setScript([{ type: 'error', status: 400, message: 'bad request' }]);
    const refused = await expectCode(lwm.predict(request('five-hundred', 2)), 'ENGINE_ERROR');
    assert.equal(refused.retryable, false);
    assert.equal(lwm.replicaHealth().healthy, 2, 'a 4xx says nothing about the replica');
  });

  it('with the real timer, probes on their own bring a replica back', async () => {
    const [first, second] = (await replicas(2)) as [ScriptedModelServer, ScriptedModelServer];
    const lwm = createLwmEngine({
      baseUrls: [first.url, second.url],
      model: 'scripted-world-model',
      ...quick,
      healthCheckIntervalMs: 20,
    });
    engines.push(lwm);
    await first.setDown(true);
    const prediction = await lwm.predict(request('timer', 1));
    assert.equal(replicaOf(prediction), second.url);
    await waitFor(
      () => lwm.replicaHealth().replicas[0]?.lastError?.startsWith('probe: ') === true,
      'a probe of the stopped replica',
    );
    assert.equal(lwm.replicaHealth().replicas[0]?.healthy, false);
    await first.setDown(false);
    await waitFor(() => lwm.replicaHealth().healthy === 2, 'the probes to find the replica back');
    const probes = first.requests.filter((recorded) => recorded.path === '/v1/models');
    assert.ok(probes.length >= 1);
  });

  it('one base URL works as before: no probes, never unhealthy, no replica event', async () => {
    const [only] = (await replicas(1)) as [ScriptedModelServer];
    const timer = new ManualHealthTimer();
    const lwm = createLwmEngine(
      { baseUrl: only.url, model: only.model, ...quick, maxRetries: 0 },
      { healthTimer: timer },
    );
    engines.push(lwm);
    assert.equal(timer.scheduled, 0);
    const prediction = await lwm.predict(request('solo', 1));
    assert.deepEqual(prediction.events, []);
    await only.setDown(true);
    await expectCode(lwm.predict(request('solo', 2)), 'ENGINE_UNAVAILABLE');
    const health = lwm.replicaHealth();
    assert.equal(health.checked, false);
    assert.equal(health.healthy, 1);
    assert.equal(health.replicas[0]?.failures, 1);
    assert.deepEqual(lwm.identity().baseUrl, only.url);
  });

  it('identity lists the replicas in a fixed order; close stops the probes', async () => {
    const [first, second] = (await replicas(2)) as [ScriptedModelServer, ScriptedModelServer];
    const timer = new ManualHealthTimer();
    const forward = engine([first.url, second.url], timer);
    const backward = engine([`${second.url}/`, first.url, second.url], new ManualHealthTimer());
    assert.deepEqual(forward.identity().baseUrls, backward.identity().baseUrls);
    assert.equal(forward.identity().baseUrl, undefined);
    assert.equal(backward.replicaHealth().total, 2, 'the same replica given twice counts once');
    assert.equal(timer.scheduled, 1);
    await forward.close();
    assert.equal(timer.scheduled, 0);
  });
});
