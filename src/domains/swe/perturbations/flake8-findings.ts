/**
 * What flake8 finds in a Python file's text, for the checks simple enough to decide from the text alone: F401
 * (an unused top-level import, pyflakes), E302/E303/E305 (blank lines around top-level definitions), E501, W291,
 * W293, W391 and W292 (pycodestyle), and the functions mccabe's C901 can name. Read by flake8.ts.
 */
import type { Flake8Finding } from './flake8.js';

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
export function logicalLines(lines: readonly string[]): LogicalLine[] {
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
export function blankLineFindings(logical: readonly LogicalLine[]): Flake8Finding[] {
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
export function physicalFindings(
  lines: readonly string[],
  content: string,
  maxLineLength: number,
): Flake8Finding[] {
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
export function unusedImports(logical: readonly LogicalLine[], lines: readonly string[]): Flake8Finding[] {
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
export function functionsOf(lines: readonly string[]): { line: number; column: number; name: string }[] {
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
