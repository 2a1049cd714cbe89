/**
 * The judge's two messages for one answered row (spec §2.1): the domain's system prompt, and the user template
 * filled with four blocks — the earlier turns (raw, markers kept), the judged turn's action without the
 * instruction suffix (`current_prompt`, else the last prompt), the extracted prediction, and the ground truth
 * with its observation marker removed. One deliberate difference from the reference (spec §5.7): prediction
 * and ground truth are fenced with more backticks than either contains, so an observation's own code fences
 * cannot end the block early.
 */
import { OBSERVATION_MARKER } from '../../core/messages.js';
import type { InferLine } from '../schemas.js';
import type { JudgePromptSet } from './prompt-set.js';

export interface JudgeMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

/** The reference's `clean_response_marker`: a leading marker (and its line break) goes, else every occurrence. */
export function removeObservationMarker(text: string): string {
  if (text.startsWith(OBSERVATION_MARKER))
    return text.slice(OBSERVATION_MARKER.length).replace(/^[ \t]*\r?\n/, '');
  return text.split(OBSERVATION_MARKER).join('');
}

/** A code fence longer than any run of backticks inside `text`. */
export function fenced(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}\n${fence}`;
}

export interface JudgeBlocks {
  readonly context: string;
  readonly world_model_input: string;
  readonly predicted_observation: string;
  readonly ground_truth: string;
}

/** The four blocks of the user message; undefined when the row has no ground truth at its turn. */
export function judgeBlocks(line: InferLine): JudgeBlocks | undefined {
  const turn = line.turn_idx - 1;
  const truth = line.response[turn];
  if (truth === undefined) return undefined;
  let context = '';
  if (turn > 0) {
    const earlier: string[] = [];
    for (let index = 0; index < turn; index++)
      earlier.push(`${line.prompt[index] ?? ''}\n${line.response[index] ?? ''}\n\n`);
    context = `# The session so far (earlier turns)\n\n${earlier.join('')}`;
  }
  const action = line.current_prompt !== '' ? line.current_prompt : (line.prompt[turn] ?? '');
  return {
    context,
    world_model_input: `# The turn being judged\n\n${action}`,
    predicted_observation: `**Simulated observation (world model output):**\n${fenced(line.prediction)}`,
    ground_truth: `**Real observation (ground truth):**\n${fenced(removeObservationMarker(truth))}`,
  };
}

/** Fills a user template's four placeholders (other braces, such as literal JSON, are left alone). */
export function fillUserTemplate(template: string, blocks: JudgeBlocks): string {
  // One pass, so a block whose text happens to hold a placeholder is never filled again.
  return template
    .replace(
      /\{(context|world_model_input|predicted_observation|ground_truth)\}/g,
      (_match, name: keyof JudgeBlocks) => blocks[name],
    )
    .trim();
}

/** The judge's messages for a row (a system message only when the domain has a system prompt). */
export function judgeMessages(line: InferLine, prompts: JudgePromptSet): JudgeMessage[] | undefined {
  const blocks = judgeBlocks(line);
  if (blocks === undefined) return undefined;
  const system = prompts.systemPrompt(line.task);
  const user: JudgeMessage = { role: 'user', content: fillUserTemplate(prompts.userTemplate, blocks) };
  return system === '' ? [user] : [{ role: 'system', content: system }, user];
}
