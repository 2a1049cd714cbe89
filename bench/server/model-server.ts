/**
 * The scripted model server of the server benchmark, in its own process: terminal screens (the same responder
 * as bench/engine-overhead), answering after `argv[2]` milliseconds (default 0). Prints its URL on stdout, then
 * serves until stdin closes.
 */
import { startScriptedModelServer } from '../../src/testing/index.js';
import { terminalScreenReply } from '../engine-overhead/terminal-responder.js';

const latencyMs = Number(process.argv[2] ?? '0');
const server = await startScriptedModelServer({
  script: terminalScreenReply,
  recordRequests: false,
  simulatePrefixCache: false,
  reasoningMode: 'think',
  acceptAnyModel: true,
  latencyMs,
});
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
