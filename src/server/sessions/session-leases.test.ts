import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type PostgresServer, startPostgresServer } from '../../../test/helpers/postgres-server.js';
import { tempStores } from '../../../test/helpers/temp-store.js';
import { isAgentWorldError } from '../../core/errors.js';
import { openStore, type SessionLeaseStore, type Store, type StoreCallOptions } from '../../store/index.js';
import { type LeaseTimers, SessionLeases } from './session-leases.js';

/** Timers the test fires by hand. */
class ManualTimers implements LeaseTimers {
  private readonly callbacks = new Map<number, () => void>();
  private next = 0;
  setInterval(callback: () => void): unknown {
    this.next += 1;
    this.callbacks.set(this.next, callback);
    return this.next;
  }
  clearInterval(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  get pending(): number {
    return this.callbacks.size;
  }
  fireAll(): void {
    for (const callback of this.callbacks.values()) callback();
  }
}

/** Counts the acquisitions (first takes and renewals) that have completed. */
class CountingLeaseStore implements SessionLeaseStore {
  acquired = 0;
  constructor(private readonly inner: SessionLeaseStore) {}
  async acquireSessionLease(
    sessionId: string,
    holder: string,
    ttlMs: number,
    now: number,
    options?: StoreCallOptions,
  ): Promise<boolean> {
    const taken = await this.inner.acquireSessionLease(sessionId, holder, ttlMs, now, options);
    if (taken) this.acquired += 1;
    return taken;
  }
  releaseSessionLease(sessionId: string, holder: string, options?: StoreCallOptions): Promise<boolean> {
    return this.inner.releaseSessionLease(sessionId, holder, options);
  }
}

/** A promise the test settles when it wants the held work to end. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function isBusy(error: unknown): boolean {
  return isAgentWorldError(error, 'SESSION_BUSY') && error.retryable;
}

function leaseCases(name: string, open: () => Promise<Store>): void {
  describe(`session leases on ${name}`, () => {
    it('lets one of two server processes step a session; the other gets SESSION_BUSY until it is given back', async () => {
      const store = await open();
      try {
        let now = 1_000_000;
        const clock = () => now;
        const first = new SessionLeases(store, {
          holder: 'server-a',
          ttlMs: 30_000,
          clock,
          timers: new ManualTimers(),
        });
        const second = new SessionLeases(store, {
          holder: 'server-b',
          ttlMs: 30_000,
          clock,
          timers: new ManualTimers(),
        });
        const release = gate();
        const running = first.hold('session-1', async () => {
          await release.promise;
          return 'stepped by a';
        });
        // Wait until the first holder has the lease (its store call is async).
        while (first.heldCount === 0 || !(await leaseTaken(store, 'session-1', clock()))) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        await assert.rejects(
          second.hold('session-1', async () => 'stepped by b'),
          isBusy,
        );
        // Another session is free for the second process meanwhile.
        assert.equal(await second.hold('session-2', async () => 'other session'), 'other session');
        release.open();
        assert.equal(await running, 'stepped by a');
        now += 1;
        assert.equal(await second.hold('session-1', async () => 'stepped by b'), 'stepped by b');
      } finally {
        await store.close();
      }
    });

    it('lets another process take the session once a crashed holder’s lease has expired', async () => {
      const store = await open();
      try {
        let now = 5_000_000;
        const clock = () => now;
        // A process that took the lease and died: it never renews or releases.
        assert.equal(await store.acquireSessionLease('session-x', 'crashed-server', 10_000, now), true);
        const survivor = new SessionLeases(store, {
          holder: 'server-b',
          ttlMs: 10_000,
          clock,
          timers: new ManualTimers(),
        });
        await assert.rejects(
          survivor.hold('session-x', async () => 'too early'),
          isBusy,
        );
        now += 10_000;
        assert.equal(await survivor.hold('session-x', async () => 'after expiry'), 'after expiry');
      } finally {
        await store.close();
      }
    });

    it('renews the lease while a long step runs, and stops renewing when it ends', async () => {
      const store = await open();
      try {
        let now = 9_000_000;
        const clock = () => now;
        const timers = new ManualTimers();
        const counted = new CountingLeaseStore(store);
        const holder = new SessionLeases(counted, { holder: 'server-a', ttlMs: 10_000, clock, timers });
        const other = new SessionLeases(store, {
          holder: 'server-b',
          ttlMs: 10_000,
          clock,
          timers: new ManualTimers(),
        });
        const release = gate();
        const running = holder.hold('session-long', () => release.promise);
        while (timers.pending === 0) await new Promise((resolve) => setImmediate(resolve));
        // 24 s pass, well beyond the first lease's 10 s; each renewal (every 6 s here) pushes the expiry on.
        for (let round = 1; round <= 4; round++) {
          now += 6_000;
          timers.fireAll();
          await waitUntil(async () => counted.acquired === 1 + round);
          await assert.rejects(
            other.hold('session-long', async () => undefined),
            isBusy,
          );
        }
        release.open();
        await running;
        assert.equal(timers.pending, 0);
        assert.equal(await other.hold('session-long', async () => 'free'), 'free');
      } finally {
        await store.close();
      }
    });

    it('refuses a second hold of one session in the same process without giving the first one’s lease away', async () => {
      const store = await open();
      try {
        const now = 2_000_000;
        const clock = () => now;
        const first = new SessionLeases(store, { holder: 'server-a', clock, timers: new ManualTimers() });
        const other = new SessionLeases(store, { holder: 'server-b', clock, timers: new ManualTimers() });
        const release = gate();
        const running = first.hold('session-1', () => release.promise);
        await assert.rejects(
          first.hold('session-1', async () => undefined),
          isBusy,
        );
        await waitUntil(() => leaseTaken(store, 'session-1', now));
        await assert.rejects(
          other.hold('session-1', async () => undefined),
          isBusy,
        );
        release.open();
        await running;
        assert.equal(first.heldCount, 0);
      } finally {
        await store.close();
      }
    });

    it('gives the lease back when the work fails', async () => {
      const store = await open();
      try {
        const clock = () => 3_000_000;
        const first = new SessionLeases(store, { holder: 'server-a', clock, timers: new ManualTimers() });
        const other = new SessionLeases(store, { holder: 'server-b', clock, timers: new ManualTimers() });
        await assert.rejects(
          first.hold('session-1', async () => {
            throw new Error('engine failed');
          }),
          /engine failed/,
        );
        assert.equal(await other.hold('session-1', async () => 'next'), 'next');
      } finally {
        await store.close();
      }
    });
  });
}

/** Whether someone other than a probe holder would be refused the session now. */
async function leaseTaken(store: Store, sessionId: string, now: number): Promise<boolean> {
  const probe = `probe-${Math.random()}`;
  const taken = await store.acquireSessionLease(sessionId, probe, 1, now);
  if (taken) await store.releaseSessionLease(sessionId, probe);
  return !taken;
}

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition never held');
}

const sqlite = tempStores('leases');
after(() => sqlite.remove());
leaseCases('SQLite', () => openStore(sqlite.freshPath()));

let postgres: PostgresServer | undefined;
before(async () => {
  postgres = await startPostgresServer();
});
after(async () => {
  await postgres?.destroy();
});
leaseCases('PostgreSQL', async () => {
  if (postgres === undefined) throw new Error('PostgreSQL did not start');
  return openStore(await postgres.createDatabase());
});
