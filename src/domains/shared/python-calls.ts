/**
 * A small parser for the Python that desktop agents write as pyautogui actions: a sequence of statements
 * (separated by newlines or `;`), each an `import` or a call `name.attr(args)` whose arguments are literals
 * (numbers, strings, booleans, None, lists and tuples of literals) given by position or by keyword. Anything
 * else (variables, loops, expressions) is reported with its line and column; nothing is ever executed.
 */

/** A Python literal value as the parser reads it (tuples become arrays). */
export type PythonValue = number | string | boolean | null | readonly PythonValue[];

/** One argument of a call: positional (`name` undefined) or keyword. */
export interface PythonArgument {
  readonly name?: string;
  readonly value: PythonValue;
  readonly line: number;
  readonly column: number;
}

/** One call statement, e.g. `pyautogui.click(x=35, y=1045)`. */
export interface PythonCall {
  /** The dotted callee as written, e.g. `pyautogui.click`. */
  readonly callee: string;
  readonly args: readonly PythonArgument[];
  /** 1-based position of the callee. */
  readonly line: number;
  readonly column: number;
}

/** A syntax problem, with its 1-based position in the code. */
export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'PythonSyntaxError';
  }
}

type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value?: PythonValue;
  readonly line: number;
  readonly column: number;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

class Lexer {
  private index = 0;
  private line = 1;
  private column = 1;
  private depth = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly source: string) {}

  private advance(count = 1): void {
    for (let step = 0; step < count; step++) {
      if (this.source[this.index] === '\n') {
        this.line += 1;
        this.column = 1;
      } else {
        this.column += 1;
      }
      this.index += 1;
    }
  }

  private push(kind: TokenKind, text: string, line: number, column: number, value?: PythonValue): void {
    this.tokens.push(
      value === undefined ? { kind, text, line, column } : { kind, text, value, line, column },
    );
  }

  run(): Token[] {
    const source = this.source;
    while (this.index < source.length) {
      const char = source[this.index] as string;
      const line = this.line;
      const column = this.column;
      if (char === '#') {
        while (this.index < source.length && source[this.index] !== '\n') this.advance();
      } else if (char === '\\' && source[this.index + 1] === '\n') {
        this.advance(2);
      } else if (char === '\n' || char === ';') {
        if (this.depth === 0) this.push('newline', char, line, column);
        this.advance();
      } else if (char === ' ' || char === '\t' || char === '\r') {
        this.advance();
      } else if (/[A-Za-z_]/.test(char)) {
        const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(this.index)) as RegExpExecArray;
        const word = match[0];
        const quote = source[this.index + word.length];
        if ((quote === '"' || quote === "'") && /^[rRuUbB]{1,2}$/.test(word)) {
          this.advance(word.length);
          this.readString(line, column, /r/i.test(word));
        } else {
          this.push('name', word, line, column);
          this.advance(word.length);
        }
      } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[this.index + 1] ?? ''))) {
        const match = /^(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(
          source.slice(this.index),
        );
        const text = match?.[0] ?? char;
        const value = Number(text.replaceAll('_', ''));
        if (Number.isNaN(value)) throw new PythonSyntaxError(`bad number ${text}`, line, column);
        this.push('number', text, line, column, value);
        this.advance(text.length);
      } else if (char === '"' || char === "'") {
        this.readString(line, column, false);
      } else if ('()[],=.-+'.includes(char)) {
        if (char === '(' || char === '[') this.depth += 1;
        if ((char === ')' || char === ']') && this.depth > 0) this.depth -= 1;
        this.push('op', char, line, column);
        this.advance();
      } else {
        throw new PythonSyntaxError(`unexpected character ${JSON.stringify(char)}`, line, column);
      }
    }
    this.push('end', '', this.line, this.column);
    return this.tokens;
  }

  private readString(line: number, column: number, raw: boolean): void {
    const source = this.source;
    const quote = source[this.index] as string;
    const triple = source.startsWith(quote.repeat(3), this.index);
    const closing = triple ? quote.repeat(3) : quote;
    this.advance(closing.length);
    let value = '';
    for (;;) {
      if (this.index >= source.length) throw new PythonSyntaxError('unterminated string', line, column);
      if (source.startsWith(closing, this.index)) {
        this.advance(closing.length);
        break;
      }
      const char = source[this.index] as string;
      if (char === '\n' && !triple) throw new PythonSyntaxError('unterminated string', line, column);
      if (char === '\\' && !raw) {
        const next = source[this.index + 1] ?? '';
        const escaped = ESCAPES[next];
        if (escaped !== undefined) {
          value += escaped;
          this.advance(2);
          continue;
        }
        const unicode = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(
          source.slice(this.index + 1),
        );
        if (unicode !== null) {
          const hex = unicode[1] ?? unicode[2] ?? unicode[3] ?? '0';
          value += String.fromCodePoint(Number.parseInt(hex, 16));
          this.advance(1 + unicode[0].length);
          continue;
        }
        value += '\\';
        this.advance();
        continue;
      }
      if (char === '\\' && raw && source[this.index + 1] === quote) {
        value += `\\${quote}`;
        this.advance(2);
        continue;
      }
      value += char;
      this.advance();
    }
    // Adjacent string literals concatenate, as in Python.
    const previous = this.tokens[this.tokens.length - 1];
    if (previous?.kind === 'string' && previous.line === line) {
      this.tokens[this.tokens.length - 1] = { ...previous, value: `${previous.value as string}${value}` };
      return;
    }
    this.push('string', quote, line, column, value);
  }
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private expectOp(text: string): Token {
    const token = this.next();
    if (token.kind !== 'op' || token.text !== text) {
      throw new PythonSyntaxError(
        `expected "${text}" but found ${describe(token)}`,
        token.line,
        token.column,
      );
    }
    return token;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === text;
  }

  parseProgram(): PythonCall[] {
    const calls: PythonCall[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return calls;
      if (token.kind === 'newline') {
        this.next();
        continue;
      }
      if (token.kind === 'name' && (token.text === 'import' || token.text === 'from')) {
        this.skipImport();
      } else {
        calls.push(this.parseCall());
      }
      const after = this.peek();
      if (after.kind !== 'newline' && after.kind !== 'end') {
        throw new PythonSyntaxError(
          `expected the end of the statement but found ${describe(after)}`,
          after.line,
          after.column,
        );
      }
    }
  }

  /** `import a, b` / `import a as b` / `from a import b`: accepted and ignored. */
  private skipImport(): void {
    this.next();
    while (this.peek().kind === 'name' || this.isOp(',') || this.isOp('.')) this.next();
  }

  private parseCall(): PythonCall {
    const first = this.next();
    if (first.kind !== 'name') {
      throw new PythonSyntaxError(
        `expected a function call but found ${describe(first)}`,
        first.line,
        first.column,
      );
    }
    let callee = first.text;
    while (this.isOp('.')) {
      this.next();
      const part = this.next();
      if (part.kind !== 'name') {
        throw new PythonSyntaxError(
          `expected a name after "." but found ${describe(part)}`,
          part.line,
          part.column,
        );
      }
      callee += `.${part.text}`;
    }
    if (!this.isOp('(')) {
      const token = this.peek();
      throw new PythonSyntaxError(
        `expected "(" after ${callee}: only function calls are allowed, found ${describe(token)}`,
        token.line,
        token.column,
      );
    }
    this.next();
    const args: PythonArgument[] = [];
    let sawKeyword = false;
    while (!this.isOp(')')) {
      const start = this.peek();
      const following = this.tokens[this.position + 1];
      if (start.kind === 'name' && following?.kind === 'op' && following.text === '=') {
        this.next();
        this.next();
        if (args.some((arg) => arg.name === start.text)) {
          throw new PythonSyntaxError(`keyword argument ${start.text} repeated`, start.line, start.column);
        }
        args.push({ name: start.text, value: this.parseValue(), line: start.line, column: start.column });
        sawKeyword = true;
      } else {
        if (sawKeyword) {
          throw new PythonSyntaxError(
            'positional argument follows keyword argument',
            start.line,
            start.column,
          );
        }
        args.push({ value: this.parseValue(), line: start.line, column: start.column });
      }
      if (this.isOp(',')) this.next();
      else if (!this.isOp(')')) {
        const token = this.peek();
        throw new PythonSyntaxError(
          `expected "," or ")" but found ${describe(token)}`,
          token.line,
          token.column,
        );
      }
    }
    this.expectOp(')');
    return { callee, args, line: first.line, column: first.column };
  }

  private parseValue(): PythonValue {
    const token = this.next();
    if (token.kind === 'number' || token.kind === 'string') return token.value as PythonValue;
    if (token.kind === 'op' && (token.text === '-' || token.text === '+')) {
      const number = this.next();
      if (number.kind !== 'number') {
        throw new PythonSyntaxError(`expected a number after "${token.text}"`, number.line, number.column);
      }
      return token.text === '-' ? -(number.value as number) : (number.value as number);
    }
    if (token.kind === 'name') {
      if (token.text === 'True') return true;
      if (token.text === 'False') return false;
      if (token.text === 'None') return null;
      throw new PythonSyntaxError(
        `only literal values are allowed as arguments, found the name ${token.text}`,
        token.line,
        token.column,
      );
    }
    if (token.kind === 'op' && (token.text === '[' || token.text === '(')) {
      const close = token.text === '[' ? ']' : ')';
      const items: PythonValue[] = [];
      while (!this.isOp(close)) {
        items.push(this.parseValue());
        if (this.isOp(',')) this.next();
        else if (!this.isOp(close)) {
          const bad = this.peek();
          throw new PythonSyntaxError(
            `expected "," or "${close}" but found ${describe(bad)}`,
            bad.line,
            bad.column,
          );
        }
      }
      this.next();
      return items;
    }
    throw new PythonSyntaxError(`expected a value but found ${describe(token)}`, token.line, token.column);
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the code';
  if (token.kind === 'newline') return 'the end of the line';
  if (token.kind === 'string') return 'a string';
  return `"${token.text}"`;
}

/** Parses the call statements of a code string; throws PythonSyntaxError with the position of the problem. */
export function parsePythonCalls(code: string): PythonCall[] {
  const tokens = new Lexer(code).run();
  return new Parser(tokens).parseProgram();
}
