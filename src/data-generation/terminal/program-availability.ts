import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_PATH } from '../../engines/real/sandbox/sandbox-command.js';

const known = new Map<string, boolean>();

/**
 * Whether the sandboxed shell finds `program` on its PATH. The sandbox shows the host's system directories
 * read-only, so this is the host's answer for the sandbox's PATH (checked once per program and process). The
 * agent families draw git and python3 only where the machine has them: on a machine without git, a session
 * full of `git: command not found` would teach a model that git is missing everywhere.
 */
export function sandboxHasProgram(program: string): boolean {
  const cached = known.get(program);
  if (cached !== undefined) return cached;
  const found = SANDBOX_PATH.split(':').some((directory) => {
    try {
      accessSync(join(directory, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  known.set(program, found);
  return found;
}
