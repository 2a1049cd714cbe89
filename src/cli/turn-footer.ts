import type { Turn } from '../core/turn.js';
import { REPETITION_EVENT } from '../engines/local/runaway-label.js';
import { TRUNCATED_EVENT, UNSUPPORTED_EVENT } from '../engines/local/terminal-turns.js';
import { describeTurn } from './output.js';

/**
 * What happened on a turn the engine did not simulate in full (the embedded model marked it unsupported, cut it
 * at the token limit, or stopped a runaway repetition); undefined for a turn simulated in full.
 */
export function turnOutcome(turn: Turn): string | undefined {
  const outcomes: string[] = [];
  for (const event of turn.events) {
    if (event.type === UNSUPPORTED_EVENT) outcomes.push(`unsupported: ${String(event.data?.reason ?? '')}`);
    if (event.type === TRUNCATED_EVENT)
      outcomes.push(`cut off at the token limit (${String(event.data?.maxTokens)} bytes)`);
    if (event.type === REPETITION_EVENT) {
      outcomes.push(
        `runaway output cut (a ${String(event.data?.period)}-byte unit repeated; ${String(event.data?.cutIds)} bytes dropped)`,
      );
    }
  }
  return outcomes.length === 0 ? undefined : outcomes.join('; ');
}

/**
 * The dim line under a turn in `sim`: `describeTurn`, where "checks N passed" gives way to what happened on a
 * turn that was not simulated in full (the checks passed on a screen that says nothing ran, or on cut output).
 */
export function turnFooter(turn: Turn): string {
  const line = describeTurn(turn);
  const outcome = turnOutcome(turn);
  if (outcome === undefined) return line;
  // Failed checks stay in view; passed ones alone would read as a turn that went well.
  if (/ · checks \d+ passed, \d+ FAILED/.test(line))
    return line.replace(' · checks ', ` · ${outcome} · checks `);
  return line.replace(/ · checks \d+ passed/, ` · ${outcome}`);
}
