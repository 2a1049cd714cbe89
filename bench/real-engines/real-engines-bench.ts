/**
 * The core of bench/real-engines: per case, the real engine at each concurrency, then the replay of its own
 * recording on the same actions, then (terminal) the embedded local model, with the real/simulated ratios. Every
 * engine is closed before the next starts, so its sandboxes and server processes are gone when this returns.
 */
import { existsSync } from 'node:fs';
import type { Engine } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { createLocalEngine } from '../../src/engines/local/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { quantile } from '../engine-overhead/statistics.js';
import { type BenchCaseId, benchCase } from './action-scripts.js';
import { runSessions, type SessionRunOptions, type SessionRunSamples } from './session-runs.js';

export type EngineKind = 'real' | 'replay' | 'local';

export interface RealEnginesBenchOptions {
  readonly cases: readonly BenchCaseId[];
  /** Sessions per run (raised to the run's concurrency). */
  readonly sessions: number;
  readonly concurrency: readonly number[];
  readonly steps: number;
  /** The embedded terminal model; undefined or a missing file leaves the local engine out. */
  readonly modelPath?: string | undefined;
  readonly stepTimeoutMs?: number;
  readonly runDeadlineMs?: number;
  readonly onRun?: (run: EngineRun) => void;
}

export interface EngineRun {
  readonly case: BenchCaseId;
  readonly engine: EngineKind;
  readonly concurrency: number;
  readonly sessionsStarted: number;
  readonly sessionsCompleted: number;
  readonly startP50Ms: number;
  readonly startP99Ms: number;
  readonly stepP50Ms: number;
  readonly stepP99Ms: number;
  readonly sessionsPerMinute: number;
  readonly turnsSent: number;
  readonly turnsRecorded: number;
  readonly lostTurns: number;
  readonly errors: Record<string, number>;
}

export interface Ratio {
  readonly case: BenchCaseId;
  readonly simulated: Exclude<EngineKind, 'real'>;
  readonly concurrency: number;
  /** real ÷ simulated, start p50 and step p50; simulated ÷ real for sessions per minute. */
  readonly start: number;
  readonly step: number;
  readonly throughput: number;
}

export interface RealEnginesBenchResult {
  readonly options: { sessions: number; concurrency: number[]; steps: number; cases: BenchCaseId[] };
  readonly runs: EngineRun[];
  readonly ratios: Ratio[];
  readonly notes: string[];
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
/** a ÷ b to three significant digits (NaN when either side has no samples). */
const ratio = (a: number, b: number): number => Number((a / b).toPrecision(3));

function summarize(
  caseId: BenchCaseId,
  engine: EngineKind,
  concurrency: number,
  samples: SessionRunSamples,
): EngineRun {
  return {
    case: caseId,
    engine,
    concurrency,
    sessionsStarted: samples.sessionsStarted,
    sessionsCompleted: samples.sessionsCompleted,
    startP50Ms: round(quantile(samples.startMs, 0.5)),
    startP99Ms: round(quantile(samples.startMs, 0.99)),
    stepP50Ms: round(quantile(samples.stepMs, 0.5)),
    stepP99Ms: round(quantile(samples.stepMs, 0.99)),
    sessionsPerMinute: round(samples.sessionsCompleted / (samples.wallMs / 60_000), 1),
    turnsSent: samples.turnsSent,
    turnsRecorded: samples.turnsRecorded,
    lostTurns: samples.turnsSent - samples.turnsRecorded,
    errors: samples.errors,
  };
}

async function measure(
  engine: Engine,
  run: (engine: Engine) => Promise<SessionRunSamples>,
): Promise<SessionRunSamples> {
  try {
    return await run(engine);
  } finally {
    await engine.close();
  }
}

function ratiosOf(runs: readonly EngineRun[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const real of runs.filter((run) => run.engine === 'real')) {
    for (const simulated of runs) {
      if (simulated.engine === 'real' || simulated.case !== real.case) continue;
      if (simulated.concurrency !== real.concurrency) continue;
      ratios.push({
        case: real.case,
        simulated: simulated.engine,
        concurrency: real.concurrency,
        start: ratio(real.startP50Ms, simulated.startP50Ms),
        step: ratio(real.stepP50Ms, simulated.stepP50Ms),
        throughput: ratio(simulated.sessionsPerMinute, real.sessionsPerMinute),
      });
    }
  }
  return ratios;
}

export async function runRealEnginesBench(options: RealEnginesBenchOptions): Promise<RealEnginesBenchResult> {
  const runs: EngineRun[] = [];
  const notes: string[] = [];
  const keep = (run: EngineRun): void => {
    runs.push(run);
    options.onRun?.(run);
  };
  const runOptions = (concurrency: number): SessionRunOptions => ({
    sessions: Math.max(options.sessions, concurrency),
    concurrency,
    steps: options.steps,
    stepTimeoutMs: options.stepTimeoutMs ?? 30_000,
    deadlineMs: options.runDeadlineMs ?? 60_000,
    seed: 7,
  });
  const useLocal = options.modelPath !== undefined && existsSync(options.modelPath);
  if (options.modelPath !== undefined && !useLocal)
    notes.push(`no model file at ${options.modelPath}: the local engine is left out`);

  for (const caseId of options.cases) {
    const current = benchCase(caseId);
    const recordings: SessionRecord[] = [];
    for (const concurrency of options.concurrency) {
      const samples = await measure(current.makeRealEngine(concurrency), (engine) =>
        runSessions(engine, current, runOptions(concurrency)),
      );
      if (recordings.length === 0) recordings.push(...samples.records.slice(0, 1));
      keep(summarize(caseId, 'real', concurrency, samples));
    }
    if (recordings.length === 0) {
      notes.push(`${caseId}: no complete real session was recorded, so no replay`);
    } else {
      for (const concurrency of options.concurrency) {
        const samples = await measure(createReplayEngine({ sessions: recordings }), (engine) =>
          runSessions(engine, current, runOptions(concurrency)),
        );
        keep(summarize(caseId, 'replay', concurrency, samples));
      }
    }
    if (current.local && useLocal && options.modelPath !== undefined) {
      for (const concurrency of options.concurrency) {
        const engine = await createLocalEngine({
          modelPath: options.modelPath,
          sequences: Math.min(concurrency, 64),
          threads: 1,
        });
        const samples = await measure(engine, (opened) =>
          runSessions(opened, current, runOptions(concurrency)),
        );
        keep(summarize(caseId, 'local', concurrency, samples));
      }
    }
  }
  return {
    options: {
      sessions: options.sessions,
      concurrency: [...options.concurrency],
      steps: options.steps,
      cases: [...options.cases],
    },
    runs,
    ratios: ratiosOf(runs),
    notes,
  };
}
