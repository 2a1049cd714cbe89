import type { SeededRandom } from './random.js';

const SAFE_WORD = /^[A-Za-z0-9._\-/+=:@,%^]+$/;
const SAFE_IN_DOUBLE_QUOTES = /^[^"\\$`!]*$/;

/** One shell word for `text`: as it is when nothing in it is special, else in single quotes. */
export function quoteWord(text: string): string {
  if (text !== '' && SAFE_WORD.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Like `quoteWord`, but a word that needs quoting gets one of the styles people type: single quotes, double
 * quotes or backslashes before spaces.
 */
export function quoteWordVaried(text: string, random: SeededRandom): string {
  if (text !== '' && SAFE_WORD.test(text)) return text;
  if (SAFE_IN_DOUBLE_QUOTES.test(text) && random.chance(0.35)) return `"${text}"`;
  if (/^[A-Za-z0-9._\-/+=:@,%^ ]+$/.test(text) && random.chance(0.25)) return text.replace(/ /g, '\\ ');
  return quoteWord(text);
}

/** Text placed in a printf format string: `%` doubled (the vocabulary never produces backslashes). */
export function printfFormatText(text: string): string {
  return text.replace(/%/g, '%%');
}

/** Single-quoted text for a printf format or an echo argument. */
export { singleQuoted } from '../../engines/real/terminal/single-quoted.js';
