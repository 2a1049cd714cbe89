import { AgentWorldError } from '../core/errors.js';
import type { PerturbationRuleInput } from '../core/perturbation.js';

/** Keys of a `--perturb` flag that set the rule's `when` rather than the perturbation's parameters. */
const WHEN_KEYS = new Set(['turn', 'tool', 'match', 'probability', 'every', 'from', 'until']);

function parseValue(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('[') || text.startsWith('{') || text.startsWith('"')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Splits at commas outside brackets, braces and double quotes, so JSON values may hold commas. */
function splitPairs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (quoted) {
      if (character === '\\') {
        current += character + (text[index + 1] ?? '');
        index += 1;
        continue;
      }
      if (character === '"') quoted = false;
    } else if (character === '"') quoted = true;
    else if (character === '[' || character === '{') depth += 1;
    else if (character === ']' || character === '}') depth = Math.max(0, depth - 1);
    else if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts.filter((part) => part.trim().length > 0);
}

/**
 * Parses the CLI's `--perturb ID[:key=value,key=value]` into a rule. `turn`, `tool`, `match`, `probability`,
 * `every`, `from` and `until` go into `when`; every other key is a parameter. Values that look like numbers,
 * booleans or JSON are read as such. Validation against the catalog happens when the spec is loaded.
 */
export function parsePerturbFlag(flag: string): PerturbationRuleInput {
  const colon = flag.indexOf(':');
  const id = (colon === -1 ? flag : flag.slice(0, colon)).trim();
  if (id.length === 0) {
    throw new AgentWorldError('INVALID_REQUEST', `--perturb "${flag}": expected ID[:key=value,...].`);
  }
  const params: Record<string, unknown> = {};
  const when: Record<string, unknown> = {};
  const rest = colon === -1 ? '' : flag.slice(colon + 1);
  for (const pair of splitPairs(rest)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `--perturb "${flag}": "${pair}" is not key=value (expected ID[:key=value,...]).`,
      );
    }
    const key = pair.slice(0, equals).trim();
    const value = parseValue(pair.slice(equals + 1).trim());
    if (WHEN_KEYS.has(key)) when[key] = value;
    else params[key] = value;
  }
  return {
    perturbation: id,
    params,
    ...(Object.keys(when).length === 0 ? {} : { when: when as PerturbationRuleInput['when'] }),
  };
}
