/**
 * Reading a judge's verdict in the real-vs-simulated test: which of the two responses, A or B, it says came from
 * the real environment. As tolerant as the reference's `extract_choice_answer` (spec §2.5): thinking removed,
 * the last `\boxed{…}` in any of its spellings wins, and plain phrases are the fallback.
 */
import { stripThinking } from '../../engines/lwm/extract.js';

export type Choice = 'A' | 'B';

/**
 * `\boxed{A}`, `\\boxed{A}`, `$\boxed{A}$`, bare `boxed{A}`, with spaces, lower case, `\text{A}`, `\mathrm{A}`,
 * or a word before the letter (`\boxed{Response A}`).
 */
const BOXED =
  /boxed\s*\{\s*(?:\\(?:text|textbf|mathrm|mathbf)\s*\{\s*)?(?:(?:response|option|answer|candidate)\s+)?([AaBb])\s*\}?\s*\}/gi;

const BOXED_START = /\\*boxed\s*\{/;

/**
 * Fallback phrases, the letter always upper case (so the article "a" never counts): "answer is A",
 * "answer: B", "Response A is the real one", "A is more likely real", "B seems more realistic",
 * "the real one is Response B", "I choose A", "final choice: B".
 */
const PHRASES: readonly RegExp[] = [
  /\b(?:answer|choice|verdict|decision|pick|selection)\s*(?:is|:|=|-)?\s*[*_"'`([]*(?:response|option|candidate)?\s*([AB])\b/gi,
  /\b(?:response|option|candidate|output)\s+([AB])\b[*_"'`)\]]*\s+(?:is|seems|looks|appears|was|comes)\b[^.\n]{0,40}?\b(?:real|genuine|authentic|actual|realistic|ground truth)/gi,
  /\b([AB])\b[*_"'`)\]]*\s+(?:is|seems|looks|appears)\s+(?:to\s+be\s+)?(?:the\s+)?(?:more\s+|most\s+)?(?:likely\s+)?(?:the\s+)?(?:real|genuine|authentic|actual|realistic)/g,
  /\b(?:real|genuine|authentic|actual)\s+(?:one|response|output|observation)\s+(?:is|was)\s*:?\s*[*_"'`([]*(?:response|option|candidate)?\s*([AB])\b/gi,
  /\b(?:i\s+)?(?:choose|select|pick)\s+[*_"'`([]*(?:response|option|candidate)?\s*([AB])\b/gi,
];

/** The letter of a match, upper-cased, when it is one; phrase matches must have been written upper case. */
function letterOf(match: RegExpMatchArray, caseSensitive: boolean): Choice | undefined {
  const letter = match[1];
  if (letter === undefined) return undefined;
  if (caseSensitive && letter !== 'A' && letter !== 'B') return undefined;
  const upper = letter.toUpperCase();
  return upper === 'A' || upper === 'B' ? upper : undefined;
}

/** The judge's choice, or undefined when the reply names none (or is empty once its thinking is removed). */
export function extractChoice(reply: string | null | undefined): Choice | undefined {
  if (reply === null || reply === undefined) return undefined;
  // An unclosed `<think>` runs to the first verdict after it (the reference's runs to the end and loses it).
  const visible = stripThinking(reply, BOXED_START).text;
  if (visible.trim() === '') return undefined;

  const boxed = [...visible.matchAll(BOXED)];
  for (let index = boxed.length - 1; index >= 0; index--) {
    const choice = letterOf(boxed[index] as RegExpMatchArray, false);
    if (choice !== undefined) return choice;
  }

  let best: { readonly at: number; readonly choice: Choice } | undefined;
  for (const pattern of PHRASES) {
    for (const match of visible.matchAll(pattern)) {
      const choice = letterOf(match, true);
      if (choice === undefined) continue;
      const at = match.index ?? 0;
      if (best === undefined || at >= best.at) best = { at, choice };
    }
  }
  return best?.choice;
}
