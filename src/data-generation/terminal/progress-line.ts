import type { GenerationSummary } from './generation-summary.js';

/** How a progress line names its generator and the actions a session is made of. */
export interface ProgressWording {
  readonly program: string;
  readonly actions: string;
}

const TERMINAL_WORDING: ProgressWording = { program: 'datagen', actions: 'commands' };

/** One progress line for stderr, e.g. `datagen: 1200 sessions (3 dropped), 14.1 turns/session, 410.2 sessions/s …`. */
export function progressLine(
  summary: GenerationSummary,
  elapsedSeconds: number,
  final = false,
  wording: ProgressWording = TERMINAL_WORDING,
): string {
  const dropped = Object.values(summary.dropped).reduce((sum, count) => sum + count, 0);
  const rate = elapsedSeconds > 0 ? summary.sessions / elapsedSeconds : 0;
  const turns = summary.sessions > 0 ? summary.turns / summary.sessions : 0;
  let failed = 0;
  for (const count of Object.values(summary.families)) failed += count.failed;
  const failedShare = summary.turns > 0 ? (100 * failed) / summary.turns : 0;
  return (
    `${wording.program}${final ? ' done' : ''}: ${summary.sessions} sessions (${dropped} dropped), ` +
    `${turns.toFixed(1)} turns/session, ${failedShare.toFixed(1)}% of ${wording.actions} failed, ` +
    `${(summary.bytes / 1e6).toFixed(1)} MB, ${rate.toFixed(1)} sessions/s, ${elapsedSeconds.toFixed(0)} s`
  );
}
