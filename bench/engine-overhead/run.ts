/**
 * bench/engine-overhead — how much time a step spends inside AgentWorld, how many steps per second it sustains,
 * and how much of each prompt a server's prefix cache can reuse. The world model is the scripted
 * OpenAI-compatible server answering at once with terminal screens, in its own process; AgentWorld talks to it
 * with the real `openai` client, the terminal domain and (for the overhead part) the SQLite cache wrapper.
 *
 * "Inside AgentWorld" = step wall time − time inside fetch (request sent → response body fully received). It
 * covers prompt build, hashing, the openai client's request/response handling, extraction, cache store, ledger
 * and checks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { Engine, PredictRequest } from '../../src/core/engine.js';
import type { ChatMessage } from '../../src/core/messages.js';
import { createCacheEngine } from '../../src/engines/cache/index.js';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { BENCH_AGENT_COMMANDS } from '../shared/agent-commands.js';
import { commonPrefixLength, mean, quantile } from './statistics.js';
import { inProcessModelFetch } from './terminal-responder.js';

const TURNS = 64;
const COMMANDS = BENCH_AGENT_COMMANDS;

function actionFor(turn: number): unknown {
  return [{ keystrokes: COMMANDS[turn % COMMANDS.length] as string, duration: 1 }];
}

async function startModelServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'model-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return { url, stop: () => child.stdin.end() };
}

/** fetch that reads the whole body inside the timed window, so the time it reports is the network's. */
function timedFetch(): { fetch: typeof fetch; takeMs(): number } {
  let pending = 0;
  const timed: typeof fetch = async (input, init) => {
    const started = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    pending += performance.now() - started;
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    fetch: timed,
    takeMs: () => {
      const value = pending;
      pending = 0;
      return value;
    },
  };
}

/** Requests per second of plain fetch POSTs of one body: the loopback HTTP stack's own ceiling. */
async function rawFetchCeiling(
  url: string,
  body: string,
  concurrency: number,
  total: number,
): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent += 1;
        const response = await fetch(`${url}/chat/completions`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        await response.arrayBuffer();
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** Serialises messages the way a chat template lays them out, for prefix-reuse measurement. */
function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((message) => `<|${message.role}|>\n${message.content}\n`).join('');
}

function recordingEngine(inner: Engine, onRequest: (request: PredictRequest) => void): Engine {
  return {
    id: inner.id,
    model: inner.model,
    identity: () => inner.identity(),
    predict: (request, options) => {
      onRequest(request);
      return inner.predict(request, options);
    },
    close: () => inner.close(),
  };
}

const spec = {
  ...JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/terminal.json'), 'utf8')),
  maxTurns: 1000,
};
const server = await startModelServer();
const storeDirectory = mkdtempSync(join(tmpdir(), 'agentworld-bench-'));
const progress = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {value}/{total} steps', stream: process.stderr, hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const format = (value: number): string => value.toFixed(3);

try {
  // ── 1. Overhead per step and prefix reuse: sequential 64-turn sessions (one step at a time, no contention).
  const timing = timedFetch();
  const lwm = createLwmEngine(
    { baseUrl: server.url, model: 'bench', concurrency: 1024 },
    { fetch: timing.fetch },
  );
  const prompts = new Map<string, string[]>();
  let midSessionMessages: readonly ChatMessage[] = [];
  const engine = recordingEngine(
    createCacheEngine({ inner: lwm, store: join(storeDirectory, 'cache.db') }),
    (request) => {
      const list = prompts.get(request.sessionId) ?? [];
      list.push(promptText(request.messages));
      prompts.set(request.sessionId, list);
      if (request.turnIndex === TURNS / 2) midSessionMessages = request.messages;
    },
  );
  const overheadByTurn: number[][] = Array.from({ length: TURNS + 1 }, () => []);
  const failedChecks = { failed: 0, total: 0 };
  const sequentialSessions = 16;
  progress.start(sequentialSessions * TURNS, 0, { phase: 'overhead             ' });
  for (let session = 0; session < sequentialSessions; session += 1) {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1000 + session });
    for (let turn = 1; turn <= TURNS; turn += 1) {
      timing.takeMs();
      const started = performance.now();
      const result = await env.step(actionFor(turn + session));
      const total = performance.now() - started;
      (overheadByTurn[turn] as number[]).push(total - timing.takeMs());
      failedChecks.total += result.info.turn.checks.length;
      failedChecks.failed += result.info.turn.checks.filter((check) => check.status === 'fail').length;
      progress.increment();
    }
  }
  progress.stop();
  await engine.close();

  const reuseByTurn: number[][] = Array.from({ length: TURNS + 1 }, () => []);
  for (const list of prompts.values()) {
    for (let turn = 2; turn <= list.length; turn += 1) {
      const previous = list[turn - 2] as string;
      const current = list[turn - 1] as string;
      (reuseByTurn[turn] as number[]).push(commonPrefixLength(previous, current) / current.length);
    }
  }
  const promptSizes = (prompts.values().next().value ?? []).map((text) => text.length);
  // Megabytes of prompt text: let them go before the throughput runs, which should not pay for their GC.
  prompts.clear();

  // ── 2. Throughput with 1, 64 and 512 concurrent sessions (no cache: every step is a model call), over two
  // transports: in-process (the model answers inside this process, no socket) and loopback HTTP to the server
  // process. Raw fetch with the same body size gives the HTTP stack's own ceiling for a ratio.
  const throughput: Array<{ transport: string; sessions: number; steps: number; seconds: number }> = [];
  for (const transport of ['in-process', 'http'] as const) {
    for (const sessions of [1, 64, 512]) {
      const engineForRun = createLwmEngine(
        { baseUrl: server.url, model: 'bench', concurrency: 1024 },
        transport === 'in-process' ? { fetch: inProcessModelFetch() } : {},
      );
      // Steady state: one unmeasured warm-up round (JIT, heap growth), then measured rounds. One session alone
      // finishes 64 steps in a few dozen milliseconds, so it runs 16 measured rounds back to back; 512 sessions
      // (32,768 steps a round) run one round and no warm-up.
      const rounds = sessions === 1 ? 16 : sessions === 64 ? 4 : 1;
      const warmUp = sessions === 512 ? 0 : 1;
      progress.start((warmUp + rounds) * sessions * TURNS, 0, {
        phase: `${transport.padEnd(10)} ${String(sessions).padStart(3)} sessions`,
      });
      let seconds = 0;
      for (let round = 0; round < warmUp + rounds; round += 1) {
        const envs = await Promise.all(
          Array.from({ length: sessions }, () => createEnv(spec, { engine: engineForRun })),
        );
        await Promise.all(envs.map((env, index) => env.reset({ seed: round * sessions + index })));
        const started = performance.now();
        await Promise.all(
          envs.map(async (env, index) => {
            for (let turn = 1; turn <= TURNS; turn += 1) {
              await env.step(actionFor(turn + index));
              progress.increment();
            }
          }),
        );
        if (round >= warmUp) seconds += (performance.now() - started) / 1000;
      }
      progress.stop();
      throughput.push({ transport, sessions, steps: rounds * sessions * TURNS, seconds });
      await engineForRun.close();
    }
  }
  const sampleBody = JSON.stringify({
    model: 'bench',
    messages: midSessionMessages,
    temperature: 0.6,
    max_tokens: 32768,
  });
  const rawCeiling = await rawFetchCeiling(server.url, sampleBody, 64, 64 * TURNS);

  const all = overheadByTurn.flat();
  const late = overheadByTurn.slice(TURNS - 3).flat();
  console.log(
    '\nbench/engine-overhead — scripted model server answering at once, terminal domain, 64-turn sessions',
  );
  console.log(
    `machine: ${process.platform} ${process.arch}, node ${process.version}, ${cpus().length} cores`,
  );
  console.log(
    '\nTime inside AgentWorld per step (step wall time minus network time; cache store included), ms:',
  );
  console.log(
    `  all turns   p50 ${format(quantile(all, 0.5))}  p99 ${format(quantile(all, 0.99))}  (n=${all.length})`,
  );
  console.log(
    `  turns 61-64 p50 ${format(quantile(late, 0.5))}  p99 ${format(quantile(late, 0.99))}  (target: p50 < 1 ms at turn 64)`,
  );
  for (const turn of [1, 16, 32, 64]) {
    const samples = overheadByTurn[turn] as number[];
    console.log(
      `  turn ${String(turn).padStart(2)}     p50 ${format(quantile(samples, 0.5))}  p99 ${format(quantile(samples, 0.99))}`,
    );
  }
  console.log(`  checks run on the way: ${failedChecks.total}, failed ${failedChecks.failed}`);

  console.log(
    '\nSteps per second (64-turn sessions, every step a model call answered at once; after a warm-up round):',
  );
  for (const row of throughput) {
    console.log(
      `  ${row.transport.padEnd(10)} ${String(row.sessions).padStart(3)} concurrent sessions: ${(row.steps / row.seconds).toFixed(0).padStart(6)} steps/s  (${row.steps} steps in ${row.seconds.toFixed(2)} s)`,
    );
  }
  console.log(
    `  raw fetch, no AgentWorld (${(sampleBody.length / 1024).toFixed(1)} KiB turn-32 body, 64 concurrent, same server): ${rawCeiling.toFixed(0)} requests/s`,
  );
  const http64 = throughput.find((row) => row.transport === 'http' && row.sessions === 64);
  const inProcess64 = throughput.find((row) => row.transport === 'in-process' && row.sessions === 64);
  if (http64 && inProcess64) {
    console.log(
      `  ratio: http steps/s ÷ raw fetch requests/s at 64 sessions = ${(http64.steps / http64.seconds / rawCeiling).toFixed(2)}`,
    );
    console.log(
      `  in-process with 64 sessions: ${(inProcess64.steps / inProcess64.seconds).toFixed(0)} steps/s (target: ≥ 5,000 steps/s on 2 cores)`,
    );
  }

  const fromTurnThree = reuseByTurn.slice(3).flat();
  console.log(
    '\nPrefix reuse (share of each prompt equal to a prefix of the previous prompt of the same session):',
  );
  console.log(
    `  from turn 3 on  min ${(Math.min(...fromTurnThree) * 100).toFixed(2)}%  mean ${(mean(fromTurnThree) * 100).toFixed(2)}%  (target: ≥ 95%)`,
  );
  for (const turn of [2, 3, 4, 8, 16, 32, 64]) {
    const samples = reuseByTurn[turn] as number[];
    const size = ((promptSizes[turn - 1] ?? 0) / 1024).toFixed(1);
    console.log(
      `  turn ${String(turn).padStart(2)}         ${(mean(samples) * 100).toFixed(2)}%  (prompt ${size} KiB)`,
    );
  }
} finally {
  server.stop();
  rmSync(storeDirectory, { recursive: true, force: true });
}
