import type { DomainId } from '../core/world-spec.js';

/**
 * Turns one line typed at the `sim` prompt into an action value. JSON is taken as it is; otherwise a short
 * form per domain: terminal → the line is typed and run (`[{keystrokes: line + "\n", duration: 1}]`);
 * tool domains → `tool_name {"arg": …}` (arguments optional).
 */
export function actionFromLine(line: string, domain: DomainId): unknown {
  const trimmed = line.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // Not JSON after all: fall through to the short forms (a shell line may start with "[").
    }
  }
  if (domain === 'terminal') return [{ keystrokes: `${line}\n`, duration: 1 }];
  const match = /^(\S+)\s*(.*)$/s.exec(trimmed);
  if (match === null) return trimmed;
  const [, name, rest] = match;
  if (rest === undefined || rest.trim() === '') return { name, arguments: {} };
  try {
    return { name, arguments: JSON.parse(rest) };
  } catch {
    return { name, arguments: rest };
  }
}
