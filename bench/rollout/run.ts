/**
 * bench/rollout — `agentworld rollout`'s own cost: 256 concurrent ten-step episodes of a terminal task, the
 * policy an OpenAI-compatible chat model driven through the Terminus-2 adapter (OpenAiChatPolicy, the real
 * `openai` client) and the world the `lwm` engine against an OpenAI-compatible world model. Both servers are
 * scripted (src/testing's scripted model server) and run in a child process of their own, answering at once or
 * after 200 ms. runBatch commits every episode to a JSONL file in a temp folder (fsynced, as in real runs) and
 * scores it with the task's verifier. See README.md for what is measured and how the targets are judged.
 *
 * Usage: node --import tsx bench/rollout/run.ts [episodes at 0 ms (default 1024)] [episodes at 200 ms (512)]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { openAiChatPolicyFactory } from '../../src/policies/index.js';
import { type BatchReport, groupSeed, runBatch } from '../../src/rollout/index.js';
import { memberSeed } from '../../src/rollout/run-group.js';
import { loadTasks } from '../../src/tasks/load-task.js';
import { createScoreEpisode } from '../../src/tasks/score-episode.js';
import { quantile } from '../engine-overhead/statistics.js';
import { type BenchChild, startBenchChild } from '../server/child-process.js';
import { type StepGaps, StepTimeline } from './step-timeline.js';
import { DECISIONS, WORLD_STEPS } from './terminus-replies.js';

const CONCURRENCY = 256;
/** The lwm engine's per-endpoint limit (default 16) lifted so it does not cap 256 episodes. */
const ENGINE_CONCURRENCY = 1024;
const WARM_UP_EPISODES = 64;
const TASK_ID = 'bench-rollout-terminal';
const TARGET_EPISODES_PER_MINUTE = 1000;
const TARGET_SHARE = 0.01;

const episodesAt = (index: number, fallback: number): number => {
  const value = Number(process.argv[index] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`episode counts must be whole numbers ≥ 1`);
  return value;
};
const PLAN = [
  { latencyMs: 0, episodes: episodesAt(2, 1024) },
  { latencyMs: 200, episodes: episodesAt(3, 512) },
] as const;

interface Measurement {
  readonly latencyMs: number;
  readonly episodes: number;
  readonly seconds: number;
  /** User + system CPU seconds of this process (AgentWorld, its HTTP clients, libuv threads, GC). */
  readonly cpuSeconds: number;
  /** User + system CPU seconds of the servers' process over the same run. */
  readonly serverCpuSeconds: number;
  /** Share of the wall time the event loop was busy (perf_hooks eventLoopUtilization). */
  readonly eventLoopBusy: number;
  readonly report: BatchReport;
  readonly gaps: StepGaps;
  /** Wall milliseconds of each episode (first policy request sent → line committed). */
  readonly episodeMs: number[];
}

/** A terminal task of the bundled example world, scored by a rule verifier over the trajectory. */
function writeTask(directory: string): string {
  const path = join(directory, `${TASK_ID}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      format: 'agentworld.task',
      version: 1,
      id: TASK_ID,
      instruction: 'Look around the workspace, then write done to /workspace/answer.txt.',
      spec: 'terminal',
      verifiers: [{ type: 'tool-called', tool: 'echo', commandRegex: 'answer\\.txt' }],
      budgets: { maxTurns: DECISIONS },
    }),
  );
  return path;
}

/** The servers' process's CPU seconds so far (it answers a line on stdin with one on stdout). */
function serverCpu(servers: BenchChild): Promise<number> {
  const lines = createInterface({ input: servers.process.stdout as NodeJS.ReadableStream });
  return new Promise<number>((resolve) => {
    lines.once('line', (line) => {
      lines.close();
      resolve(Number(line));
    });
    servers.process.stdin?.write('cpu\n');
  });
}

async function measure(
  servers: BenchChild,
  directory: string,
  latencyMs: number,
  episodes: number,
  concurrency: number,
  urls: { policyUrl: string; worldUrl: string },
  name: string,
): Promise<Measurement> {
  const tasks = await loadTasks(writeTask(directory));
  const timeline = new StepTimeline();
  const seeds = Array.from({ length: episodes }, (_, index) => memberSeed(groupSeed(0, TASK_ID, index), 0));
  for (const seed of seeds) timeline.expect(seed, WORLD_STEPS);
  const engine = createLwmEngine(
    { baseUrl: urls.worldUrl, model: 'bench-world', concurrency: ENGINE_CONCURRENCY, maxRetries: 0 },
    { fetch: timeline.worldFetch() },
  );
  const policyOptions = { baseUrl: urls.policyUrl, model: 'bench-policy' };
  const score = createScoreEpisode();
  const firstSentAt = new Map<number, number>();
  const episodeMs: number[] = [];
  const serverCpuBefore = await serverCpu(servers);
  const cpuBefore = process.cpuUsage();
  const loopBefore = performance.eventLoopUtilization();
  const startedAt = performance.now();
  let report: BatchReport;
  try {
    report = await runBatch({
      tasks,
      engine,
      policyFactory: (spec, instruction, seed) => {
        firstSentAt.set(seed, performance.now());
        return openAiChatPolicyFactory({ ...policyOptions, fetch: timeline.policyFetch(seed) })(
          spec,
          instruction,
          seed,
        );
      },
      score,
      outPath: join(directory, `${name}.jsonl`),
      episodesPerTask: episodes,
      concurrency,
      maxInfraRetries: 0,
      progress: false,
      onEvent: (event) => {
        if (event.type !== 'episode-committed') return;
        timeline.committed(event.line.seed);
        const started = firstSentAt.get(event.line.seed);
        if (started !== undefined) episodeMs.push(performance.now() - started);
      },
    });
  } finally {
    await engine.close();
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const loop = performance.eventLoopUtilization(loopBefore);
  const serverCpuSeconds = (await serverCpu(servers)) - serverCpuBefore;
  if (report.ran !== episodes || report.counts.success !== episodes) {
    throw new Error(
      `${name}: expected ${episodes} successful episodes, got ${JSON.stringify(report.counts)} (${report.ran} ran)`,
    );
  }
  return {
    latencyMs,
    episodes,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds,
    eventLoopBusy: loop.utilization,
    report,
    gaps: timeline.gaps(),
    episodeMs,
  };
}

const directory = mkdtempSync(join(tmpdir(), 'agentworld-bench-rollout-'));
const results: Measurement[] = [];
try {
  for (const { latencyMs, episodes } of PLAN) {
    const servers = await startBenchChild('../rollout/servers.ts', [String(latencyMs)]);
    try {
      const urls = JSON.parse(servers.firstLine) as { policyUrl: string; worldUrl: string };
      process.stderr.write(`${latencyMs} ms: warm-up (${WARM_UP_EPISODES} episodes) … `);
      await measure(
        servers,
        directory,
        latencyMs,
        WARM_UP_EPISODES,
        CONCURRENCY,
        urls,
        `warm-up-${latencyMs}`,
      );
      process.stderr.write(`${episodes} episodes, ${CONCURRENCY} at once … `);
      const result = await measure(
        servers,
        directory,
        latencyMs,
        episodes,
        CONCURRENCY,
        urls,
        `run-${latencyMs}`,
      );
      process.stderr.write(`${result.seconds.toFixed(1)} s\n`);
      results.push(result);
    } finally {
      await servers.stop();
    }
  }
  report(results);
} finally {
  rmSync(directory, { recursive: true, force: true });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function ms(values: readonly number[]): string {
  return `${quantile(values, 0.5).toFixed(2)} / ${quantile(values, 0.99).toFixed(2)}`;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

function report(all: readonly Measurement[]): void {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  console.log('\nbench/rollout — 256 concurrent ten-step episodes, Terminus-2 chat policy + lwm world model');
  console.log(
    `machine: ${process.platform} ${process.arch}, node ${process.version}, ${availableParallelism()} cores (${model}); ` +
      `servers scripted, in a child process; every episode committed (fsync) to JSONL and scored`,
  );
  console.log(
    `episode: ${DECISIONS} policy decisions (Terminus-2 JSON replies), ${WORLD_STEPS} world-model steps; ` +
      `runBatch concurrency ${CONCURRENCY}, lwm engine concurrency ${ENGINE_CONCURRENCY}\n`,
  );
  console.log(
    'server   episodes  seconds  episodes/min  decisions/s  world steps/s   CPU/wall  loop busy  servers CPU/wall  episode p50/p99 ms',
  );
  for (const row of all) {
    const perMinute = (row.episodes / row.seconds) * 60;
    console.log(
      `${`${row.latencyMs} ms`.padStart(6)} ${String(row.episodes).padStart(10)} ${row.seconds.toFixed(2).padStart(8)} ${perMinute.toFixed(0).padStart(13)} ${((row.episodes * DECISIONS) / row.seconds).toFixed(0).padStart(12)} ${((row.episodes * WORLD_STEPS) / row.seconds).toFixed(0).padStart(14)} ${`${((row.cpuSeconds / row.seconds) * 100).toFixed(1)} %`.padStart(10)} ${`${(row.eventLoopBusy * 100).toFixed(1)} %`.padStart(10)} ${`${((row.serverCpuSeconds / row.seconds) * 100).toFixed(1)} %`.padStart(17)}  ${ms(row.episodeMs)}`,
    );
  }

  console.log('\nInside AgentWorld, per episode (milliseconds, p50 / p99):');
  for (const row of all) {
    const { gaps } = row;
    const cpuPerEpisodeMs = (row.cpuSeconds * 1000) / row.episodes;
    const inside = sum(gaps.perStep) + sum(gaps.commit);
    console.log(
      `  ${String(row.latencyMs).padStart(3)} ms servers: per step ${ms(gaps.perStep)} (policy answer → world request ${ms(gaps.policyToWorld)}; world answer → policy request ${ms(gaps.worldToPolicy)}); score + commit ${ms(gaps.commit)}`,
    );
    console.log(
      `                  CPU per episode ${cpuPerEpisodeMs.toFixed(2)} ms (${(cpuPerEpisodeMs / DECISIONS).toFixed(3)} ms per decision); ` +
        `between-call time ${((inside / sum(row.episodeMs)) * 100).toFixed(2)} % of episode wall time` +
        (gaps.unattributed > 0 ? `; ${gaps.unattributed} world calls not attributed` : ''),
    );
  }

  console.log('\nTargets:');
  const atOnce = all.find((row) => row.latencyMs === 0);
  if (atOnce !== undefined) {
    const perMinute = (atOnce.episodes / atOnce.seconds) * 60;
    console.log(
      `  servers answering at once: ${perMinute.toFixed(0)} ten-step episodes/min (target ≥ ${TARGET_EPISODES_PER_MINUTE} on 2 cores, this machine has ${availableParallelism()}): ` +
        `${(perMinute / TARGET_EPISODES_PER_MINUTE).toFixed(2)}× the target, ${verdict(perMinute >= TARGET_EPISODES_PER_MINUTE)}`,
    );
  }
  const slow = all.find((row) => row.latencyMs === 200);
  if (slow !== undefined) {
    const cpuPerEpisodeMs = (slow.cpuSeconds * 1000) / slow.episodes;
    const share = cpuPerEpisodeMs / quantile(slow.episodeMs, 0.5);
    const cpuShare = slow.cpuSeconds / slow.seconds;
    const serversMs = WORLD_STEPS * 200 + DECISIONS * 200;
    const ideal = (Math.min(CONCURRENCY, slow.episodes) * 60_000) / serversMs;
    const perMinute = (slow.episodes / slow.seconds) * 60;
    console.log(
      `  servers answering after 200 ms: AgentWorld's share of an episode's wall time (its CPU per episode ÷ the episode's p50 wall time) ${(share * 100).toFixed(3)} % ` +
        `(target < ${TARGET_SHARE * 100} %): ${(share / TARGET_SHARE).toFixed(2)}× the limit, ${verdict(share < TARGET_SHARE)}`,
    );
    console.log(
      `    the process's CPU ÷ wall at ${CONCURRENCY} episodes at once: ${(cpuShare * 100).toFixed(1)} % (${(cpuShare / TARGET_SHARE).toFixed(1)}× 1 %); event loop busy ${(slow.eventLoopBusy * 100).toFixed(1)} %; ` +
        `episodes wait on AgentWorld between calls ${((sum(slow.gaps.perStep) + sum(slow.gaps.commit)) / sum(slow.episodeMs)) * 100 < 1 ? 'under' : 'over'} 1 % of their wall time`,
    );
    console.log(
      `    end to end: an episode's ${DECISIONS + WORLD_STEPS} calls take ${(serversMs / 1000).toFixed(1)} s of server time; its p50 wall time ${(quantile(slow.episodeMs, 0.5) / 1000).toFixed(2)} s is ` +
        `${((quantile(slow.episodeMs, 0.5) / serversMs - 1) * 100).toFixed(1)} % more (AgentWorld, the HTTP clients and the servers' own queueing on these ${availableParallelism()} cores); ` +
        `${perMinute.toFixed(0)} episodes/min = ${((perMinute / ideal) * 100).toFixed(1)} % of the ${ideal.toFixed(0)} the servers alone allow at ${Math.min(CONCURRENCY, slow.episodes)} at once`,
    );
  }
}
