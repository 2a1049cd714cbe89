import { type ChatMessage, OBSERVATION_TAG, renderObservationMessage } from '../core/messages.js';
import type { SessionRecord } from '../core/turn.js';
import { worldModelPrompts } from './world-model-prompt.js';

/** The answer a world model is trained to give: the observation alone inside the tags our engines parse. */
export function worldModelTarget(observation: string): string {
  return `<${OBSERVATION_TAG}>${observation}</${OBSERVATION_TAG}>`;
}

/**
 * Turn expansion: one training chat per given turn k, the messages the session engine sent for turn k (system
 * prompt, turns 1..k-1 with their observations, turn k's user message) followed by turn k's observation as the
 * assistant target.
 */
export function worldModelChats(record: SessionRecord, turnIndices: readonly number[]): ChatMessage[][] {
  const prompts = worldModelPrompts(record);
  const base: ChatMessage[] =
    prompts.systemPrompt.length > 0 ? [{ role: 'system', content: prompts.systemPrompt }] : [];
  return turnIndices.map((turnIdx) => {
    const messages = [...base];
    for (const turn of record.turns.slice(0, turnIdx - 1)) {
      messages.push({ role: 'user', content: turn.prompt });
      messages.push({ role: 'assistant', content: renderObservationMessage(turn.observation) });
    }
    const newest = prompts.newestMessages[turnIdx - 1];
    const target = record.turns[turnIdx - 1];
    if (newest === undefined || target === undefined) {
      throw new RangeError(`Session ${record.id} has no turn ${turnIdx}.`);
    }
    messages.push(newest, { role: 'assistant', content: worldModelTarget(target.observation) });
    return messages;
  });
}
