import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable `name` on PATH (or in /usr/bin), else undefined. */
export function findExecutable(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? '/usr/bin:/bin').split(delimiter), '/usr/bin', '/bin'];
  for (const directory of directories) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
