import type { TerminalAction } from './actions.js';

/**
 * The command names a terminal action types: the first word of every simple command on every line (split at
 * `|`, `;`, `&&`, `||`), skipping variable assignments and `sudo`. Control keys (`C-c`) count as themselves.
 */
export function terminalActionTools(action: TerminalAction): string[] {
  const names = new Set<string>();
  for (const batch of action) {
    for (const line of batch.keystrokes.split('\n')) {
      for (const part of line.split(/\|\||&&|[|;]/)) {
        const words = part
          .trim()
          .split(/\s+/)
          .filter((word) => word.length > 0);
        const command = words.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && word !== 'sudo');
        if (command !== undefined) names.add(command);
      }
    }
  }
  return [...names];
}
