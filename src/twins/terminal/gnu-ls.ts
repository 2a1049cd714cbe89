/**
 * `ls` as GNU coreutils prints it for names (no `-l`): C-locale byte order, `-a`/`-A`, files before directories,
 * `dir:` headers when several are listed, and, on a terminal, columns filled top to bottom across the pane's width.
 */
import type { IFileSystem } from 'just-bash';
import { resolvePath } from '../../domains/terminal/paths.js';
import { type LongListingContext, longLines, UnknownFacts } from './gnu-ls-long.js';
import { TWIN_DECLINED } from './gnu-system-commands.js';

export interface LsResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface LsOptions {
  readonly all: boolean;
  readonly almostAll: boolean;
  readonly onePerLine: boolean;
  /** `-R`: every directory below too, each under its `path:` header. */
  readonly recursive?: boolean;
  /** `-l`: one line of facts per entry (gnu-ls-long.ts). */
  readonly long?: LongListingContext | undefined;
  /** `-d`: directories are listed as themselves. */
  readonly directory?: boolean;
}

/** The short options this `ls` implements (others are declined before it runs). */
export const LS_OPTIONS = new Set(['a', 'A', '1', 'R', 'l', 'd']);

const byteOrder = (left: string, right: string): number =>
  Buffer.compare(Buffer.from(left), Buffer.from(right));

/** GNU `ls -C`: the fewest rows whose columns (each 2 wider than its longest name, the last unpadded) fit. */
export function gnuColumns(names: readonly string[], width: number): string {
  if (names.length === 0) return '';
  const lengths = names.map((name) => Buffer.byteLength(name));
  for (let rows = 1; rows <= names.length; rows++) {
    const columns = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let column = 0; column < columns; column++) {
      const slice = lengths.slice(column * rows, column * rows + rows);
      widths.push(Math.max(...slice) + (column < columns - 1 ? 2 : 0));
    }
    const total = widths.reduce((sum, value) => sum + value, 0);
    if (total <= width || rows === names.length) {
      const lines: string[] = [];
      for (let row = 0; row < rows; row++) {
        let line = '';
        for (let column = 0; column < columns; column++) {
          const index = column * rows + row;
          const name = names[index];
          if (name === undefined) continue;
          const isLast = column === columns - 1 || (column + 1) * rows + row >= names.length;
          line += isLast ? name : name.padEnd(name.length + (widths[column] ?? 0) - (lengths[index] ?? 0));
        }
        lines.push(line);
      }
      return `${lines.join('\n')}\n`;
    }
  }
  return '';
}

/** Runs `ls` over `operands` (relative to `cwd`) on `fs`; `width` set means stdout is a terminal that wide. */
export async function gnuLs(
  fs: IFileSystem,
  cwd: string,
  operands: readonly string[],
  options: LsOptions,
  width: number | undefined,
): Promise<LsResult> {
  try {
    return await listing(fs, cwd, operands, options, width);
  } catch (error) {
    if (!(error instanceof UnknownFacts)) throw error;
    return { stdout: '', stderr: `${TWIN_DECLINED}ls -l: ${error.message} not known\n`, exitCode: 2 };
  }
}

async function listing(
  fs: IFileSystem,
  cwd: string,
  operands: readonly string[],
  options: LsOptions,
  width: number | undefined,
): Promise<LsResult> {
  const long = options.long;
  const format = (names: readonly string[]): string =>
    width === undefined || options.onePerLine
      ? names.map((name) => `${name}\n`).join('')
      : gnuColumns(names, width);
  const formatEntries = async (
    entries: ReadonlyArray<{ name: string; path: string }>,
    total: boolean,
  ): Promise<string> => {
    if (long === undefined) return format(entries.map((entry) => entry.name));
    const { lines, blocks } = await longLines(long, entries);
    return `${total ? `total ${blocks}\n` : ''}${lines.map((line) => `${line}\n`).join('')}`;
  };
  const targets = operands.length === 0 ? ['.'] : operands;
  let stderr = '';
  let exitCode = 0;
  const files: string[] = [];
  const directories: string[] = [];
  for (const operand of targets) {
    const path = resolvePath(cwd, operand);
    try {
      // In long format a symbolic link on the command line is listed as itself.
      const stat = long === undefined ? await fs.stat(path) : await fs.lstat(path);
      (stat.isDirectory && options.directory !== true ? directories : files).push(operand);
    } catch {
      stderr += `ls: cannot access '${operand}': No such file or directory\n`;
      exitCode = 2;
    }
  }
  files.sort(byteOrder);
  directories.sort(byteOrder);
  const blocks: string[] = [];
  if (files.length > 0)
    blocks.push(
      await formatEntries(
        files.map((name) => ({ name, path: resolvePath(cwd, name) })),
        false,
      ),
    );
  const headed = targets.length > 1 || options.recursive === true;
  const list = async (directory: string): Promise<void> => {
    const path = resolvePath(cwd, directory);
    const entries = (await fs.readdir(path))
      .filter((name) => options.all || options.almostAll || !name.startsWith('.'))
      .sort(byteOrder);
    const names = options.all ? ['.', '..', ...entries] : entries;
    const shown = await formatEntries(
      names.map((name) => ({ name, path: resolvePath(path, name) })),
      true,
    );
    blocks.push(`${headed ? `${directory}:\n` : ''}${shown}`);
    if (options.recursive !== true) return;
    for (const name of entries) {
      // GNU recurses into directories only, not into symbolic links to them.
      if ((await fs.lstat(resolvePath(path, name))).isDirectory)
        await list(directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`);
    }
  };
  for (const directory of directories) await list(directory);
  return { stdout: blocks.join('\n'), stderr, exitCode };
}
