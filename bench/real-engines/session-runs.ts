/**
 * One measured run: `sessions` sessions of one case on one engine, `concurrency` of them at once, each
 * reset → `steps` steps of the case's script. Start latency is reset plus the first step's answer; step latency
 * covers the later steps. Every step has its own time limit and the run a deadline after which no session starts.
 */
import type { Engine } from '../../src/core/engine.js';
import { isAgentWorldError } from '../../src/core/errors.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { createEnv } from '../../src/session/create-env.js';
import { actionAt, type BenchCase } from './action-scripts.js';

export interface SessionRunOptions {
  readonly sessions: number;
  readonly concurrency: number;
  readonly steps: number;
  readonly stepTimeoutMs: number;
  /** No session starts after this many milliseconds of the run. */
  readonly deadlineMs: number;
  readonly seed: number;
}

export interface SessionRunSamples {
  readonly startMs: number[];
  readonly stepMs: number[];
  readonly wallMs: number;
  readonly sessionsStarted: number;
  readonly sessionsCompleted: number;
  readonly turnsSent: number;
  readonly turnsRecorded: number;
  readonly errors: Record<string, number>;
  /** The complete sessions, for the replay engine. */
  readonly records: SessionRecord[];
}

function errorCode(error: unknown): string {
  if (isAgentWorldError(error)) return error.code;
  if (error instanceof Error && error.name === 'AbortError') return 'ABORTED';
  if (error instanceof Error && error.name === 'TimeoutError') return 'STEP_TIMEOUT';
  return 'EXCEPTION';
}

export async function runSessions(
  engine: Engine,
  benchCase: BenchCase,
  options: SessionRunOptions,
): Promise<SessionRunSamples> {
  const startMs: number[] = [];
  const stepMs: number[] = [];
  const errors: Record<string, number> = {};
  const records: SessionRecord[] = [];
  let next = 0;
  let sessionsCompleted = 0;
  let turnsSent = 0;
  let turnsRecorded = 0;
  const runStarted = performance.now();

  const runOne = async (index: number): Promise<void> => {
    const started = performance.now();
    const env = await createEnv(benchCase.spec, {
      engine,
      id: `bench-${benchCase.id}-${options.concurrency}-${index}`,
    });
    try {
      await env.reset({ seed: options.seed });
      for (let step = 0; step < options.steps; step += 1) {
        const stepStarted = performance.now();
        turnsSent += 1;
        await env.step(actionAt(benchCase, step), { signal: AbortSignal.timeout(options.stepTimeoutMs) });
        const now = performance.now();
        if (step === 0) startMs.push(now - started);
        else stepMs.push(now - stepStarted);
      }
      sessionsCompleted += 1;
      records.push(env.toRecord());
    } catch (error) {
      const code = errorCode(error);
      errors[code] = (errors[code] ?? 0) + 1;
    } finally {
      turnsRecorded += env.turns.length;
      await env.close();
    }
  };

  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.sessions) }, async () => {
      while (next < options.sessions && performance.now() - runStarted < options.deadlineMs) {
        const index = next;
        next += 1;
        await runOne(index);
      }
    }),
  );
  return {
    startMs,
    stepMs,
    wallMs: performance.now() - runStarted,
    sessionsStarted: next,
    sessionsCompleted,
    turnsSent,
    turnsRecorded,
    errors,
    records,
  };
}
