/**
 * The two scripted OpenAI-compatible servers of the rollout benchmark, in a process of their own (their CPU is
 * not AgentWorld's): the policy (Terminus-2 replies, terminus-replies.ts) and the world model (terminal screens,
 * the responder of bench/engine-overhead), both answering after `argv[2]` milliseconds (default 0). Prints
 * `{"policyUrl":…,"worldUrl":…}` on stdout, then serves until stdin closes.
 */
import { startScriptedModelServer } from '../../src/testing/index.js';
import { terminalScreenReply } from '../engine-overhead/terminal-responder.js';
import { terminusReply } from './terminus-replies.js';

const latencyMs = Number(process.argv[2] ?? '0');
const shared = {
  recordRequests: false,
  simulatePrefixCache: false,
  acceptAnyModel: true,
  latencyMs,
} as const;
const policy = await startScriptedModelServer({ ...shared, script: terminusReply, reasoningMode: 'none' });
const world = await startScriptedModelServer({
  ...shared,
  script: terminalScreenReply,
  reasoningMode: 'think',
});
process.stdout.write(`${JSON.stringify({ policyUrl: policy.url, worldUrl: world.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all([policy.close(), world.close()]).then(() => process.exit(0));
});
