/** POSIX path helpers for the terminal ledger (no file system access: paths are plain strings). */

/** An absolute path with `.`, `..` and repeated slashes resolved; `..` above the root stays at the root. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Resolves `target` against the directory `base` (both as the shell would, ignoring symbolic links). */
export function resolvePath(base: string, target: string): string {
  return normalizePath(target.startsWith('/') ? target : `${base}/${target}`);
}

/** Whether `path` is `directory` itself or lies below it. */
export function isWithin(path: string, directory: string): boolean {
  if (directory === '/') return path.startsWith('/');
  return path === directory || path.startsWith(`${directory}/`);
}

/** The directory as bash's `\w` shows it: the home directory and paths below it start with `~`. */
export function displayCwd(cwd: string, home: string): string {
  if (home.length > 1 && isWithin(cwd, home)) return `~${cwd.slice(home.length)}`;
  return cwd;
}

/** The absolute path behind a directory shown in a prompt (`~`, `~/x` or `/x`); undefined when unknowable. */
export function expandShownCwd(shown: string, home: string): string | undefined {
  if (shown === '~') return home;
  if (shown.startsWith('~/')) return resolvePath(home, shown.slice(2));
  if (shown.startsWith('/')) return normalizePath(shown);
  return undefined;
}
