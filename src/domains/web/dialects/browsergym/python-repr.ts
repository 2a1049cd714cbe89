/**
 * Python's `repr()` of the values an accessibility tree carries (str, bool, int/float, None), as BrowserGym's
 * flattening prints names and properties with it: single quotes unless the text holds a single quote and no
 * double quote, backslash escapes for the quote, backslash and control characters, `\xNN`/`\uNNNN` for
 * characters Python does not count as printable (separators other than the space, format and control chars).
 */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

function escapeChar(char: string, quote: string): string {
  if (char === '\\') return '\\\\';
  if (char === quote) return `\\${quote}`;
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  if (char === ' ' || !NOT_PRINTABLE.test(char)) return char;
  const code = char.codePointAt(0) as number;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) out += escapeChar(char, quote);
  return out + quote;
}

export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return pythonStringRepr(value);
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : '-inf';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return pythonStringRepr(JSON.stringify(value));
}

/** Reads a Python string literal as `repr()` writes it (the inverse of pythonStringRepr). */
export function readPythonString(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)/g, (_match, sequence: string) => {
    const kind = sequence[0];
    if (sequence.length > 1 && (kind === 'x' || kind === 'u' || kind === 'U')) {
      return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    }
    return kind === 'n' ? '\n' : kind === 'r' ? '\r' : kind === 't' ? '\t' : sequence;
  });
}
