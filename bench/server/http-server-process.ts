/**
 * The HTTP env server of the benchmark in a process of its own (so the load generator does not share its event
 * loop): the real `startHttpServer` over a real SQLite file in a temporary folder (removed on exit) and the lwm
 * engine pointed at the model server `argv[2]`. Prints its URL on stdout, then serves until stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveBench } from '../scale/serve-bench.js';

const modelUrl = process.argv[2];
if (modelUrl === undefined) throw new Error('usage: http-server-process.ts MODEL_URL');
const directory = mkdtempSync(join(tmpdir(), 'agentworld-bench-server-'));
await serveBench(modelUrl, join(directory, 'sessions.db'), () =>
  rmSync(directory, { recursive: true, force: true }),
);
