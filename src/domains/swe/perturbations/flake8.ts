/**
 * flake8 as the `lint-failure` rendering shows it: real flake8 7.x (pycodestyle, pyflakes, mccabe) prints
 * `PATH:LINE:COL: CODE message`, with PATH as the agent gave it (`calc.py`, `./calc.py` for `flake8 .` or no
 * argument, `src/util.py` for `flake8 src/`), files in name order and each file's findings by line then column
 * (pyflakes and mccabe before pycodestyle at the same place), and exits 1.
 *
 * The findings are the ones a file's text really has, for the checks simple enough to decide from the text:
 * F401 (an unused top-level import), E302/E303/E305 (blank lines around top-level definitions), E501, W291,
 * W293, W391 and W292. When the files show fewer than the perturbation asks for, C901 ("too complex", mccabe)
 * on the files' functions makes up the rest, as with a project that sets a `max-complexity` (a known file is not
 * given functions it does not define, so it may show fewer; a file whose text is unknown gets `helperN`). The formats are
 * checked byte for byte against real flake8 output captured by scripts/capture-lint/capture-flake8.py.
 */
import { posix } from 'node:path';
import type { ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import {
  blankLineFindings,
  functionsOf,
  logicalLines,
  physicalFindings,
  unusedImports,
} from './flake8-findings.js';
import { isTestFile, type KnownFile } from './repository-files.js';

export interface Flake8Finding {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

export interface Flake8Options {
  readonly maxLineLength: number;
  readonly maxComplexity: number | undefined;
  /** The paths as typed (`.` when none). */
  readonly paths: readonly string[];
}

/** Options that take a value in the next word when given without `=`. */
const VALUE_OPTIONS = new Set([
  '--max-line-length',
  '--max-doc-length',
  '--max-complexity',
  '--select',
  '--extend-select',
  '--ignore',
  '--extend-ignore',
  '--exclude',
  '--extend-exclude',
  '--filename',
  '--per-file-ignores',
  '--format',
  '--config',
  '--append-config',
  '--output-file',
  '--jobs',
  '-j',
  '--indent-size',
  '--hang-closing',
  '--stdin-display-name',
]);

/** The words after flake8 itself: `flake8 ARGS`, `python3 -m flake8 ARGS`. */
function flake8Args(command: ShellCommandInfo): readonly string[] {
  const index = command.args.indexOf('-m');
  return index >= 0 && command.args[index + 1] === 'flake8' ? command.args.slice(index + 2) : command.args;
}

export function flake8Options(command: ShellCommandInfo): Flake8Options {
  const args = flake8Args(command);
  const paths: string[] = [];
  let maxLineLength = 79;
  let maxComplexity: number | undefined;
  for (let index = 0; index < args.length; index++) {
    const word = args[index] ?? '';
    if (!word.startsWith('-') || word === '-') {
      paths.push(word);
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals < 0 ? word : word.slice(0, equals);
    let value: string | undefined = equals < 0 ? undefined : word.slice(equals + 1);
    if (value === undefined && VALUE_OPTIONS.has(name)) {
      value = args[index + 1];
      index += 1;
    }
    const number = Number(value);
    if (name === '--max-line-length' && Number.isInteger(number) && number > 0) maxLineLength = number;
    if (name === '--max-complexity' && Number.isInteger(number) && number >= 0) maxComplexity = number;
  }
  return { maxLineLength, maxComplexity, paths: paths.length === 0 ? ['.'] : paths };
}

/** The Python files flake8 checks for these paths, each with the name it prints, in the order it prints them. */
export function flake8Files(
  files: readonly KnownFile[],
  paths: readonly string[],
): { shown: string; file: KnownFile | undefined }[] {
  const python = files.filter((file) => file.path.endsWith('.py'));
  const found: { shown: string; file: KnownFile | undefined }[] = [];
  for (const given of paths) {
    const normal = posix.normalize(given);
    if (given.endsWith('.py')) {
      found.push({ shown: given, file: python.find((file) => file.path === normal) });
      continue;
    }
    const prefix = normal === '.' ? '' : `${normal.replace(/\/+$/, '')}/`;
    const shownPrefix = given === '.' || given === './' ? './' : prefix;
    for (const file of python) {
      if (file.path.startsWith(prefix) && !file.path.startsWith('/')) {
        found.push({ shown: `${shownPrefix}${file.path.slice(prefix.length)}`, file });
      }
    }
  }
  return found.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
}

function byPosition(a: Flake8Finding, b: Flake8Finding): number {
  const rank = (finding: Flake8Finding) => (/^[FC]/.test(finding.code) ? 0 : 1);
  return a.line - b.line || a.column - b.column || rank(a) - rank(b);
}

/** The findings real flake8 reports for this text, for the checks modelled here (see the file's comment). */
export function flake8FindingsOf(
  content: string,
  options: Pick<Flake8Options, 'maxLineLength'>,
): Flake8Finding[] {
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  const logical = logicalLines(lines);
  return [
    ...unusedImports(logical, lines),
    ...blankLineFindings(logical),
    ...physicalFindings(lines, content, options.maxLineLength),
  ].sort(byPosition);
}

/**
 * flake8's report for this command over the repository's known files: `count` findings, the files' own first,
 * then C901 on their functions; the lines exactly as flake8 prints them.
 */
export function flake8Report(
  files: readonly KnownFile[],
  command: ShellCommandInfo,
  count: number,
): string[] {
  const options = flake8Options(command);
  let targets = flake8Files(files, options.paths);
  if (targets.length === 0) {
    const fallback = files.find((file) => file.path.endsWith('.py') && !isTestFile(file.path));
    const first = options.paths[0] ?? '.';
    const shown = first.endsWith('.py')
      ? first
      : `${first === '.' || first === './' ? '.' : first.replace(/\/+$/, '')}/${fallback === undefined ? 'main.py' : posix.basename(fallback.path)}`;
    targets = [{ shown, file: fallback }];
  }
  const perFile = targets.map((target) => ({
    target,
    findings: target.file === undefined ? [] : flake8FindingsOf(target.file.content, options),
  }));
  let missing = count - perFile.reduce((sum, entry) => sum + entry.findings.length, 0);
  const threshold = options.maxComplexity ?? 10;
  for (const entry of perFile) {
    if (missing <= 0) break;
    const functions = functionsOf(entry.target.file?.content.split('\n') ?? []);
    const extra: Flake8Finding[] = [];
    for (const [index, fn] of functions.entries()) {
      if (missing <= 0) break;
      extra.push({
        line: fn.line,
        column: fn.column,
        code: 'C901',
        message: `'${fn.name}' is too complex (${threshold + 1 + index})`,
      });
      missing -= 1;
    }
    entry.findings = [...entry.findings, ...extra].sort(byPosition);
  }
  // A file whose text is not known gets functions of its own; a known one is not given functions it lacks,
  // unless nothing at all would be reported.
  const total = perFile.reduce((sum, entry) => sum + entry.findings.length, 0);
  if (perFile[0]?.target.file !== undefined && total > 0) missing = 0;
  else if (perFile[0]?.target.file !== undefined) missing = 1;
  for (let index = 0; missing > 0; index++, missing--) {
    const entry = perFile[0];
    if (entry === undefined) break;
    entry.findings = [
      ...entry.findings,
      {
        line: index * 3 + 1,
        column: 1,
        code: 'C901',
        message: `'helper${index + 1}' is too complex (${threshold + 1 + index})`,
      },
    ].sort(byPosition);
  }
  const lines: string[] = [];
  for (const { target, findings } of perFile) {
    for (const finding of findings) {
      if (lines.length >= count) break;
      lines.push(`${target.shown}:${finding.line}:${finding.column}: ${finding.code} ${finding.message}`);
    }
  }
  return lines;
}
