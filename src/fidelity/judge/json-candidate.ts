/**
 * Finding the JSON object in a judge's reply, in the reference's order (spec §2.3 step 4): the last fenced block
 * holding an object with "scores" (else the last fenced object), then the balanced objects scanned forward
 * (string- and escape-aware; the last with "scores", else the last), then the object closed by the final `}`
 * found by scanning backwards.
 */

const SCORES_KEY = /["']?scores["']?\s*:/i;

function isObjectText(text: string): boolean {
  return text.startsWith('{') && text.endsWith('}');
}

function fencedObject(text: string): string | undefined {
  const bodies = Array.from(text.matchAll(/```[ \t]*(?:json)?[ \t]*\r?\n?([\s\S]*?)```/gi), (match) =>
    (match[1] ?? '').trim(),
  ).filter(isObjectText);
  const withScores = bodies.filter((body) => SCORES_KEY.test(body));
  return withScores[withScores.length - 1] ?? bodies[bodies.length - 1];
}

/** Every top-level balanced `{…}` in order, skipping braces inside double-quoted strings. */
export function balancedObjects(text: string): string[] {
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"' && depth > 0) inString = true;
    else if (character === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (character === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) objects.push(text.slice(start, index + 1));
    }
  }
  return objects;
}

function backwardObject(text: string): string | undefined {
  const end = text.lastIndexOf('}');
  if (end < 0) return undefined;
  let depth = 0;
  for (let index = end; index >= 0; index--) {
    if (text[index] === '}') depth += 1;
    else if (text[index] === '{') {
      depth -= 1;
      if (depth === 0) return text.slice(index, end + 1);
    }
  }
  return undefined;
}

/** The JSON object text the reply most likely means as its verdict, or undefined. */
export function jsonCandidate(text: string): string | undefined {
  const fenced = fencedObject(text);
  if (fenced !== undefined) return fenced;
  const objects = balancedObjects(text);
  const withScores = objects.filter((object) => SCORES_KEY.test(object));
  const forward = withScores[withScores.length - 1] ?? objects[objects.length - 1];
  return forward ?? backwardObject(text);
}
