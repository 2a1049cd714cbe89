import type { TerminalAction } from './dialects/terminus/index.js';
import { isTerminalControlKey } from './dialects/terminus/index.js';
import { actionCommands } from './perturbations/shell-commands.js';

/**
 * The command names a terminal action runs: the command word of every simple command of every line submitted
 * with Enter, found by the shell-aware word splitter (so a `;` or `|` inside quotes splits nothing, and
 * here-document bodies are no commands), skipping variable assignments and `sudo`-like prefixes. Control keys
 * (`C-c`) count as themselves.
 */
export function terminalActionTools(action: TerminalAction): string[] {
  const names = new Set<string>();
  for (const batch of action) if (isTerminalControlKey(batch.keystrokes)) names.add(batch.keystrokes);
  for (const command of actionCommands(action)) if (command.name !== '') names.add(command.name);
  return [...names];
}
