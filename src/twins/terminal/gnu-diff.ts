/**
 * GNU `diff FILE1 FILE2` in its normal format, for the differences whose hunks every minimal diff agrees on:
 * identical ends are skipped (as GNU's find_identical_ends does), and when the lines left on the two sides have
 * none in common the change is one hunk (`3c3,4`, `4d3`, `0a1`). Anything else (lines in common inside the
 * changed part, options, directories, binary files) is declined.
 */
import { defineCommand } from 'just-bash';
import { resolvePath } from '../../domains/terminal/paths.js';
import { twinDeclined } from './gnu-system-commands.js';

/** Lines with their newline kept (a last line without one differs from the same text with one). */
function linesOf(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

const range = (start: number, count: number): string =>
  count <= 1 ? String(start + 1) : `${start + 1},${start + count}`;

function shown(marker: string, lines: readonly string[]): string {
  return lines
    .map((line) =>
      line.endsWith('\n') ? `${marker} ${line}` : `${marker} ${line}\n\\ No newline at end of file\n`,
    )
    .join('');
}

/** The normal-format diff of two texts, or undefined when the twin cannot be sure of GNU's hunks. */
export function normalDiff(left: string, right: string): string | undefined {
  const a = linesOf(left);
  const b = linesOf(right);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const removed = a.slice(prefix, a.length - suffix);
  const added = b.slice(prefix, b.length - suffix);
  if (removed.length === 0 && added.length === 0) return '';
  const common = new Set(removed.map((line) => line.replace(/\n$/, '')));
  if (added.some((line) => common.has(line.replace(/\n$/, '')))) return undefined;
  if (added.length === 0) return `${range(prefix, removed.length)}d${prefix}\n${shown('<', removed)}`;
  if (removed.length === 0) return `${prefix}a${range(prefix, added.length)}\n${shown('>', added)}`;
  return `${range(prefix, removed.length)}c${range(prefix, added.length)}\n${shown('<', removed)}---\n${shown('>', added)}`;
}

export const gnuDiff = defineCommand('diff', async (args, context) => {
  if (args.length !== 2 || args.some((arg) => arg.startsWith('-')))
    return twinDeclined('diff with options or other than two files');
  const texts: string[] = [];
  for (const operand of args) {
    const path = resolvePath(context.cwd, operand);
    let stat: Awaited<ReturnType<typeof context.fs.stat>>;
    try {
      stat = await context.fs.stat(path);
    } catch {
      return { stdout: '', stderr: `diff: ${operand}: No such file or directory\n`, exitCode: 2 };
    }
    if (!stat.isFile) return twinDeclined('diff of a directory or special file');
    const bytes = await context.fs.readFileBuffer(path);
    if (bytes.includes(0)) return twinDeclined('diff of a binary file');
    texts.push(Buffer.from(bytes).toString('utf8'));
  }
  const output = normalDiff(texts[0] ?? '', texts[1] ?? '');
  if (output === undefined) return twinDeclined('diff with lines in common inside the change');
  return { stdout: output, stderr: '', exitCode: output === '' ? 0 : 1 };
});
