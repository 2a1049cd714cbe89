/**
 * The closed loop of the HTTP part (bench/server's load run, counting failures instead of stopping at the
 * first): all sessions reset at once, then each sends its next step as soon as the previous answer arrives, K
 * steps each, every step timed by the client. A step that fails is counted with its reason and the session goes
 * on with its next step; sessions are closed afterwards.
 */
import { benchAction } from '../server/bench-manager.js';
import type { StepDriver } from '../server/step-drivers.js';

export interface LoopResult {
  readonly sessions: number;
  readonly stepsPerSession: number;
  /** Wall time of the stepping phase (resets and closes not included). */
  readonly seconds: number;
  /** Latency in ms of every step that was answered 200. */
  readonly latenciesMs: number[];
  readonly failedSteps: number;
  /** The first failure's reason, if any. */
  readonly firstFailure: string | undefined;
}

export async function runClosedLoop(
  driver: StepDriver,
  sessions: number,
  stepsPerSession: number,
): Promise<LoopResult> {
  const ids = await Promise.all(Array.from({ length: sessions }, (_, index) => driver.reset(index)));
  const latenciesMs: number[] = [];
  let failedSteps = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, index) => {
      for (let turn = 1; turn <= stepsPerSession; turn += 1) {
        const stepStarted = performance.now();
        try {
          await driver.step(id, benchAction(turn + index));
          latenciesMs.push(performance.now() - stepStarted);
        } catch (error) {
          failedSteps += 1;
          firstFailure ??= (error as Error).message;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(ids.slice(start, start + 50).map((id) => driver.close(id).catch(() => undefined)));
  }
  return { sessions, stepsPerSession, seconds, latenciesMs, failedSteps, firstFailure };
}
