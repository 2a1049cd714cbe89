/**
 * `sort` and `uniq` as GNU coreutils run them under LC_ALL=C (just-bash's differ: locale order, `uniq -c` width):
 * byte order, `-n` by leading number with the whole line as the last resort, `-r`, `-u`; `uniq -c` counts in 7
 * columns.
 */

import { decodeBytesToUtf8, defineCommand, type IFileSystem } from 'just-bash';
import { resolvePath } from '../../domains/terminal/paths.js';
import { splitShortOptions } from './short-options.js';

interface Input {
  readonly text: string;
  readonly error: string;
}

async function readInputs(
  program: string,
  fs: IFileSystem,
  cwd: string,
  operands: readonly string[],
  stdin: string,
  missing: (name: string) => string,
): Promise<Input> {
  if (operands.length === 0) return { text: stdin, error: '' };
  let text = '';
  let error = '';
  for (const operand of operands) {
    if (operand === '-') text += stdin;
    else {
      try {
        text += await fs.readFile(resolvePath(cwd, operand));
      } catch {
        error += `${program}: ${missing(operand)}\n`;
      }
    }
  }
  return { text, error };
}

const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const byteCompare = (left: string, right: string): number =>
  Buffer.compare(Buffer.from(left), Buffer.from(right));
const leadingNumber = (line: string): number => {
  const match = line.match(/^\s*(-?\d*\.?\d+)/);
  return match === null ? 0 : Number(match[1]);
};

export const gnuSort = defineCommand('sort', async (args, ctx) => {
  const { flags, operands } = splitShortOptions(args);
  const input = await readInputs('sort', ctx.fs, ctx.cwd, operands, decodeBytesToUtf8(ctx.stdin), (name) => {
    return `cannot read: ${name}: No such file or directory`;
  });
  if (input.error !== '') return { stdout: '', stderr: `${input.error.split('\n')[0]}\n`, exitCode: 2 };
  const numeric = flags.has('n');
  const keyCompare = (left: string, right: string): number =>
    numeric ? Math.sign(leadingNumber(left) - leadingNumber(right)) : byteCompare(left, right);
  const direction = flags.has('r') ? -1 : 1;
  let lines = linesOf(input.text).sort(
    (left, right) => direction * (keyCompare(left, right) || (numeric ? byteCompare(left, right) : 0)),
  );
  if (flags.has('u'))
    lines = lines.filter((line, index) => index === 0 || keyCompare(lines[index - 1] ?? '', line) !== 0);
  return { stdout: lines.map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
});

export const gnuUniq = defineCommand('uniq', async (args, ctx) => {
  const { flags, operands } = splitShortOptions(args);
  const input = await readInputs(
    'uniq',
    ctx.fs,
    ctx.cwd,
    operands.slice(0, 1),
    decodeBytesToUtf8(ctx.stdin),
    (name) => {
      return `${name}: No such file or directory`;
    },
  );
  if (input.error !== '') return { stdout: '', stderr: input.error, exitCode: 1 };
  let stdout = '';
  const lines = linesOf(input.text);
  for (let index = 0; index < lines.length; ) {
    const line = lines[index] ?? '';
    let count = 1;
    while (lines[index + count] === line) count++;
    stdout += flags.has('c') ? `${String(count).padStart(7)} ${line}\n` : `${line}\n`;
    index += count;
  }
  return { stdout, stderr: '', exitCode: 0 };
});
