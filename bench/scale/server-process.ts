/**
 * An env server of the scale benchmark in a process of its own: bench/server's HTTP server process (the same
 * SessionManager settings as bench/server's benchManager), but over a given store location (`argv[3]`, a
 * postgres:// URL shared by several of these) and, as `agentworld serve` on a shared store, with session leases:
 * a process steps a session only holding its lease, from the turns the store holds. The lwm engine points at the
 * model server `argv[2]`. Prints its URL on stdout, then serves until stdin closes.
 */
import { serveBench } from './serve-bench.js';

const [modelUrl, storeLocation] = process.argv.slice(2);
if (modelUrl === undefined || storeLocation === undefined)
  throw new Error('usage: server-process.ts MODEL_URL STORE_LOCATION');
await serveBench(modelUrl, storeLocation);
