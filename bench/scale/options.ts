/**
 * The benchmark's command line: `--quick` (tiny sizes: a smoke run, not numbers) and `--part queue|store|http`
 * (repeatable, or comma-separated; default all three).
 */
import type { HttpSizes } from './http-balancer.js';
import type { QueueSizes } from './queue-throughput.js';
import type { StoreSizes } from './store-writes.js';

export const PARTS = ['queue', 'store', 'http'] as const;
export type Part = (typeof PARTS)[number];

export interface ScaleOptions {
  readonly quick: boolean;
  readonly parts: readonly Part[];
  readonly queue: QueueSizes;
  readonly store: StoreSizes;
  readonly http: HttpSizes;
}

const FULL = {
  queue: { workerCounts: [1, 2, 4], rowsPerWorker: 40, episodesPerWorker: 3, modelLatencyMs: 200 },
  store: { sequentialTurns: 2000, concurrentSessions: 16, turnsPerConcurrentSession: 250 },
  http: { modelLatenciesMs: [0, 200], sessions: 32, stepsPerSession: [60, 20] },
} as const;

const QUICK = {
  queue: { workerCounts: [1, 2], rowsPerWorker: 3, episodesPerWorker: 1, modelLatencyMs: 200 },
  store: { sequentialTurns: 20, concurrentSessions: 16, turnsPerConcurrentSession: 2 },
  http: { modelLatenciesMs: [0, 200], sessions: 4, stepsPerSession: [3, 2] },
} as const;

export const USAGE = `usage: node --import tsx bench/scale/run.ts [--quick] [--part queue|store|http]…
  --quick        tiny sizes (checks that everything runs; the numbers mean nothing)
  --part NAME    run only this part (repeat, or NAME,NAME); default: queue, store and http
  --workers LIST worker counts of the queue part, e.g. 1,2,4,8,16 (default 1,2,4)`;

export function parseOptions(argv: readonly string[]): ScaleOptions {
  let quick = false;
  let workerCounts: number[] | undefined;
  const parts: Part[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--quick') quick = true;
    else if (argument === '--part' || argument.startsWith('--part=')) {
      let value = argument.slice('--part='.length);
      if (argument === '--part') {
        index += 1;
        value = argv[index] ?? '';
      }
      for (const name of value.split(',')) {
        if (!(PARTS as readonly string[]).includes(name)) throw new Error(`unknown part "${name}"\n${USAGE}`);
        if (!parts.includes(name as Part)) parts.push(name as Part);
      }
    } else if (argument === '--workers') {
      index += 1;
      const counts = (argv[index] ?? '').split(',').map(Number);
      if (counts.length === 0 || counts.some((count) => !Number.isInteger(count) || count < 1))
        throw new Error(`--workers takes whole numbers ≥ 1 separated by commas\n${USAGE}`);
      if (counts[0] !== 1)
        throw new Error(`--workers must start at 1 (the rates are compared with one worker's)\n${USAGE}`);
      workerCounts = counts;
    } else throw new Error(`unknown argument "${argument}"\n${USAGE}`);
  }
  const sizes = quick ? QUICK : FULL;
  const queue = workerCounts === undefined ? sizes.queue : { ...sizes.queue, workerCounts };
  return { quick, parts: parts.length === 0 ? [...PARTS] : parts, ...sizes, queue };
}
