import { setTimeout as delay } from 'node:timers/promises';
import { benchAction } from './bench-manager.js';
import type { StepDriver } from './step-drivers.js';

export interface LoadResult {
  readonly sessions: number;
  /** The pause of each session between an answer and its next step (0: closed loop at full speed). */
  readonly thinkMs: number;
  readonly stepsPerSession: number;
  /** Wall time of the stepping phase (resets and closes not included). */
  readonly seconds: number;
  /** Every step's latency in ms, as the caller saw it. */
  readonly latenciesMs: number[];
}

/**
 * Opens `sessions` sessions, then steps all of them at once `stepsPerSession` times, timing each step; closes
 * them afterwards. With `thinkMs` 0 it is a closed loop at full speed (each session sends its next step as soon
 * as the previous answer arrives); otherwise each session pauses `thinkMs` between an answer and its next step,
 * as an agent deciding its next action does, with the sessions' first steps spread over one pause.
 */
export async function runLoad(
  driver: StepDriver,
  sessions: number,
  stepsPerSession: number,
  onStep: () => void = () => {},
  thinkMs = 0,
): Promise<LoadResult> {
  // All resets at once, as a trainer opening its environments does: each session's connection is made here and
  // kept (keep-alive) for its steps. (Opening a thousand connections while the server is already saturated
  // measured Node accepting and reading the new sockets only behind the busy ones: their first steps waited
  // 5-30 s. That is a connection storm, not the steady state this run measures.)
  const ids = await Promise.all(Array.from({ length: sessions }, (_, index) => driver.reset(index)));
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, index) => {
      if (thinkMs > 0) await delay((thinkMs * index) / sessions);
      for (let turn = 1; turn <= stepsPerSession; turn += 1) {
        if (thinkMs > 0 && turn > 1) await delay(thinkMs);
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
  return { sessions, thinkMs, stepsPerSession, seconds, latenciesMs };
}
