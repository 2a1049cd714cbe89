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

interface LogicalLine {
  /** 1-based number of its first physical line. */
  readonly line: number;
  readonly indent: number;
  readonly text: string;
  /** Most consecutive blank lines since the logical line before (pycodestyle's blank_before). */
  readonly blankBefore: number;
  /** Blank lines right before it (pycodestyle's blank_lines). */
  readonly blankLines: number;
}

/** The logical lines of a Python text: brackets, triple-quoted strings and backslashes continue a line. */
function logicalLines(lines: readonly string[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let depth = 0;
  let triple: string | undefined;
  let continued = false;
  let blankRun = 0;
  let blankMax = 0;
  let current:
    | { line: number; indent: number; text: string; blankBefore: number; blankLines: number }
    | undefined;
  for (const [index, raw] of lines.entries()) {
    const inside = depth > 0 || triple !== undefined || continued;
    if (!inside) {
      if (current !== undefined) {
        result.push(current);
        current = undefined;
      }
      const stripped = raw.trim();
      if (stripped === '') {
        blankRun += 1;
        blankMax = Math.max(blankMax, blankRun);
        continue;
      }
      if (stripped.startsWith('#')) {
        blankRun = 0;
        continue;
      }
      current = {
        line: index + 1,
        indent: raw.length - raw.trimStart().length,
        text: stripped,
        blankBefore: blankMax,
        blankLines: blankRun,
      };
      blankRun = 0;
      blankMax = 0;
    } else if (current !== undefined) {
      current.text += ` ${raw.trim()}`;
    }
    // Scan the line for brackets, strings and comments.
    continued = false;
    let position = 0;
    while (position < raw.length) {
      if (triple !== undefined) {
        const end = raw.indexOf(triple, position);
        if (end < 0) {
          position = raw.length;
          break;
        }
        position = end + 3;
        triple = undefined;
        continue;
      }
      const char = raw[position] ?? '';
      if (char === '#') break;
      if (char === '"' || char === "'") {
        if (raw.startsWith(char.repeat(3), position)) {
          triple = char.repeat(3);
          position += 3;
          continue;
        }
        let end = position + 1;
        while (end < raw.length && raw[end] !== char) end += raw[end] === '\\' ? 2 : 1;
        position = end + 1;
        continue;
      }
      if ('([{'.includes(char)) depth += 1;
      else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
      position += 1;
    }
    if (triple === undefined && raw.endsWith('\\')) continued = true;
  }
  if (current !== undefined) result.push(current);
  return result;
}

const TOP_LEVEL = /^(?:async\s+def\s+|def\s+|class\s+|@)/;

/** pycodestyle's blank-line checks (E302, E303, E305) for top-level code. */
function blankLineFindings(logical: readonly LogicalLine[]): Flake8Finding[] {
  const findings: Flake8Finding[] = [];
  let previous: LogicalLine | undefined;
  let previousUnindented: LogicalLine | undefined;
  for (const entry of logical) {
    const at = { line: entry.line, column: entry.indent + 1 };
    if (previous === undefined && entry.blankBefore < 2) {
      // No blank lines are expected before the first line.
    } else if (previous?.text.startsWith('@')) {
      // E304 (blank lines after a decorator) is not rendered.
    } else if (entry.blankLines > 2 || (entry.indent > 0 && entry.blankLines === 2)) {
      findings.push({ ...at, code: 'E303', message: `too many blank lines (${entry.blankLines})` });
    } else if (TOP_LEVEL.test(entry.text)) {
      if (entry.indent === 0 && entry.blankBefore !== 2) {
        findings.push({ ...at, code: 'E302', message: `expected 2 blank lines, found ${entry.blankBefore}` });
      }
    } else if (
      entry.indent === 0 &&
      entry.blankBefore !== 2 &&
      previousUnindented !== undefined &&
      /^(?:def |class )/.test(previousUnindented.text)
    ) {
      findings.push({
        ...at,
        code: 'E305',
        message: `expected 2 blank lines after class or function definition, found ${entry.blankBefore}`,
      });
    }
    previous = entry;
    if (entry.indent === 0) previousUnindented = entry;
  }
  return findings;
}

/** pycodestyle's physical-line checks: E501, W291, W293, W391, W292. */
function physicalFindings(lines: readonly string[], content: string, maxLineLength: number): Flake8Finding[] {
  const findings: Flake8Finding[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const text = raw.replace(/\r$/, '');
    const trimmed = text.replace(/[ \t\v\f]+$/, '');
    if (trimmed !== text) {
      findings.push(
        trimmed === ''
          ? { line, column: 1, code: 'W293', message: 'blank line contains whitespace' }
          : { line, column: trimmed.length + 1, code: 'W291', message: 'trailing whitespace' },
      );
    }
    const length = [...trimmed].length;
    if (length > maxLineLength) {
      const chunks = trimmed.split(/\s+/).filter((chunk) => chunk !== '');
      const last = chunks[chunks.length - 1] ?? '';
      const urlLike =
        (chunks.length === 1 || (chunks.length === 2 && chunks[0] === '#')) &&
        length - [...last].length < maxLineLength - 7;
      if (!urlLike) {
        findings.push({
          line,
          column: maxLineLength + 1,
          code: 'E501',
          message: `line too long (${length} > ${maxLineLength} characters)`,
        });
      }
    }
  }
  const last = lines.length;
  if (content.endsWith('\n')) {
    if (last > 0 && (lines[last - 1] ?? '').trim() === '') {
      findings.push({ line: last, column: 1, code: 'W391', message: 'blank line at end of file' });
    }
  } else if (last > 0) {
    const text = lines[last - 1] ?? '';
    findings.push({
      line: last,
      column: [...text].length + 1,
      code: 'W292',
      message: 'no newline at end of file',
    });
  }
  return findings;
}

/** pyflakes' F401 for plain top-level imports whose name the file never uses again. */
function unusedImports(logical: readonly LogicalLine[], lines: readonly string[]): Flake8Finding[] {
  const findings: Flake8Finding[] = [];
  for (const entry of logical) {
    if (entry.indent !== 0) continue;
    const imported: { binding: string; shown: string }[] = [];
    const plain = /^import\s+(.+)$/.exec(entry.text);
    const from = /^from\s+(\S+)\s+import\s+\(?([^()]+)\)?$/.exec(entry.text);
    if (plain !== null) {
      for (const part of (plain[1] ?? '').split(',')) {
        const match = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (match === null) return findings;
        const name = match[1] ?? '';
        const alias = match[2];
        imported.push(
          alias === undefined
            ? { binding: name.split('.')[0] ?? name, shown: name }
            : { binding: alias, shown: `${name} as ${alias}` },
        );
      }
    } else if (from !== null) {
      const module = from[1] ?? '';
      if (module === '__future__') continue;
      for (const part of (from[2] ?? '').split(',')) {
        if (part.trim() === '') continue;
        const match = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (match === null) return findings;
        const name = match[1] ?? '';
        const alias = match[2];
        const full = module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
        imported.push(
          alias === undefined
            ? { binding: name, shown: full }
            : { binding: alias, shown: `${full} as ${alias}` },
        );
      }
    } else continue;
    const rest = lines
      .filter((_, index) => index + 1 !== entry.line)
      .map((text) => text.replace(/#.*$/, ''))
      .join('\n');
    for (const { binding, shown } of imported) {
      if (!new RegExp(`(?<![\\w.])${binding}(?!\\w)`).test(rest)) {
        findings.push({
          line: entry.line,
          column: 1,
          code: 'F401',
          message: `'${shown}' imported but unused`,
        });
      }
    }
  }
  return findings;
}

/** The functions mccabe names: top-level functions, and methods as `Class.method`. */
function functionsOf(lines: readonly string[]): { line: number; column: number; name: string }[] {
  const found: { line: number; column: number; name: string }[] = [];
  let currentClass: string | undefined;
  for (const [index, raw] of lines.entries()) {
    const indent = raw.length - raw.trimStart().length;
    const klass = /^class\s+(\w+)/.exec(raw);
    if (klass !== null) currentClass = klass[1];
    else if (indent === 0 && raw.trim() !== '' && !raw.trim().startsWith('#') && !raw.startsWith('@')) {
      if (!/^(?:async\s+)?def\s/.test(raw)) currentClass = undefined;
    }
    const def = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(raw);
    if (def === null) continue;
    const name = def[2] ?? '';
    if (indent === 0) {
      currentClass = undefined;
      found.push({ line: index + 1, column: 1, name });
    } else if (currentClass !== undefined && indent === 4) {
      found.push({ line: index + 1, column: 5, name: `${currentClass}.${name}` });
    }
  }
  return found;
}

/** flake8's order: by line, then column; at the same place pyflakes and mccabe (ast checks) come first. */
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
