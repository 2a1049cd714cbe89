import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { TerminalAction } from './dialects/terminus/index.js';

/** The action as it follows `**Action:**`: the command array as 2-space JSON in a json fence. */
export function renderTerminalAction(action: TerminalAction, _spec?: WorldSpec): string {
  const commands = action.map((command) => ({ keystrokes: command.keystrokes, duration: command.duration }));
  return fence(JSON.stringify(commands, null, 2), 'json');
}
