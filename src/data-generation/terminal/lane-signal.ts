import { setMaxListeners } from 'node:events';

/** Listeners Node allows on an AbortSignal before it warns of a leak. */
const NODE_DEFAULT_MAX_LISTENERS = 10;

/** A signal shared by parallel lanes, and how to let go of the caller's signal afterwards. */
export interface LaneSignal {
  readonly signal: AbortSignal;
  /** Stops following the caller's signal; call it once the lanes are done. */
  dispose(): void;
}

/**
 * A signal that aborts when `outer` does, for `lanes` parallel lanes (sessions of a worker, worker processes)
 * that each wait on it at the same time. Every lane legitimately holds one abort listener while it waits (a
 * shell command, a child process), so more than ten lanes would trip Node's leak warning on a shared signal:
 * this signal is ours, so its limit is raised by one per lane, and the caller's signal carries one listener.
 * The default allowance stays on top, so a real leak (a listener per turn) still warns.
 */
export function laneSignal(outer: AbortSignal | undefined, lanes: number): LaneSignal {
  const controller = new AbortController();
  setMaxListeners(NODE_DEFAULT_MAX_LISTENERS + Math.max(0, lanes), controller.signal);
  const forward = (): void => controller.abort(outer?.reason);
  if (outer?.aborted === true) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    dispose: () => outer?.removeEventListener('abort', forward),
  };
}
