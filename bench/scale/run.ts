/**
 * bench/scale — AgentWorld outgrowing one process (issue 18): queue throughput with 1, 2 and 4 worker processes,
 * the store's turn write rate on PostgreSQL vs SQLite, and HTTP step latency with 2 env servers behind a
 * round-robin load balancer vs 1. Every component is real: a private PostgreSQL and Redis, the `agentworld
 * worker` CLI, env server processes, scripted OpenAI-compatible model servers in processes of their own. See
 * README.md for what is measured and how to read it.
 *
 * Usage: node --import tsx bench/scale/run.ts [--quick] [--part queue|store|http]…
 */
import { availableParallelism, cpus } from 'node:os';
import { runCleanups } from './cleanup.js';
import { runHttpBalancer } from './http-balancer.js';
import { parseOptions } from './options.js';
import { startPostgres } from './postgres-process.js';
import { runQueueThroughput } from './queue-throughput.js';
import { failedHttpSteps, printHttp, printQueue, printStore } from './report.js';
import { runStoreWrites } from './store-writes.js';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  print(
    `bench/scale${options.quick ? ' --quick (tiny sizes: a smoke run, not numbers)' : ''} — parts: ${options.parts.join(', ')}`,
  );
  print(
    `machine: ${process.platform} ${process.arch}, node ${process.version}, ${availableParallelism()} CPU cores (${cpus()[0]?.model ?? 'unknown'})`,
  );
  const postgres = await startPostgres();
  log(`postgres: port ${postgres.server.port}`);
  if (options.parts.includes('queue'))
    printQueue(await runQueueThroughput(options.queue, postgres, log), print);
  if (options.parts.includes('store')) printStore(await runStoreWrites(options.store, postgres, log), print);
  let failed = 0;
  if (options.parts.includes('http')) {
    const report = await runHttpBalancer(options.http, postgres, log);
    printHttp(report, print);
    failed = failedHttpSteps(report);
  }
  if (failed > 0) {
    print(`\nfailed: ${failed} HTTP steps were not answered (see FAILED above)`);
    process.exitCode = 1;
  } else print('\ndone');
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench/scale failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
