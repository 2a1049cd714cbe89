import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AgentWorldError } from '../../../core/errors.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The bubblewrap executable: the given path, else `bwrap` on PATH, else undefined. */
export function findBwrap(explicit?: string): string | undefined {
  if (explicit !== undefined) return executable(explicit) ? explicit : undefined;
  for (const directory of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, 'bwrap');
    if (executable(candidate)) return candidate;
  }
  return executable('/usr/bin/bwrap') ? '/usr/bin/bwrap' : undefined;
}

/** Like findBwrap, but a missing bubblewrap is CONFIG_INVALID with what to do about it. */
export function requireBwrap(explicit?: string): string {
  const found = findBwrap(explicit);
  if (found !== undefined) return found;
  throw new AgentWorldError(
    'CONFIG_INVALID',
    explicit === undefined
      ? 'bubblewrap (bwrap) was not found on PATH: install it (apt-get install bubblewrap) or pass --bwrap PATH.'
      : `${explicit} is not an executable bubblewrap.`,
  );
}
