/**
 * The scripted OpenAI-compatible world model of the bench-runner benchmark, in a process of its own (its CPU
 * is not AgentWorld's): answers every chat completion after `argv[2]` milliseconds (default 200) with a
 * `<think>` block and an observation derived only from the request's messages, so the same row always gets the
 * same answer whatever the order or concurrency. Prints `{"url":…}` on stdout, then serves until stdin closes.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { type ScriptedRequest, startScriptedModelServer } from '../../src/testing/index.js';

/** The deterministic answer to a request: a digest of its messages, and the last one's first line. */
export function benchReply(request: ScriptedRequest): string {
  const digest = createHash('sha256').update(JSON.stringify(request.messages)).digest('hex').slice(0, 16);
  const last = request.messages[request.messages.length - 1]?.content ?? '';
  return `observation ${digest}\n${last.split('\n')[0] ?? ''}`;
}

const latencyMs = Number(process.argv[2] ?? '200');
const server = await startScriptedModelServer({
  recordRequests: false,
  simulatePrefixCache: false,
  acceptAnyModel: true,
  latencyMs,
  reasoningMode: 'think',
  script: (request) => ({ type: 'observation', observation: benchReply(request) }),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const input = createInterface({ input: process.stdin });
input.on('close', () => {
  void server.close().then(() => process.exit(0));
});
