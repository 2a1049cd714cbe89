import type { WorldSpec } from '../../core/world-spec.js';
import { DEFAULT_TERMINAL_PROMPT_TEMPLATE, resolveTerminalSetup } from '../../domains/terminal/index.js';

/**
 * The shells the embedded terminal model was trained on (the session generator's three kinds; models/README.md):
 * the default prompt `{user}@{host}:{cwd}{symbol} `, root with home /root or an ordinary user with home
 * /home/<user>, starting in the home directory or in /workspace. User and host names are free: the model copies
 * them from the prompt.
 */
export const EMBEDDED_TERMINAL_SHELLS =
  'the prompt user@host:dir$ (# for root), home /root for root and /home/<user> for anyone else, ' +
  'starting in the home directory or in /workspace';

function inside(directory: string, top: string): boolean {
  return directory === top || directory.startsWith(`${top}/`);
}

/**
 * Why the embedded terminal model would simulate a terminal spec's shell poorly, or undefined when the shell is
 * one of the kinds it was trained on. The reason completes "the spec's shell has …".
 */
export function terminalSpecMismatch(spec: WorldSpec): string | undefined {
  const setup = resolveTerminalSetup(spec);
  if (setup.promptTemplate !== DEFAULT_TERMINAL_PROMPT_TEMPLATE)
    return `its own prompt template (${JSON.stringify(setup.promptTemplate)})`;
  const expectedHome = setup.user === 'root' ? '/root' : `/home/${setup.user}`;
  if (setup.home !== expectedHome) return `home ${setup.home} for ${setup.user} (not ${expectedHome})`;
  if (!inside(setup.cwd, setup.home) && !inside(setup.cwd, '/workspace'))
    return `a start directory (${setup.cwd}) outside the home directory and /workspace`;
  return undefined;
}
