import type { ResolvedTarget } from './world-target.js';

/*
 * The no-leakage rule of search worlds, applied to the facts before they reach the world model (what it is
 * never told, it cannot give away):
 * - a multi-part answer: the facts handed over on one turn — every result together, headings included —
 *   never mention every part of the answer; a fact that would complete it is held back;
 * - a one-part answer: search snippets never mention it; an opened page may (that is where research ends).
 * A part is mentioned when its words appear in the text as whole words (case and punctuation ignored).
 */

/** Text reduced to lower-case words separated by single spaces, padded so whole words can be matched. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Whether `text` mentions `part` as whole words. */
export function mentionsPart(text: string, part: string): boolean {
  const wanted = words(part);
  return wanted.trim().length > 0 && words(text).includes(wanted);
}

/** The indexes of the answer parts that `text` mentions. */
export function partsMentioned(text: string, parts: readonly string[]): Set<number> {
  const found = new Set<number>();
  parts.forEach((part, index) => {
    if (mentionsPart(text, part)) found.add(index);
  });
  return found;
}

/** A result (search snippet source or opened page) before the rule: its heading and its facts. */
export interface DraftResult {
  readonly heading: string;
  readonly facts: readonly string[];
}

/** `snippet`: results of a web_search; `page`: the content of an opened page. */
export type LeakMode = 'snippet' | 'page';

export interface GuardedResults<Result extends DraftResult> {
  /** The results kept, each with its extra fields and the facts it may show. */
  readonly results: Result[];
  /** Facts (counting those of whole results dropped) held back by the rule. */
  readonly heldBack: number;
}

function union(...sets: ReadonlyArray<ReadonlySet<number>>): Set<number> {
  const all = new Set<number>();
  for (const set of sets) for (const value of set) all.add(value);
  return all;
}

/**
 * Applies the no-leakage rule to one turn's results, in order, keeping at most `maxFacts` facts per result
 * (the first that pass); results left without facts are dropped.
 */
export function guardResults<Result extends DraftResult>(
  results: readonly Result[],
  target: ResolvedTarget | undefined,
  mode: LeakMode,
  maxFacts = Number.POSITIVE_INFINITY,
): GuardedResults<Result> {
  const parts = target?.parts ?? [];
  const single = parts.length === 1;
  const unguarded = parts.length === 0 || (single && mode === 'page');
  const completes = (mentioned: ReadonlySet<number>): boolean =>
    !unguarded && (single ? mentioned.size > 0 : mentioned.size >= parts.length);
  let turnMentioned = new Set<number>();
  let heldBack = 0;
  const kept: Result[] = [];
  for (const result of results) {
    const headingMentioned = partsMentioned(result.heading, parts);
    if (completes(union(turnMentioned, headingMentioned))) {
      heldBack += Math.min(result.facts.length, maxFacts);
      continue;
    }
    let resultMentioned = union(turnMentioned, headingMentioned);
    const facts: string[] = [];
    for (const fact of result.facts) {
      if (facts.length >= maxFacts) break;
      const next = union(resultMentioned, partsMentioned(fact, parts));
      if (completes(next)) {
        heldBack += 1;
        continue;
      }
      facts.push(fact);
      resultMentioned = next;
    }
    if (facts.length === 0) continue;
    kept.push({ ...result, facts });
    turnMentioned = resultMentioned;
  }
  return { results: kept, heldBack };
}
