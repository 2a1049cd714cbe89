/**
 * An env server of the benchmarks in the process that calls it: the real `startHttpServer` and a SessionManager
 * with bench/server's settings (bench/server/bench-manager.ts) over a store location, the lwm engine pointed at
 * a model server. On a postgres:// store shared by several of these it steps, as `agentworld serve` does, only
 * sessions whose lease it holds. Prints its URL on stdout, then serves until stdin closes.
 */
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { startHttpServer } from '../../src/server/http/index.js';
import { SessionLeases, SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore, storeKindOf } from '../../src/store/index.js';
import { BENCH_ENGINE_CONCURRENCY, BENCH_SPEC_NAME, benchSpec } from '../server/bench-manager.js';

/** Serves until stdin closes, then closes everything, runs `cleanup` and exits. */
export async function serveBench(
  modelUrl: string,
  storeLocation: string,
  cleanup: () => void = () => undefined,
): Promise<void> {
  const engine = createLwmEngine({
    baseUrl: modelUrl,
    model: 'bench',
    concurrency: BENCH_ENGINE_CONCURRENCY,
  });
  const store = await openStore(storeLocation);
  // As `agentworld serve` on PostgreSQL: other server processes share the sessions, each step holds the lease.
  const leases = storeKindOf(storeLocation) === 'postgres' ? new SessionLeases(store) : undefined;
  const manager = new SessionManager({
    repository: new SessionRepository(store),
    engine,
    namedSpecs: { [BENCH_SPEC_NAME]: benchSpec },
    maxOpenSessionsPerOwner: 1_000_000,
    maxLiveSessions: 10_000,
    sweepIntervalMs: 0,
    leases,
  });
  const server = await startHttpServer({
    manager,
    host: '127.0.0.1',
    port: 0,
    namedSpecs: { [BENCH_SPEC_NAME]: benchSpec },
  });
  process.stdout.write(`${server.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      await server.close();
      manager.shutdown();
      await store.close();
      await engine.close();
      cleanup();
      process.exit(0);
    })();
  });
}
