/**
 * A small, forgiving reader of bash command lines: enough to follow `cd`, `export`, redirections and a few
 * file commands deterministically. It never executes anything and never throws; what it cannot evaluate
 * (command substitution, unknown variables, globs) is flagged so callers can treat the outcome as unknown.
 */

export interface ShellWord {
  /** The word after quote removal and the expansions that can be evaluated. */
  readonly text: string;
  /** The word as typed. */
  readonly raw: string;
  /** Contains an expansion whose value is unknown (command substitution, unknown variable, `$?` …). */
  readonly unresolved: boolean;
  /** Contains an unquoted `*`, `?` or `[`. */
  readonly glob: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `<&`, `<>`. */
  readonly operator: string;
  readonly target: ShellWord | undefined;
}

/** One simple command and the operators around it. */
export interface SimpleCommand {
  readonly words: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
  /** The operator before this command (`&&`, `||`, `;`, `|`, `&`, `(` …), undefined for the first. */
  readonly before: string | undefined;
  /** The operator after it, undefined for the last. */
  readonly after: string | undefined;
  /** Inside `( … )`: runs in a subshell, so `cd` and `export` there do not last. */
  readonly subshell: boolean;
}

export interface HereDocument {
  readonly delimiter: string;
  /** `<<-` strips leading tabs from the body and the closing line. */
  readonly stripTabs: boolean;
}

export interface ParsedShellLine {
  readonly commands: readonly SimpleCommand[];
  /** The shell would wait for more input: an open quote, a trailing backslash or a trailing `&&`/`||`/`|`. */
  readonly incomplete: boolean;
  readonly hereDocuments: readonly HereDocument[];
}

export interface ExpansionContext {
  /** Value of a variable, undefined when unknown. */
  readonly lookup: (name: string) => string | undefined;
  readonly home: string;
}

const OPERATORS = ['&&', '||', '|&', ';;', '|', ';', '&'] as const;
const REDIRECTS = ['&>>', '&>', '<<<', '<<-', '<<', '<&', '<>', '<', '>>', '>|', '>&', '>'] as const;
const WORD_END = /[\s&|;()<>]/;

interface WordBuilder {
  text: string;
  raw: string;
  unresolved: boolean;
  glob: boolean;
  started: boolean;
  quoted: boolean;
}

function emptyWord(): WordBuilder {
  return { text: '', raw: '', unresolved: false, glob: false, started: false, quoted: false };
}

/** Index just after the `)` that closes the `(` at `open`, or -1. Quotes inside are skipped roughly. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let index = open; index < line.length; index++) {
    const char = line[index];
    if (char === '\\') index++;
    else if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end < 0) return -1;
      index = end;
    } else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

export function parseShellLine(line: string, context: ExpansionContext): ParsedShellLine {
  const commands: SimpleCommand[] = [];
  const hereDocuments: HereDocument[] = [];
  let incomplete = false;
  let word = emptyWord();
  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let pendingRedirect: string | undefined;
  let depth = 0;
  let commandDepth: number | undefined;
  let before: string | undefined;
  let lastOperator: string | undefined;

  const startWord = (): void => {
    if (!word.started) {
      word.started = true;
      if (commandDepth === undefined) commandDepth = depth;
    }
  };
  const finishWord = (): void => {
    if (!word.started) return;
    const finished: ShellWord = {
      text: word.text,
      raw: word.raw,
      unresolved: word.unresolved,
      glob: word.glob,
    };
    if (pendingRedirect !== undefined) {
      redirects.push({ operator: pendingRedirect, target: finished });
      if (pendingRedirect === '<<' || pendingRedirect === '<<-') {
        hereDocuments.push({ delimiter: finished.text, stripTabs: pendingRedirect === '<<-' });
      }
      pendingRedirect = undefined;
    } else {
      words.push(finished);
    }
    word = emptyWord();
  };
  const endCommand = (operator: string | undefined): void => {
    finishWord();
    if (pendingRedirect !== undefined) {
      redirects.push({ operator: pendingRedirect, target: undefined });
      pendingRedirect = undefined;
    }
    if (words.length > 0 || redirects.length > 0) {
      commands.push({ words, redirects, before, after: operator, subshell: (commandDepth ?? depth) > 0 });
      before = operator;
    } else if (operator !== undefined) {
      before = operator;
    }
    words = [];
    redirects = [];
    commandDepth = undefined;
    lastOperator = operator;
  };
  const expandVariable = (name: string, raw: string): void => {
    const value = context.lookup(name);
    word.raw += raw;
    if (value === undefined) {
      word.text += raw;
      word.unresolved = true;
    } else {
      word.text += value;
    }
  };
  /** Reads a `$…` expansion at `index`; returns the index after it. */
  const readDollar = (index: number): number => {
    const next = line[index + 1];
    if (next === '(') {
      const end = closingParen(line, index + 1);
      if (end < 0) {
        incomplete = true;
        word.raw += line.slice(index);
        word.text += line.slice(index);
        word.unresolved = true;
        return line.length;
      }
      word.raw += line.slice(index, end);
      word.text += line.slice(index, end);
      word.unresolved = true;
      return end;
    }
    if (next === '{') {
      const end = line.indexOf('}', index + 2);
      if (end < 0) {
        incomplete = true;
        word.raw += line.slice(index);
        word.text += line.slice(index);
        word.unresolved = true;
        return line.length;
      }
      const inner = line.slice(index + 2, end);
      const raw = line.slice(index, end + 1);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner)) expandVariable(inner, raw);
      else {
        word.raw += raw;
        word.text += raw;
        word.unresolved = true;
      }
      return end + 1;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(index + 1))?.[0];
    if (name !== undefined) {
      expandVariable(name, `$${name}`);
      return index + 1 + name.length;
    }
    if (next !== undefined && /[?$!#@*0-9-]/.test(next)) {
      word.raw += `$${next}`;
      word.text += `$${next}`;
      word.unresolved = true;
      return index + 2;
    }
    word.raw += '$';
    word.text += '$';
    return index + 1;
  };

  let index = 0;
  while (index < line.length) {
    const char = line[index] as string;
    if (char === ' ' || char === '\t' || char === '\n') {
      finishWord();
      index++;
      continue;
    }
    if (char === '#' && !word.started) break;
    if (char === "'") {
      startWord();
      word.quoted = true;
      const end = line.indexOf("'", index + 1);
      if (end < 0) {
        incomplete = true;
        word.raw += line.slice(index);
        word.text += line.slice(index + 1);
        index = line.length;
        continue;
      }
      word.raw += line.slice(index, end + 1);
      word.text += line.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    if (char === '"') {
      startWord();
      word.quoted = true;
      word.raw += '"';
      index++;
      let closed = false;
      while (index < line.length) {
        const inner = line[index] as string;
        if (inner === '"') {
          word.raw += '"';
          index++;
          closed = true;
          break;
        }
        if (inner === '\\' && index + 1 < line.length && '$`"\\\n'.includes(line[index + 1] as string)) {
          word.raw += line.slice(index, index + 2);
          if (line[index + 1] !== '\n') word.text += line[index + 1];
          index += 2;
        } else if (inner === '$') {
          index = readDollar(index);
        } else if (inner === '`') {
          const end = line.indexOf('`', index + 1);
          const stop = end < 0 ? line.length : end + 1;
          if (end < 0) incomplete = true;
          word.raw += line.slice(index, stop);
          word.text += line.slice(index, stop);
          word.unresolved = true;
          index = stop;
        } else {
          word.raw += inner;
          word.text += inner;
          index++;
        }
      }
      if (!closed) incomplete = true;
      continue;
    }
    if (char === '\\') {
      startWord();
      if (index + 1 >= line.length) {
        incomplete = true;
        index++;
        continue;
      }
      const escaped = line[index + 1] as string;
      word.raw += `\\${escaped}`;
      if (escaped !== '\n') word.text += escaped;
      word.quoted = true;
      index += 2;
      continue;
    }
    if (char === '$') {
      startWord();
      if (line[index + 1] === "'") {
        const end = line.indexOf("'", index + 2);
        const stop = end < 0 ? line.length : end + 1;
        if (end < 0) incomplete = true;
        word.raw += line.slice(index, stop);
        word.text += line.slice(index + 2, end < 0 ? line.length : end);
        word.unresolved = true;
        index = stop;
        continue;
      }
      index = readDollar(index);
      continue;
    }
    if (char === '`') {
      startWord();
      const end = line.indexOf('`', index + 1);
      const stop = end < 0 ? line.length : end + 1;
      if (end < 0) incomplete = true;
      word.raw += line.slice(index, stop);
      word.text += line.slice(index, stop);
      word.unresolved = true;
      index = stop;
      continue;
    }
    if (char === '~' && !word.started) {
      startWord();
      const rest = line.slice(index + 1);
      if (rest === '' || rest.startsWith('/') || WORD_END.test(rest[0] as string)) {
        word.raw += '~';
        word.text += context.home;
      } else {
        word.raw += '~';
        word.text += '~';
        word.unresolved = true;
      }
      index++;
      continue;
    }
    const redirect = REDIRECTS.find((candidate) => line.startsWith(candidate, index));
    if (redirect !== undefined && (char !== '&' || redirect.startsWith('&>'))) {
      // A word made only of digits right before `>`/`<` is a file-descriptor number, not an argument.
      if (word.started && !word.quoted && /^\d+$/.test(word.raw)) word = emptyWord();
      else finishWord();
      if (commandDepth === undefined) commandDepth = depth;
      if (pendingRedirect !== undefined) redirects.push({ operator: pendingRedirect, target: undefined });
      pendingRedirect = redirect;
      index += redirect.length;
      continue;
    }
    if (char === '(') {
      endCommand(words.length > 0 || word.started ? '(' : lastOperator);
      depth++;
      index++;
      continue;
    }
    if (char === ')') {
      endCommand(')');
      depth = Math.max(0, depth - 1);
      index++;
      continue;
    }
    const operator = OPERATORS.find((candidate) => line.startsWith(candidate, index));
    if (operator !== undefined) {
      endCommand(operator);
      index += operator.length;
      continue;
    }
    startWord();
    word.raw += char;
    word.text += char;
    if (char === '*' || char === '?' || char === '[') word.glob = true;
    index++;
  }
  const nothingAfterOperator = !word.started && words.length === 0 && redirects.length === 0;
  if (
    nothingAfterOperator &&
    pendingRedirect === undefined &&
    ['&&', '||', '|', '|&'].includes(lastOperator ?? '')
  ) {
    incomplete = true;
  }
  endCommand(undefined);
  return { commands, incomplete, hereDocuments };
}
