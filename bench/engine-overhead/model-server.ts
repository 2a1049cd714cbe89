/**
 * The scripted model server for the benchmark, in its own process so that it does not share an event loop (or
 * a core) with AgentWorld. Prints its URL on stdout, then serves until stdin closes.
 */
import { startScriptedModelServer } from '../../src/testing/index.js';
import { terminalScreenReply } from './terminal-responder.js';

const server = await startScriptedModelServer({
  script: terminalScreenReply,
  recordRequests: false,
  simulatePrefixCache: false,
  reasoningMode: 'think',
  acceptAnyModel: true,
});
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
