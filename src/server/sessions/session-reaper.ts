import type { LiveSessions } from './live-sessions.js';
import type { SessionRepository } from './session-repository.js';

/**
 * Closes open sessions nobody touched for `reapAfterMs` before `now` (epoch ms; `reapAfterMs` 0 or less: none),
 * in the store and in memory. A live session with a step in flight, or used since the cutoff, is spared. Returns
 * how many were closed.
 */
export async function reapAbandonedSessions(
  repository: SessionRepository,
  live: LiveSessions,
  reapAfterMs: number,
  now: number,
): Promise<number> {
  if (reapAfterMs <= 0) return 0;
  const cutoff = now - reapAfterMs;
  let reaped = 0;
  for (const id of await repository.openIdleSince(new Date(cutoff).toISOString())) {
    const entry = live.get(id);
    if (entry !== undefined && (entry.inFlight > 0 || entry.lastUsed > cutoff)) continue;
    await repository.markClosed(id, now);
    if (entry !== undefined) {
      void entry.session.close();
      live.delete(id);
    }
    reaped += 1;
  }
  return reaped;
}

/**
 * Calls `sweep` every `intervalMs` (0 or less: never) on a timer that does not keep the process alive. A
 * failing sweep (the store busy) is retried at the next tick; requests report store errors themselves.
 */
export function startSweepTimer(intervalMs: number, sweep: () => unknown): NodeJS.Timeout | undefined {
  if (!(intervalMs > 0)) return undefined;
  let running = false;
  const timer = setInterval(() => {
    // One sweep at a time: a slow store skips ticks instead of piling sweeps up.
    if (running) return;
    running = true;
    Promise.resolve()
      .then(sweep)
      .catch(() => undefined) // Retried at the next tick.
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return timer;
}
