/*
 * Line-level edits of a web_search observation (`[k] url` / `Title:` / `Snippet:` / `Date:` blocks), leaving
 * every other line, the numbering and the blank lines between blocks as they are.
 */

const RESULT_HEAD = /^\s*\[(\d+)\]\s*(.*)$/;
const FIELD = /^(\s*)(Title|Snippet|Date)(\s*:\s?)(.*)$/i;

export type ResultFieldName = 'title' | 'snippet' | 'date';

export interface ResultField {
  /** 0-based position of the result block. */
  readonly block: number;
  readonly field: ResultFieldName;
  readonly value: string;
}

export interface FieldRewrite {
  /** The new value of a field, or undefined to keep it. */
  readonly rewrite: (field: ResultField) => string | undefined;
  /** A `Date:` value for blocks that have no Date line (none is added when omitted). */
  readonly missingDate?: (block: number) => string;
}

export function rewriteResultFields(observation: string, edit: FieldRewrite): string {
  const output: string[] = [];
  let block = -1;
  let sawDate = false;
  let lastContent = -1;
  const finishBlock = (): void => {
    if (block < 0 || sawDate || edit.missingDate === undefined) return;
    output.splice(lastContent + 1, 0, `Date: ${edit.missingDate(block)}`);
  };
  for (const line of observation.split('\n')) {
    if (RESULT_HEAD.test(line)) {
      finishBlock();
      block += 1;
      sawDate = false;
      output.push(line);
      lastContent = output.length - 1;
      continue;
    }
    const field = FIELD.exec(line);
    if (block >= 0 && field !== null) {
      const name = (field[2] as string).toLowerCase() as ResultFieldName;
      if (name === 'date') sawDate = true;
      const replaced = edit.rewrite({ block, field: name, value: field[4] as string });
      output.push(replaced === undefined ? line : `${field[1]}${field[2]}${field[3]}${replaced}`);
      lastContent = output.length - 1;
      continue;
    }
    output.push(line);
    if (block >= 0 && line.trim().length > 0 && !line.trim().startsWith('```'))
      lastContent = output.length - 1;
  }
  finishBlock();
  return output.join('\n');
}

/** The four-digit year of a `Date:` value such as `Mar 3, 2021` or `2021-03-03`; undefined for N/A. */
export function yearOf(date: string | undefined): number | undefined {
  const match = /\b(1[89]\d\d|2\d\d\d)\b/.exec(date ?? '');
  return match === null ? undefined : Number(match[1]);
}
