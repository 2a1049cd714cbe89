import { benchAction } from './bench-manager.js';
import type { StepDriver } from './step-drivers.js';

export interface LoadResult {
  readonly sessions: number;
  readonly stepsPerSession: number;
  /** Wall time of the stepping phase (resets and closes not included). */
  readonly seconds: number;
  /** Every step's latency in ms, as the caller saw it. */
  readonly latenciesMs: number[];
}

/**
 * Opens `sessions` sessions, then steps all of them at once (closed loop: each session sends its next step as
 * soon as the previous answer arrives) `stepsPerSession` times, timing each step; closes them afterwards.
 */
export async function runLoad(
  driver: StepDriver,
  sessions: number,
  stepsPerSession: number,
  onStep: () => void = () => {},
): Promise<LoadResult> {
  const ids: string[] = [];
  // Resets in batches, so opening 1,000 sessions does not itself become a 1,000-request burst.
  for (let start = 0; start < sessions; start += 50) {
    const batch = Math.min(50, sessions - start);
    ids.push(
      ...(await Promise.all(Array.from({ length: batch }, (_, index) => driver.reset(start + index)))),
    );
  }
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, index) => {
      for (let turn = 1; turn <= stepsPerSession; turn += 1) {
        const stepStarted = performance.now();
        await driver.step(id, benchAction(turn + index));
        latenciesMs.push(performance.now() - stepStarted);
        onStep();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(ids.slice(start, start + 50).map((id) => driver.close(id)));
  }
  return { sessions, stepsPerSession, seconds, latenciesMs };
}
