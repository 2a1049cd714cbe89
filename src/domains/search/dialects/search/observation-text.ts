/*
 * Small text heuristics the checks share. They are deliberately forgiving: a check that fails a realistic
 * observation is worse than one that misses a wrong one.
 */

const NO_RESULTS =
  /\bno (?:search )?results\b|\bno matching\b|did not match any|nothing (?:was )?found|\b0 results\b|found no\b|returned no\b|no pages? (?:were |was )?found/i;

const ERROR_WORDS =
  /\berror\b|\bfail(?:ed|ure|s)?\b|timed? ?out|\btimeout\b|unavailable|rate.?limit|too many requests|forbidden|access denied|\b(?:4\d\d|5\d\d)\b|could ?n[o']t|cannot|can't|unable to|unreachable|refused|not found|invalid|denied|blocked/i;

/** A search answer that is a "nothing found" message rather than results. */
export function looksLikeNoResults(text: string): boolean {
  return NO_RESULTS.test(text);
}

/** Short text that reads like a tool or HTTP error. Long pages are never taken for errors. */
export function looksLikeErrorMessage(text: string, maxLength = 600): boolean {
  return text.trim().length <= maxLength && ERROR_WORDS.test(text);
}

/** Lower case, accents removed, whitespace collapsed: the form texts are compared in. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

const STOP_WORDS = new Set(
  (
    'the and for with from that this what which when where who how why are was were has have had not but you your ' +
    'its his her their our all any can will one two new more most about into over than then also only page home ' +
    'official site website www com org net html php index'
  ).split(' '),
);

const WIDE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The words of a title worth looking for in the page: three characters or more and not a stop word. Text in
 * scripts written without spaces (Chinese, Japanese, Korean) gives its two-character runs instead.
 */
export function significantWords(title: string): string[] {
  const words = new Set<string>();
  for (const token of foldText(title).match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (WIDE_SCRIPT.test(token)) {
      const characters = [...token];
      if (characters.length === 1) continue;
      for (let start = 0; start + 1 < characters.length; start += 1) {
        words.add(`${characters[start]}${characters[start + 1]}`);
      }
    } else if ([...token].length >= 3 && !STOP_WORDS.has(token)) {
      words.add(token);
    }
  }
  return [...words];
}

/**
 * Whether a stored memory value shows up in a tool's text. Strings match as written or JSON-escaped; numbers
 * and booleans by their text; objects and lists when every string and number inside them appears.
 */
export function valueAppearsIn(value: unknown, text: string): boolean {
  const folded = text.replace(/\s+/g, ' ');
  return leavesOf(value).every((leaf) => leafAppears(leaf, folded));
}

function leavesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leavesOf);
  return [value];
}

function leafAppears(leaf: unknown, text: string): boolean {
  if (typeof leaf === 'string') {
    const plain = leaf.replace(/\s+/g, ' ');
    const escaped = JSON.stringify(leaf).slice(1, -1).replace(/\s+/g, ' ');
    return plain.trim() === '' || text.includes(plain) || text.includes(escaped);
  }
  if (typeof leaf === 'number' || typeof leaf === 'bigint') return text.includes(String(leaf));
  if (typeof leaf === 'boolean') return new RegExp(`\\b${leaf}\\b`, 'i').test(text);
  if (leaf === null) return /\bnull\b|\bNone\b/.test(text);
  return true;
}
