import type { SessionRecord } from '../../src/core/turn.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { countUp, refusalReason, wasRouted } from './engine-routing.js';
import { Tally } from './measures.js';
import { familyOf } from './session-files.js';

export interface ClosedLoop {
  /** The model's observations against the recorded ones, turns the model answered only. */
  readonly exact: Tally;
  /** Turns the model did not answer (labelled unsupported, or refused: the session goes on without them). */
  routed: number;
  readonly refusals: Map<string, number>;
  /** Failed deterministic checks of the domain, by check id, on the turns the model answered. */
  readonly failedChecks: Map<string, number>;
  checkedTurns: number;
  /** Engine milliseconds per turn the model answered. */
  readonly latencies: number[];
  /** The same, by the session's group (e.g. its kind of shell), when the domain names one. */
  readonly latenciesByGroup: Map<string, number[]>;
}

/**
 * Whole sessions run through a real Session on the model's own observations: each recorded action is sent in
 * turn, and the history the model sees next is what it answered before.
 */
export async function closedLoop(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
  groupsOf: (family: string, record: SessionRecord) => string[],
  sessionGroupOf: (record: SessionRecord) => string | undefined = () => undefined,
): Promise<ClosedLoop> {
  const result: ClosedLoop = {
    exact: new Tally(),
    routed: 0,
    refusals: new Map(),
    failedChecks: new Map(),
    checkedTurns: 0,
    latencies: [],
    latenciesByGroup: new Map(),
  };
  for (const [position, record] of sessions.entries()) {
    const env = await createEnv(record.spec, { engine });
    await env.reset({ seed: record.seed });
    for (const turn of record.turns) {
      let step: Awaited<ReturnType<typeof env.step>>;
      try {
        step = await env.step(turn.action);
      } catch (error) {
        const reason = refusalReason(error);
        if (reason === undefined) throw error;
        countUp(result.refusals, reason);
        result.routed++;
        continue;
      }
      if (wasRouted(step.info.turn.events)) {
        result.routed++;
        continue;
      }
      result.latencies.push(step.info.turn.timing.engineMs);
      const session = sessionGroupOf(record);
      if (session !== undefined) {
        const list = result.latenciesByGroup.get(session) ?? [];
        list.push(step.info.turn.timing.engineMs);
        result.latenciesByGroup.set(session, list);
      }
      const family = familyOf(turn);
      result.exact.add(family, turn.observation, step.observation, groupsOf(family, record));
      result.checkedTurns++;
      for (const check of step.info.turn.checks) {
        if (check.status === 'fail') countUp(result.failedChecks, check.id);
      }
    }
    await env.close();
    process.stderr.write(`\r  closed loop ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return result;
}
