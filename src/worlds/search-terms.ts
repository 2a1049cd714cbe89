/*
 * How text is cut into search terms. Words that carry no meaning for retrieval are dropped: common English
 * function words, question words, and the words every rendered action or URL contains (`name`, `arguments`,
 * `https` …), so an action's JSON or a page address retrieves by what it is about.
 */

const STOP_WORDS = new Set(
  [
    // English function and question words
    'a an and are as at be been but by can did do does for from had has have how i if in into is it its of on',
    'or so than that the their them then there these they this those to was were what when where which who',
    'whom whose why will with would you your about after all also any before both each more most other over',
    'same some such through under until very via',
    // Words of rendered actions, tool calls and addresses
    'name arguments argument query queries url urls goal json tool tools http https www com org net html htm',
    'php asp aspx index page pages example',
  ]
    .join(' ')
    .split(' '),
);

/** A term as indexed and searched: lower-cased; stop words and lone letters dropped (lone digits stay). */
export function processSearchTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  if (lower.length === 1 && !/\d/.test(lower)) return null;
  return lower;
}

/** A URL as searchable words: scheme, punctuation and path separators become spaces. */
export function urlWords(url: string): string {
  return url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A URL reduced for comparison: no scheme, no `www.`, no trailing slash, lower case. */
export function normalisedUrl(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[/#?]+$/, '')
    .toLowerCase();
}
