import { posix } from 'node:path';

/** An absolute, normalised POSIX path for `path` seen from `cwd`. */
export function resolveSwePath(cwd: string, path: string): string {
  return posix.resolve(cwd, path);
}
