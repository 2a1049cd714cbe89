import type { ChatMessage } from '../core/messages.js';
import type { SessionRecord } from '../core/turn.js';
import { presentSweObservation, sweDialectOf } from '../domains/swe/index.js';
import { presentTerminusTurn, terminusIncrementalOutput } from '../domains/terminal/index.js';

/** The agent's action as an assistant message: a string as it is, anything else as pretty JSON. */
export function renderAgentAction(action: unknown): string {
  return typeof action === 'string' ? action : JSON.stringify(action, null, 2);
}

/**
 * An observation as the agent's harness shows it: Terminus-2's screen message for terminal worlds in the
 * terminus dialect, the SWE dialect's presentation for swe worlds, the observation itself elsewhere.
 */
export function presentToAgent(record: SessionRecord, observation: string): string {
  const { spec } = record;
  if (spec.domain === 'terminal' && spec.dialect === 'terminus') {
    const terminalOutput = terminusIncrementalOutput({
      previousBuffer: undefined,
      currentBuffer: observation,
      visibleScreen: observation,
    });
    return (
      presentTerminusTurn({ terminalOutput, taskComplete: false, pendingCompletion: false }).prompt ??
      terminalOutput
    );
  }
  if (spec.domain === 'swe') return presentSweObservation(sweDialectOf(spec), observation);
  return observation;
}

/**
 * The session from the agent's side, one chat per session: the task with the first observation as the first
 * user message, then each kept turn's action (assistant) and what the harness showed back (user). The chat ends
 * on the last kept action; turns after the first one left out by the filter are dropped (the agent never saw a
 * history without them).
 */
export function agentSftChat(record: SessionRecord, keep: ReadonlySet<number>): ChatMessage[] | undefined {
  const task = record.spec.task;
  const first = presentToAgent(record, record.initialObservation);
  const messages: ChatMessage[] = [
    { role: 'user', content: task === undefined ? first : `${task}\n\n${first}` },
  ];
  let previous: string | undefined;
  for (const turn of record.turns) {
    if (!keep.has(turn.index)) break;
    if (previous !== undefined) messages.push({ role: 'user', content: presentToAgent(record, previous) });
    messages.push({ role: 'assistant', content: renderAgentAction(turn.action) });
    previous = turn.observation;
  }
  return messages.length > 1 ? messages : undefined;
}
