/** Python's `repr` of the scalar values AndroidWorld's dataclasses hold (str, bool, int, float, None). */

/** `repr(text)`: single quotes unless the text holds `'` and no `"`; backslash escapes as CPython writes them. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

/** `repr` of a number: integers as digits; a float keeps a `.0` when whole. */
export function pythonNumberRepr(value: number, isFloat = false): string {
  if (isFloat && Number.isInteger(value)) return `${value}.0`;
  return String(value);
}

export function pythonBoolRepr(value: boolean): string {
  return value ? 'True' : 'False';
}

/** Reads a Python string literal at `start` (`'…'` or `"…"`); returns its value and the index after it. */
export function readPythonString(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return undefined;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char === quote) return { value, end: i + 1 };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = text[i + 1] ?? '';
    i += 1;
    if (next === 'n') value += '\n';
    else if (next === 'r') value += '\r';
    else if (next === 't') value += '\t';
    else if (next === 'x') {
      value += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else value += next;
  }
  return undefined;
}
