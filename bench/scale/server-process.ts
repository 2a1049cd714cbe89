/**
 * An env server of the scale benchmark in a process of its own: bench/server's HTTP server process (the same
 * SessionManager settings as bench/server's benchManager), but over a given store location (`argv[3]`, a
 * postgres:// URL shared by several of these) and, as `agentworld serve` on a shared store, with session leases:
 * a process steps a session only holding its lease, from the turns the store holds. The lwm engine points at the
 * model server `argv[2]`. Prints its URL on stdout, then serves until stdin closes.
 */
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { startHttpServer } from '../../src/server/http/index.js';
import { SessionLeases, SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore, storeKindOf } from '../../src/store/index.js';
import { BENCH_ENGINE_CONCURRENCY, BENCH_SPEC_NAME, benchSpec } from '../server/bench-manager.js';

const [modelUrl, storeLocation] = process.argv.slice(2);
if (modelUrl === undefined || storeLocation === undefined)
  throw new Error('usage: server-process.ts MODEL_URL STORE_LOCATION');
const engine = createLwmEngine({ baseUrl: modelUrl, model: 'bench', concurrency: BENCH_ENGINE_CONCURRENCY });
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
    process.exit(0);
  })();
});
