import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { startScriptedModelServer } from '../../testing/index.js';
import { createHybridEngine, createTwinFor } from '../hybrid/index.js';
import { createLwmEngine } from './lwm-engine.js';
import { parseLwmEngineOptions } from './options.js';
import { isInfrastructureFailure, ManualHealthTimer, probeReplica } from './replica-health.js';
import { replicaHealthOf } from './replica-health-of.js';
import { ReplicaPool } from './replica-pool.js';

const probeOptions = { fetch, headers: {}, timeoutMs: 30_000 } as const;

/** A real HTTP server that answers `/v1/models` with `status`, or never answers when `status` is undefined. */
async function rawServer(status: number | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    if (status === undefined) return;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('replica probe', () => {
  it('a scripted server that answers is healthy; stopped, it is not (connection refused)', async () => {
    const server = await startScriptedModelServer({ apiKey: 'k' });
    try {
      const healthy = await probeReplica(server.url, {
        ...probeOptions,
        headers: { authorization: 'Bearer k' },
      });
      assert.deepEqual(healthy, { healthy: true, status: 200 });
      assert.equal(server.requests.at(-1)?.path, '/v1/models');
      assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer k');
      // A wrong key is an answer all the same: the server runs.
      assert.equal((await probeReplica(server.url, probeOptions)).status, 401);
      await server.setDown(true);
      const down = await probeReplica(server.url, probeOptions);
      assert.equal(down.healthy, false);
      assert.equal(down.reason, 'ECONNREFUSED');
    } finally {
      await server.close();
    }
  });

  it('a 503 is unhealthy; no answer within the probe limit is unhealthy', async () => {
    const failing = await rawServer(503);
    const silent = await rawServer(undefined);
    try {
      assert.deepEqual(await probeReplica(failing.url, probeOptions), {
        healthy: false,
        status: 503,
        reason: 'HTTP 503',
      });
      const result = await probeReplica(silent.url, { ...probeOptions, timeoutMs: 20 });
      assert.deepEqual(result, { healthy: false, reason: 'no answer within 20 ms' });
    } finally {
      await stop(failing.server);
      await stop(silent.server);
    }
  });

  it("the caller's signal ends a probe", async () => {
    const silent = await rawServer(undefined);
    try {
      const controller = new AbortController();
      const probing = probeReplica(silent.url, { ...probeOptions, signal: controller.signal });
      controller.abort(new Error('closing'));
      const result = await probing;
      assert.equal(result.healthy, false);
    } finally {
      await stop(silent.server);
    }
  });

  it('infrastructure failures are connection, timeout and 5xx, not 4xx, 429 or bad output', () => {
    const failure = (kind: string, status?: number) =>
      ({
        kind,
        retryable: true,
        message: '',
        cause: undefined,
        ...(status === undefined ? {} : { status }),
      }) as never;
    assert.equal(isInfrastructureFailure(failure('connection')), true);
    assert.equal(isInfrastructureFailure(failure('timeout')), true);
    assert.equal(isInfrastructureFailure(failure('server_error', 502)), true);
    assert.equal(isInfrastructureFailure(failure('server_error')), true);
    assert.equal(isInfrastructureFailure(failure('server_error', 409)), false);
    assert.equal(isInfrastructureFailure(failure('rate_limited', 429)), false);
    assert.equal(isInfrastructureFailure(failure('refused', 400)), false);
    assert.equal(isInfrastructureFailure(failure('invalid_output')), false);
    assert.equal(isInfrastructureFailure(failure('aborted')), false);
  });
});

describe('replica pool', () => {
  it('health times come from the injected clock; a probe round in progress is joined', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    let probes = 0;
    let answer = true;
    const timer = new ManualHealthTimer();
    const pool = new ReplicaPool(['http://a/v1', 'http://b/v1'], {
      intervalMs: 1000,
      timer,
      now: () => now,
      probe: async () => {
        probes++;
        return answer ? { healthy: true, status: 200 } : { healthy: false, reason: 'ECONNREFUSED' };
      },
    });
    pool.reportFailure('http://a/v1', 'connect ECONNREFUSED');
    assert.deepEqual(pool.snapshot().replicas[0], {
      url: 'http://a/v1',
      healthy: false,
      outstanding: 0,
      served: 0,
      failures: 1,
      sessions: 0,
      unhealthySince: '2026-01-01T00:00:00.000Z',
      lastError: 'connect ECONNREFUSED',
    });
    now += 5000;
    answer = false;
    await Promise.all([pool.probeAll(), pool.probeAll(), timer.tick()]);
    assert.equal(probes, 2, 'one round for two replicas');
    assert.equal(pool.snapshot().replicas[1]?.unhealthySince, '2026-01-01T00:00:05.000Z');
    assert.equal(pool.snapshot().replicas[0]?.unhealthySince, '2026-01-01T00:00:00.000Z');
    assert.equal(pool.acquire('s'), undefined);
    answer = true;
    now += 5000;
    await timer.tick();
    assert.equal(pool.snapshot().replicas[0]?.lastCheckedAt, '2026-01-01T00:00:10.000Z');
    assert.equal(pool.snapshot().healthy, 2);
    pool.close();
    assert.equal(timer.scheduled, 0);
  });

  it('remembers at most affinityLimit sessions, the least recently used forgotten first', () => {
    const pool = new ReplicaPool(['http://a/v1', 'http://b/v1'], {
      intervalMs: 1000,
      timer: new ManualHealthTimer(),
      affinityLimit: 2,
      probe: async () => ({ healthy: true }),
    });
    for (const session of ['one', 'two', 'one', 'three']) pool.acquire(session)?.release();
    const sessions = pool.snapshot().replicas.reduce((sum, replica) => sum + replica.sessions, 0);
    assert.equal(sessions, 2);
    pool.close();
  });
});

describe('lwm options with replicas', () => {
  it('baseUrls: normalized, deduplicated; baseUrl is the first; exactly one of the two', () => {
    const single = parseLwmEngineOptions({ baseUrl: 'http://a:1/v1', model: 'm' });
    assert.deepEqual(single.baseUrls, ['http://a:1/v1']);
    assert.equal(single.healthCheckIntervalMs, 5000);
    assert.equal(single.healthCheckTimeoutMs, 2000);
    const several = parseLwmEngineOptions({
      baseUrls: ['http://a:1/v1', 'http://b:2/v1', 'http://a:1/v1/'],
      model: 'm',
    });
    assert.deepEqual(several.baseUrls, ['http://a:1/v1', 'http://b:2/v1']);
    assert.equal(several.baseUrl, 'http://a:1/v1');
    for (const bad of [
      { model: 'm' },
      { baseUrl: 'http://a/v1', baseUrls: ['http://b/v1'], model: 'm' },
      { baseUrls: [], model: 'm' },
      { baseUrls: ['not a url'], model: 'm' },
    ]) {
      assert.throws(
        () => parseLwmEngineOptions(bad),
        (error: unknown) => isAgentWorldError(error) && error.code === 'CONFIG_INVALID',
      );
    }
  });
});

describe('replicaHealthOf', () => {
  it('finds the lwm engine itself or inside the hybrid engine; undefined without one', async () => {
    const servers = await Promise.all([startScriptedModelServer(), startScriptedModelServer()]);
    const lwm = createLwmEngine({
      baseUrls: servers.map((server) => server.url),
      model: 'scripted-world-model',
    });
    const hybrid = createHybridEngine({ twin: await createTwinFor('terminal'), model: lwm });
    try {
      assert.equal(replicaHealthOf(lwm)?.total, 2);
      assert.deepEqual(replicaHealthOf(hybrid), lwm.replicaHealth());
      assert.equal(replicaHealthOf({ ...hybrid, id: 'other', modelEngine: undefined } as never), undefined);
    } finally {
      await hybrid.close();
      await lwm.close();
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
