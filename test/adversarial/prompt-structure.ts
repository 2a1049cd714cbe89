/**
 * An independent reading of a turn's user message, the way a model (or a Markdown reader) sees its layout: turn
 * headings, bold section headings and code fences, with CommonMark's fence pairing (a fence closes on a line of
 * the same character, at least as long, with nothing after it). Lines end where CommonMark ends them: at `\n`,
 * `\r\n` or a lone `\r` (and, to be strict, at U+2028 / U+2029, which a model may read as breaks). Written here, not imported, so the tests do not
 * judge the renderer with its own code.
 */

export interface FencedBlock {
  /** Line index of the opening fence. */
  readonly open: number;
  /** Line index of the closing fence. */
  readonly close: number;
  readonly info: string;
  /** The text between the fences, with its own line endings. */
  readonly body: string;
}

export interface PromptLayout {
  readonly lines: readonly string[];
  /** The line ending after each line (`''` after the last). */
  readonly endings: readonly string[];
  /** Lines outside fences that read as a turn heading (`### Turn N`, any heading level, any indentation). */
  readonly turnHeadings: readonly { readonly line: number; readonly text: string }[];
  /** Bold headings outside fences (`**Name:**` or `**Name**:` alone on their line), by name. */
  readonly headings: readonly { readonly line: number; readonly name: string }[];
  readonly fences: readonly FencedBlock[];
  /** Line index of a fence left open at the end, if any. */
  readonly unclosedFence: number | undefined;
  /** Every line outside fences, joined. */
  readonly outside: string;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const TURN_HEADING = /^[ \t]*#{1,6}[ \t]*Turn\b/i;
const BOLD_HEADING = /^[ \t]*\*\*([^*]+?)(?::\*\*|\*\*:)[ \t]*$/;

const LINE_ENDING = /(\r\n|\r|\n|\u2028|\u2029)/;

export function readPromptLayout(content: string): PromptLayout {
  const parts = content.split(LINE_ENDING);
  const lines = parts.filter((_, index) => index % 2 === 0);
  const endings = lines.map((_, index) => parts[index * 2 + 1] ?? '');
  const between = (first: number, last: number): string =>
    lines
      .slice(first, last)
      .map((line, offset) => (first + offset < last - 1 ? `${line}${endings[first + offset]}` : line))
      .join('');
  const turnHeadings: { line: number; text: string }[] = [];
  const headings: { line: number; name: string }[] = [];
  const fences: FencedBlock[] = [];
  const outside: string[] = [];
  let open: { line: number; char: string; length: number; info: string } | undefined;
  lines.forEach((line, index) => {
    const fence = FENCE.exec(line);
    if (open !== undefined) {
      const run = fence?.[1];
      if (
        run !== undefined &&
        run[0] === open.char &&
        run.length >= open.length &&
        (fence?.[2] ?? '').trim() === ''
      ) {
        fences.push({
          open: open.line,
          close: index,
          info: open.info,
          body: between(open.line + 1, index),
        });
        open = undefined;
      }
      return;
    }
    const run = fence?.[1];
    const info = fence?.[2] ?? '';
    if (run !== undefined && !(run.startsWith('`') && info.includes('`'))) {
      open = { line: index, char: run[0] as string, length: run.length, info: info.trim() };
      return;
    }
    outside.push(line);
    if (TURN_HEADING.test(line)) turnHeadings.push({ line: index, text: line });
    const bold = BOLD_HEADING.exec(line);
    if (bold !== null) headings.push({ line: index, name: (bold[1] as string).trim() });
  });
  return {
    lines,
    endings,
    turnHeadings,
    headings,
    fences,
    unclosedFence: open?.line,
    outside: outside.join('\n'),
  };
}

/** The fenced block right after the `**Action:**` heading. */
export function actionBlock(layout: PromptLayout): FencedBlock | undefined {
  const action = layout.headings.find((heading) => heading.name === 'Action');
  if (action === undefined) return undefined;
  return layout.fences.find((block) => block.open === action.line + 1);
}
