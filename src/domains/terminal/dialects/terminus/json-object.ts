/** Where the first balanced `{…}` object sits in a text, and what surrounds it. */
export interface LocatedJsonObject {
  readonly json: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Finds the first top-level `{…}` in `text` the way Terminus-2's JSON parser scans for it: braces inside
 * strings do not count, a backslash skips the next character. Returns undefined when no object closes.
 */
export function locateJsonObject(text: string): LocatedJsonObject | undefined {
  let start = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (char === '\\') {
      escaped = true;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      continue;
    }
    if (inString) continue;
    if (char === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0 && start !== -1) {
        return { json: text.slice(start, i + 1), before: text.slice(0, start), after: text.slice(i + 1) };
      }
    }
  }
  return undefined;
}
