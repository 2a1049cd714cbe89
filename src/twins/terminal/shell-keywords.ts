/**
 * The parts of a command line the twin's classifier looks through rather than at: the reserved words of `for` and
 * `if` compound commands (`for n in a b; do …; done`, `if …; then …; else …; fi`), and command substitutions
 * `$(…)`, whose inner commands are classified like any other.
 */

/** Reserved words that may open a simple command inside a `for` or `if` compound command. */
const LEADING_KEYWORDS = new Set(['do', 'then', 'else', 'elif', 'if', '!', '{']);
/** Reserved words that stand alone (`done`, `fi`). */
const CLOSING_KEYWORDS = new Set(['done', 'fi', '}']);
/** Compound commands the twin does not run: loops that may not end, `case`, functions, groups. */
const UNSUPPORTED_KEYWORDS = new Set(['while', 'until', 'case', 'esac', 'select', 'function', 'in']);
/** `name()` opening a function definition. */
export const FUNCTION_HEAD = /^([A-Za-z_][A-Za-z0-9_]*)\(\)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type CommandWords =
  /** Only reserved words (`done`, or `for n in a b`): no program runs. */
  | { readonly kind: 'keywords'; readonly loopVariable?: string }
  /** The simple command inside, from `start` on (after its leading reserved words). */
  | { readonly kind: 'command'; readonly start: number }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** What the words of one parsed command are, reserved words looked through. */
export function commandWords(words: readonly string[]): CommandWords {
  let start = 0;
  while (start < words.length && LEADING_KEYWORDS.has(words[start] ?? '')) start++;
  const first = words[start];
  if (first === undefined) return { kind: 'keywords' };
  if (CLOSING_KEYWORDS.has(first)) {
    return words.length === start + 1
      ? { kind: 'keywords' }
      : { kind: 'unsupported', reason: `words after ${first}` };
  }
  if (first === 'for') {
    const variable = words[start + 1] ?? '';
    if (!NAME.test(variable) || words[start + 2] !== 'in')
      return { kind: 'unsupported', reason: 'compound command not verified: for without in' };
    return { kind: 'keywords', loopVariable: variable };
  }
  // `greet() { echo "hi $1"; }`: the body's first command follows the brace.
  if (FUNCTION_HEAD.test(first)) {
    if (words[start + 1] !== '{' || words.length < start + 3)
      return { kind: 'unsupported', reason: 'compound command not verified: function body' };
    return { kind: 'command', start: start + 2 };
  }
  if (UNSUPPORTED_KEYWORDS.has(first))
    return { kind: 'unsupported', reason: `compound command not verified: ${first}` };
  return { kind: 'command', start };
}

export type Substitutions =
  | { readonly kind: 'texts'; readonly texts: readonly string[] }
  | { readonly kind: 'unsupported'; readonly reason: string };

/**
 * The command substitutions `$(…)` of a line (outside single quotes; `$((…))` is arithmetic), each's inner text.
 * Backquotes and process substitution are unsupported.
 */
export function commandSubstitutions(line: string): Substitutions {
  const texts: string[] = [];
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === "'" && quote === undefined) {
      quote = "'";
      continue;
    }
    if (char === '"') {
      quote = quote === '"' ? undefined : '"';
      continue;
    }
    if (char === '`') return { kind: 'unsupported', reason: 'command substitution in backquotes' };
    if ((char === '<' || char === '>') && line[index + 1] === '(' && quote === undefined)
      return { kind: 'unsupported', reason: 'process substitution' };
    if (char === '$' && line[index + 1] === '(' && line[index + 2] !== '(') {
      const end = closingParenthesis(line, index + 2);
      if (end === undefined) return { kind: 'unsupported', reason: 'command substitution not closed' };
      texts.push(line.slice(index + 2, end));
      index = end;
    }
  }
  return { kind: 'texts', texts };
}

/** The index of the `)` closing a substitution whose text starts at `from`, quotes and nesting respected. */
function closingParenthesis(line: string, from: number): number | undefined {
  let depth = 1;
  let quote: "'" | '"' | undefined;
  for (let index = from; index < line.length; index++) {
    const char = line[index];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === "'" && quote === undefined) quote = "'";
    else if (char === '"') quote = quote === '"' ? undefined : '"';
    else if (quote === undefined && char === '(') depth++;
    else if (quote === undefined && char === ')') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return undefined;
}
