/**
 * The two scripted OpenAI-compatible servers of the rollout benchmark, in a process of their own (their CPU is
 * not AgentWorld's): the policy (Terminus-2 replies, terminus-replies.ts) and the world model (terminal screens,
 * the responder of bench/engine-overhead), both answering after `argv[2]` milliseconds (default 0). Prints
 * `{"policyUrl":…,"worldUrl":…}` on stdout, then serves until stdin closes; each line it reads on stdin is
 * answered with its CPU seconds so far, so the benchmark can tell the servers' CPU from AgentWorld's.
 */
import { createInterface } from 'node:readline';
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
// Each line on stdin asks for this process's CPU seconds so far (user + system), answered as one line.
const input = createInterface({ input: process.stdin });
input.on('line', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${(user + system) / 1e6}\n`);
});
input.on('close', () => {
  void Promise.all([policy.close(), world.close()]).then(() => process.exit(0));
});
