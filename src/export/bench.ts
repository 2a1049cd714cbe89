import { sha256 } from '../core/hash.js';
import { renderObservationMessage } from '../core/messages.js';
import type { SessionRecord } from '../core/turn.js';
import { type BenchRow, BenchRowSchema } from './schemas.js';
import { worldModelPrompts } from './world-model-prompt.js';

/** The spec's integer trajectory id for a session id: the first 52 bits of its sha256. */
export function benchTrajectoryId(sessionId: string): number {
  return Number.parseInt(sha256(sessionId).slice(0, 13), 16);
}

/**
 * AgentWorldBench rows for the given turns of a session. `prompt` and `response` cover turns 1..turn_idx; the
 * last prompt element is the evaluated turn's user message exactly as the session engine sent it (its trailing
 * turn instruction included), `current_prompt` the same without it, so eval.py's chat layout (spec §0.3)
 * rebuilds the very messages whose hash the turn's provenance records.
 */
export function benchRows(record: SessionRecord, turnIndices: readonly number[]): BenchRow[] {
  const prompts = worldModelPrompts(record);
  return turnIndices.map((turnIdx) => {
    const turns = record.turns.slice(0, turnIdx);
    const newest = prompts.newestMessages[turnIdx - 1];
    const current = turns[turnIdx - 1];
    if (newest === undefined || current === undefined) {
      throw new RangeError(`Session ${record.id} has no turn ${turnIdx}.`);
    }
    return BenchRowSchema.parse({
      task: record.spec.domain,
      id: benchTrajectoryId(record.id),
      prompt: [...turns.slice(0, -1).map((turn) => turn.prompt), newest.content],
      response: turns.map((turn) => renderObservationMessage(turn.observation)),
      current_prompt: current.prompt,
      system_str: prompts.systemPrompt,
      turn_idx: turnIdx,
      total_turns: record.turns.length,
    });
  });
}

/** The chat messages eval.py sends for a bench row (spec §0.3). */
export function benchRowMessages(
  row: BenchRow,
): Array<{ role: 'system' | 'user' | 'assistant'; content: string }> {
  const messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }> = [];
  if (row.system_str.length > 0) messages.push({ role: 'system', content: row.system_str });
  for (let j = 0; j < row.turn_idx - 1; j++) {
    messages.push({ role: 'user', content: row.prompt[j] ?? '' });
    messages.push({ role: 'assistant', content: row.response[j] ?? '' });
  }
  messages.push({ role: 'user', content: row.prompt[row.turn_idx - 1] ?? '' });
  return messages;
}
