/**
 * How a world model reading messages (`lwm`) is given retrieved demonstrations: one headed block in the newest
 * user message (`withNoteInNewestUserMessage`), as the hybrid engine adds its twin's note.
 */
import type { PredictRequest } from '../../core/engine.js';
import { fence } from '../../core/messages.js';
import { withNoteInNewestUserMessage } from '../../core/request-note.js';
import { guardTags } from '../../core/untrusted-text.js';
import type { RecordedTransition } from './transition.js';

/** The heading of the block, for people reading prompts and for tests. */
export const DEMONSTRATIONS_HEADING =
  'Demonstrations (real transitions recorded in other sessions of this world)';

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** The text cut to at most `maxBytes` UTF-8 bytes, at the last line end that fits when there is one. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let cut = text.slice(0, maxBytes);
  while (utf8Bytes(cut) > maxBytes) cut = cut.slice(0, -1);
  const lineEnd = cut.lastIndexOf('\n');
  return lineEnd > 0 ? cut.slice(0, lineEnd + 1) : cut;
}

/** One demonstration as the block shows it; a cut observation says so outside its fence. */
export function renderDemonstration(
  position: number,
  transition: RecordedTransition,
  maxObservationBytes: number,
): string {
  const observation = cutToBytes(transition.observation, maxObservationBytes);
  const whole = utf8Bytes(transition.observation);
  const shown =
    observation === transition.observation
      ? 'Observation:'
      : `Observation (its first ${utf8Bytes(observation)} of ${whole} bytes):`;
  return [
    `Demonstration ${position} (${transition.id}), state before: ${guardTags(transition.stateText)}`,
    'Action:',
    transition.renderedAction,
    shown,
    fence(observation),
  ].join('\n');
}

/** The rendered block and the transitions it holds (those that fit the byte budget, best first). */
export interface DemonstrationBlock {
  readonly text: string;
  readonly used: readonly RecordedTransition[];
}

/**
 * The block for the given transitions (best first): each one that still fits `maxBytes` is added, the others
 * are left out. Undefined when none fits.
 */
export function renderDemonstrationBlock(
  transitions: readonly RecordedTransition[],
  maxBytes: number,
  maxObservationBytes: number,
): DemonstrationBlock | undefined {
  const intro = [
    `**${DEMONSTRATIONS_HEADING}:**`,
    'How the real environment answered actions like this one elsewhere. They show its formats and behaviour;',
    'they are not part of this session, whose own state decides the answer.',
  ].join('\n');
  const used: RecordedTransition[] = [];
  let text = intro;
  for (const transition of transitions) {
    const next = `${text}\n\n${renderDemonstration(used.length + 1, transition, maxObservationBytes)}`;
    if (utf8Bytes(next) > maxBytes) continue;
    text = next;
    used.push(transition);
  }
  return used.length === 0 ? undefined : { text, used };
}

/** The request with the block added to its newest user message (a new request; the original is unchanged). */
export function withDemonstrationMessages(request: PredictRequest, block: string): PredictRequest {
  return withNoteInNewestUserMessage(request, block);
}
