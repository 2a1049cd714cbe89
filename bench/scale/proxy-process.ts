/**
 * The round-robin proxy in a process of its own (its CPU is not the load generator's), over the upstream URLs
 * in argv (after `--sticky` to keep each session on one upstream). Prints its URL on stdout; each line read on stdin is answered with its counts so far as one JSON
 * line (ProxyCounts); exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { startRoundRobinProxy } from './round-robin-proxy.js';

const sticky = process.argv[2] === '--sticky';
const upstreams = process.argv.slice(sticky ? 3 : 2);
const proxy = await startRoundRobinProxy(upstreams, { sticky });
process.stdout.write(`${proxy.url}\n`);
const input = createInterface({ input: process.stdin });
input.on('line', () => {
  process.stdout.write(`${JSON.stringify(proxy.counts)}\n`);
});
input.on('close', () => {
  void proxy.close().then(() => process.exit(0));
});
