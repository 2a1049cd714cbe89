import type { LineRewrite } from './screen-blocks.js';
import { commandsOfLine, type ShellCommandInfo } from './shell-commands.js';

/**
 * Runs a command line in the mind's eye with some commands failing: `fail` gives the messages of a command
 * that fails (undefined when it succeeds). `&&` skips what follows a failure and `||` what follows a success,
 * as bash does. Returns how the line's output changes, or undefined when no command fails.
 */
export function failCommandLine(
  line: string,
  fail: (command: ShellCommandInfo, position: number) => readonly string[] | undefined,
  home = '/root',
): LineRewrite | undefined {
  const commands = commandsOfLine(line, home);
  const messages: string[] = [];
  let firstFailure: number | undefined;
  let lastFailed = false;
  let cdSkipped = false;
  commands.forEach((command, position) => {
    const skipped =
      position > 0 && ((command.before === '&&' && lastFailed) || (command.before === '||' && !lastFailed));
    if (skipped) {
      if (command.name === 'cd' && firstFailure !== undefined) cdSkipped = true;
      return;
    }
    const lines = fail(command, position);
    if (lines === undefined) {
      lastFailed = false;
      return;
    }
    messages.push(...lines);
    if (command.name === 'cd') cdSkipped = true;
    lastFailed = true;
    firstFailure ??= position;
  });
  if (firstFailure === undefined) return undefined;
  return { mode: firstFailure === 0 ? 'replace' : 'append', lines: messages, cdSkipped };
}

/** The messages the first failing command of an action's lines would print (for instructions and fallbacks). */
export function failureMessagesOf(
  lines: readonly string[],
  fail: (command: ShellCommandInfo, position: number) => readonly string[] | undefined,
  home = '/root',
): string[] {
  const messages: string[] = [];
  for (const line of lines) {
    const result = failCommandLine(line, fail, home);
    if (result !== undefined) messages.push(...result.lines);
  }
  return messages;
}
