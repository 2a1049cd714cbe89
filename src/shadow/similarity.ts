import { distance } from 'fastest-levenshtein';

/**
 * Above this product of lengths the character-level distance costs too much (it grows with both lengths), so
 * the similarity is measured on whole lines instead: each line that differs counts as that many edits.
 */
const CHARACTER_WORK_LIMIT = 4_000_000_000;

/**
 * Edit similarity of two observations: 1 − Levenshtein distance / the longer length, in [0, 1] (1 for two equal
 * strings, two empty ones included). Very long pairs fall back to a line-level estimate (see above).
 */
export function editSimilarity(primary: string, shadow: string): number {
  if (primary === shadow) return 1;
  const longer = Math.max(primary.length, shadow.length);
  // A shared prefix and suffix cost no edits: the distance of what lies between them is the whole distance.
  const [left, right] = withoutCommonEnds(primary, shadow);
  if (left.length * right.length <= CHARACTER_WORK_LIMIT) {
    return clamp(1 - distance(left, right) / longer);
  }
  return clamp(1 - lineEdits(primary, shadow) / longer);
}

/** Characters of the lines that one text has and the other lacks (a multiset comparison, order ignored). */
function lineEdits(primary: string, shadow: string): number {
  const counts = new Map<string, number>();
  for (const line of primary.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of shadow.split('\n')) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added += line.length + 1;
  }
  let removed = 0;
  for (const [line, left] of counts) removed += left * (line.length + 1);
  return Math.max(added, removed);
}

/** The two texts without their longest common prefix and suffix (UTF-16 units, as the distance counts them). */
function withoutCommonEnds(first: string, second: string): [string, string] {
  const shorter = Math.min(first.length, second.length);
  let start = 0;
  while (start < shorter && first.charCodeAt(start) === second.charCodeAt(start)) start += 1;
  let end = 0;
  while (
    end < shorter - start &&
    first.charCodeAt(first.length - 1 - end) === second.charCodeAt(second.length - 1 - end)
  ) {
    end += 1;
  }
  return [first.slice(start, first.length - end), second.slice(start, second.length - end)];
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
