/**
 * Guards for text the agent controls (keystrokes, tool arguments, typed text, file contents …) and for
 * environment text that may repeat it, before it is placed in a world-model prompt.
 *
 * The rule is one invisible character: U+200D ZERO WIDTH JOINER (`GUARD_JOINER`) inserted at a fixed place in a
 * sequence the prompt layout gives a meaning to, so the sequence no longer reads as layout while the text stays
 * readable. Nothing else changes, so ordinary text renders byte for byte as before, and the same input always
 * gives the same output (the server's prefix cache depends on it).
 *
 * - Tags (`guardTags`, everywhere, fenced text included): a `<` that opens `think` or `predicted_observation`
 *   (any letter case, an optional `/`, optional spaces or tabs around it; `<thinking>` is left alone) gets one
 *   joiner right after it: `</think>` becomes `<` + U+200D + `/think>`.
 * - Layout lines (`guardUntrustedText`, for text placed outside a code fence, such as a state section): one joiner
 *   after the first character (after any indentation) of a line that starts
 *   - a turn heading: `#` to `######` then `Turn` (`### Turn 9`),
 *   - a bold section heading: `**Name:**` or `**Name**:` (`**Action:**`, `**Environment Observation:**`,
 *     `**Simulation Control:**`, `**Current State:**` …),
 *   - a control header: `Simulation control …` / `Simulation instructions …`,
 *   - a code fence (three or more backticks or tildes) that nothing closes, which would otherwise swallow the
 *     rest of the prompt. A line starts after any line ending CommonMark knows (`\n`, `\r\n`, a lone `\r`) and
 *     after U+2028 / U+2029. Fences that open and close inside the text (a Playwright snapshot's yaml block) stay.
 *
 * Reversible: where a guarded sequence already has joiners at that place, the guard adds one more (a fence-like
 * line with a joiner is no fence, and always gets one more), and the restore functions remove exactly one from
 * every such place, so `restore(guard(x)) === x` for every string.
 */

/** The invisible character the guards insert (U+200D ZERO WIDTH JOINER). */
export const GUARD_JOINER = '\u200D';

const J = GUARD_JOINER;
const TAG_NAMES = '(?:predicted_observation|think)(?![A-Za-z0-9_-])';
const TAG_GUARD = new RegExp(`<(${J}*[ \\t]*\\/?[ \\t]*${TAG_NAMES})`, 'gi');
const TAG_RESTORE = new RegExp(`<${J}(${J}*[ \\t]*\\/?[ \\t]*${TAG_NAMES})`, 'gi');

/**
 * Layout lines guarded wherever they are, in their unguarded (any number of joiners after the first character)
 * and guarded (at least one) forms. JavaScript's multiline `^` also matches after `\r`, U+2028 and U+2029, which
 * a model may read as line breaks too.
 */
const TURN_HEADING = `#${J}{joiners}#{0,5}[ \\t]*turn(?![A-Za-z])`;
const BOLD_HEADING = `\\*${J}{joiners}\\*[^*\\r\\n\\u2028\\u2029]+?(?::\\*\\*|\\*\\*:)`;
const CONTROL_HEADER = `s${J}{joiners}imulation[ \\t]+(?:control|instructions?)(?![A-Za-z])`;
/** A fence-like line that already has a joiner is no fence; it always gets one more, to stay reversible. */
const JOINED_FENCE = `(?<fence>[\`~])${J}+\\k<fence>\\k<fence>`;

/** All layout lines in one pattern (one pass over the text), in their unguarded or guarded form. */
function layoutLines(joiners: '*' | '+'): RegExp {
  const forms = [TURN_HEADING, BOLD_HEADING, CONTROL_HEADER].map((source) =>
    source.replace('{joiners}', joiners),
  );
  return new RegExp(`^[ \\t]*(?:${[...forms, JOINED_FENCE].join('|')})`, 'gim');
}

const GUARD_LINES = layoutLines('*');
const RESTORE_LINES = layoutLines('+');

/**
 * Every line ending CommonMark knows (`\r\n`, a lone `\r`, `\n`), plus U+2028 and U+2029, which the layout-line
 * patterns above treat as line starts too; captured, so a split keeps the endings.
 */
const LINE_ENDING = /(\r\n|\r|\n|\u2028|\u2029)/;

/** A code fence line: its indentation, its run of backticks or tildes, and the rest (the info string). */
const FENCE_LINE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

function insertJoiner(match: string): string {
  const at = match.length - match.trimStart().length + 1;
  return `${match.slice(0, at)}${J}${match.slice(at)}`;
}

function removeJoiner(match: string): string {
  const at = match.length - match.trimStart().length + 1;
  return `${match.slice(0, at)}${match.slice(at + 1)}`;
}

/** The indexes of the lines that open a code fence nothing closes (CommonMark's pairing, any indentation). */
function unclosedFenceOpeners(lines: readonly string[]): number[] {
  const unclosed: number[] = [];
  let start = 0;
  for (;;) {
    let open: { index: number; char: string; length: number } | undefined;
    for (let index = start; index < lines.length; index++) {
      const match = FENCE_LINE.exec(lines[index] as string);
      if (match === null) continue;
      const run = match[2] as string;
      const info = match[3] as string;
      if (open === undefined) {
        // A backtick fence's info string has no backtick; otherwise the line is inline code, not a fence.
        if (!(run.startsWith('`') && info.includes('`')))
          open = { index, char: run[0] as string, length: run.length };
      } else if (run[0] === open.char && run.length >= open.length && info.trim() === '') {
        open = undefined;
      }
    }
    if (open === undefined) return unclosed;
    // Everything before this opener pairs up; once it is guarded, pairing starts again after it.
    unclosed.push(open.index);
    start = open.index + 1;
  }
}

/** Makes `<think>`, `</think>`, `<predicted_observation>` and `</predicted_observation>` inert (see above). */
export function guardTags(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(TAG_GUARD, `<${J}$1`);
}

/** The inverse of `guardTags`. */
export function restoreTags(text: string): string {
  if (!text.includes(`<${J}`)) return text;
  return text.replace(TAG_RESTORE, '<$1');
}

/**
 * Guards text placed outside a code fence: tags, plus turn headings, section headings, control headers and
 * unclosed code fences at the start of a line (see above).
 */
export function guardUntrustedText(text: string): string {
  let guarded = guardTags(text);
  guarded = guarded.replace(GUARD_LINES, insertJoiner);
  if (!guarded.includes('``') && !guarded.includes('~~')) return guarded;
  // Lines and their endings alternate: [line, ending, line, …], so joining them gives the text back exactly.
  const parts = guarded.split(LINE_ENDING);
  const lines = parts.filter((_, index) => index % 2 === 0);
  const unclosed = unclosedFenceOpeners(lines);
  if (unclosed.length === 0) return guarded;
  for (const index of unclosed) parts[index * 2] = insertJoiner(lines[index] as string);
  return parts.join('');
}

/** The inverse of `guardUntrustedText`. */
export function restoreUntrustedText(text: string): string {
  if (!text.includes(J)) return text;
  let restored = text;
  restored = restored.replace(RESTORE_LINES, removeJoiner);
  return restoreTags(restored);
}
