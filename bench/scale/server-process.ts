/**
 * An env server of the scale benchmark in a process of its own: bench/server's HTTP server process, but over a
 * given store location (`argv[3]`, a postgres:// URL shared by several of these), the lwm engine pointed at the
 * model server `argv[2]`. Prints its URL on stdout, then serves until stdin closes.
 */
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { startHttpServer } from '../../src/server/http/index.js';
import {
  BENCH_ENGINE_CONCURRENCY,
  BENCH_SPEC_NAME,
  benchManager,
  benchSpec,
} from '../server/bench-manager.js';

const [modelUrl, storeLocation] = process.argv.slice(2);
if (modelUrl === undefined || storeLocation === undefined)
  throw new Error('usage: server-process.ts MODEL_URL STORE_LOCATION');
const engine = createLwmEngine({ baseUrl: modelUrl, model: 'bench', concurrency: BENCH_ENGINE_CONCURRENCY });
const { manager, store } = await benchManager(engine, storeLocation);
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
