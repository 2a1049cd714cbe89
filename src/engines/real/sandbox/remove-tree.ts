import { chmodSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Gives every directory under `path` owner rwx again, so a tree that a session made read-only can be removed. */
function restoreDirectoryModes(path: string): void {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isDirectory()) return;
  try {
    chmodSync(path, 0o700);
  } catch {
    // Not ours to change; rmSync reports what is left.
  }
  let names: string[] = [];
  try {
    names = readdirSync(path);
  } catch {
    return;
  }
  for (const name of names) restoreDirectoryModes(join(path, name));
}

/**
 * How a removal waits out a process that is still ending and writing into the tree (a browser whose server was
 * killed): rmSync retries ENOTEMPTY/EBUSY/EPERM with a linear backoff, 100 ms longer each try (1.5 s in all).
 */
const REMOVE_OPTIONS = { recursive: true, force: true, maxRetries: 5, retryDelay: 100 } as const;

/** Removes a session's temporary directory, also when the session took permissions away inside it. */
export function removeTree(path: string): void {
  try {
    rmSync(path, REMOVE_OPTIONS);
    return;
  } catch {
    // A directory without write or search permission (chmod -w / chmod 000) blocks a non-root remover.
  }
  restoreDirectoryModes(path);
  rmSync(path, REMOVE_OPTIONS);
}

/** Removes everything inside `path` and gives it mode 0700 again; the directory itself stays. */
export function emptyDirectory(path: string): void {
  try {
    chmodSync(path, 0o700);
  } catch {
    // rm reports what cannot be removed.
  }
  for (const name of readdirSync(path)) removeTree(join(path, name));
}
