/**
 * `wc` as GNU coreutils prints it (wc.c): lines, words, bytes in that order whatever the flags' order; every count
 * right-aligned to one width: 1 when one count of one operand is asked for (no stat), else the digits of the
 * regular files' total size, at least 7 when an input is not a regular file (standard input); a `total` line after
 * several files. A directory or an unreadable operand gives a text the twin has not verified (it declines).
 */

import { defineCommand, latin1FromBytes } from 'just-bash';
import { resolvePath } from '../../domains/terminal/paths.js';
import { splitShortOptions } from './short-options.js';

interface Counts {
  lines: number;
  words: number;
  bytes: number;
}

function countsOf(bytes: Uint8Array): Counts {
  let lines = 0;
  let words = 0;
  let inWord = false;
  for (const byte of bytes) {
    if (byte === 0x0a) lines++;
    // isspace in the C locale: space, \t \n \v \f \r.
    const space = byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return { lines, words, bytes: bytes.length };
}

export const gnuWc = defineCommand('wc', async (args, ctx) => {
  const { flags, operands } = splitShortOptions(args);
  if ([...flags].some((flag) => !'lwc'.includes(flag)) || operands.includes('-')) {
    return { stdout: '', stderr: 'wc: option or operand the twin has not verified\n', exitCode: 1 };
  }
  const shown = flags.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'c'].filter((flag) => flags.has(flag));
  const inputs: Array<{ name: string | undefined; counts: Counts; regularSize: number | undefined }> = [];
  let stderr = '';
  if (operands.length === 0) {
    inputs.push({
      name: undefined,
      counts: countsOf(Buffer.from(latin1FromBytes(ctx.stdin), 'latin1')),
      regularSize: undefined,
    });
  }
  for (const operand of operands) {
    const path = resolvePath(ctx.cwd, operand);
    try {
      const stat = await ctx.fs.stat(path);
      if (!stat.isFile) {
        stderr += `wc: ${operand}: not a regular file (unverified)\n`;
        continue;
      }
      const bytes = await ctx.fs.readFileBuffer(path);
      inputs.push({ name: operand, counts: countsOf(bytes), regularSize: bytes.length });
    } catch {
      stderr += `wc: ${operand}: No such file or directory\n`;
    }
  }
  if (stderr !== '' && inputs.length > 0) {
    // GNU's width then depends on the first operand's stat only; not verified.
    return { stdout: '', stderr: 'wc: missing file among several (unverified)\n', exitCode: 1 };
  }
  let width = 1;
  const oneCountOneInput = shown.length === 1 && Math.max(operands.length, 1) === 1;
  if (!oneCountOneInput && inputs.length > 0) {
    const total = inputs.reduce((sum, input) => sum + (input.regularSize ?? 0), 0);
    width = Math.max(String(total).length, inputs.some((input) => input.regularSize === undefined) ? 7 : 1);
  }
  const row = (counts: Counts, name: string | undefined): string => {
    const values = shown.map((flag) =>
      String(flag === 'l' ? counts.lines : flag === 'w' ? counts.words : counts.bytes).padStart(width),
    );
    return `${values.join(' ')}${name === undefined ? '' : ` ${name}`}\n`;
  };
  let stdout = inputs.map((input) => row(input.counts, input.name)).join('');
  if (inputs.length > 1) {
    const total = inputs.reduce(
      (sum, input) => ({
        lines: sum.lines + input.counts.lines,
        words: sum.words + input.counts.words,
        bytes: sum.bytes + input.counts.bytes,
      }),
      { lines: 0, words: 0, bytes: 0 },
    );
    stdout += row(total, 'total');
  }
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 };
});
