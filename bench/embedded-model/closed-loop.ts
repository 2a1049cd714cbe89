import type { Engine } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { createEnv } from '../../src/session/create-env.js';
import type { AnswerSide } from './answer-sides.js';
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
  /** Engine milliseconds per turn the engine answered (the twin's and the model's). */
  readonly latencies: number[];
  /** Engine milliseconds per step by the side that answered it (a hybrid's twin or model; routed steps too). */
  readonly latenciesBySide: Map<AnswerSide, number[]>;
  /** The same, by the session's group (e.g. its kind of shell), when the domain names one. */
  readonly latenciesByGroup: Map<string, number[]>;
}

/**
 * Whole sessions run through a real Session on the model's own observations: each recorded action is sent in
 * turn, and the history the model sees next is what it answered before.
 */
export async function closedLoop(
  engine: Engine,
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
    latenciesBySide: new Map(),
    latenciesByGroup: new Map(),
  };
  const addLatency = (side: AnswerSide, ms: number): void => {
    const list = result.latenciesBySide.get(side) ?? [];
    list.push(ms);
    result.latenciesBySide.set(side, list);
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
      const engineMs = step.info.turn.timing.engineMs;
      if (wasRouted(step.info.turn.events)) {
        addLatency('routed', engineMs);
        result.routed++;
        continue;
      }
      addLatency(step.info.turn.provenance.answeredBy?.side === 'twin' ? 'twin' : 'model', engineMs);
      result.latencies.push(engineMs);
      const session = sessionGroupOf(record);
      if (session !== undefined) {
        const list = result.latenciesByGroup.get(session) ?? [];
        list.push(step.info.turn.timing.engineMs);
        result.latenciesByGroup.set(session, list);
      }
      const family = familyOf(turn, record);
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
