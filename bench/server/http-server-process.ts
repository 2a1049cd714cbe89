/**
 * The HTTP env server of the benchmark in a process of its own (so the load generator does not share its event
 * loop): the real `startHttpServer` over a real SQLite file and the lwm engine pointed at the model server
 * `argv[2]`. Prints its URL on stdout, then serves until stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { startHttpServer } from '../../src/server/http/index.js';
import { BENCH_ENGINE_CONCURRENCY, BENCH_SPEC_NAME, benchManager, benchSpec } from './bench-manager.js';

const modelUrl = process.argv[2];
if (modelUrl === undefined) throw new Error('usage: http-server-process.ts MODEL_URL');
const directory = mkdtempSync(join(tmpdir(), 'agentworld-bench-server-'));
const engine = createLwmEngine({ baseUrl: modelUrl, model: 'bench', concurrency: BENCH_ENGINE_CONCURRENCY });
const { manager, store } = await benchManager(engine, join(directory, 'sessions.db'));
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
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  })();
});
