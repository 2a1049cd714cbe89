/**
 * The host's files as the real sandbox shows them: bubblewrap binds each top-level entry of the host's root
 * read-only (src/engines/real/sandbox/sandbox-command.ts), so a read of /etc or /usr inside the sandbox sees this
 * machine's file. The twin reads those lazily from this machine, read-only, for the paths listed as shown the same;
 * every other path outside the twin's own roots stays unknown (declined).
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isWithin, normalizePath } from '../../domains/terminal/paths.js';
import { HIDDEN_ROOT_ENTRIES } from '../../engines/real/sandbox/sandbox-command.js';

/** Largest host file the twin reads (a larger one is declined). */
export const HOST_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Host paths whose content inside the sandbox differs from (or may differ from) this machine's, each with why.
 * Everything under the host's root that is not listed here (and not under the twin's own roots) is bound as is.
 */
export const HOST_PATHS_NOT_SHOWN: ReadonlyArray<{ readonly path: string; readonly reason: string }> = [
  ...[...HIDDEN_ROOT_ENTRIES].map((name) => ({
    path: `/${name}`,
    reason: 'not bound from the host (the sandbox has its own in its place, or none)',
  })),
  { path: '/run', reason: 'bound from the host but changes while it runs (sockets, pids, locks)' },
  { path: '/var', reason: 'logs, caches, spools and package state change over time' },
  { path: '/mnt', reason: 'mount points: what is mounted there may change' },
  { path: '/media', reason: 'mount points: what is mounted there may change' },
  { path: '/etc/mtab', reason: 'the mount table of the process that reads it' },
];

export type HostVisibility =
  | { readonly kind: 'host' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Whether `path` (absolute) shows the host's file inside the sandbox whose own roots are `roots`. */
export function hostVisibility(path: string, roots: readonly string[]): HostVisibility {
  const normalized = normalizePath(path);
  const shown = shownAsHost(normalized, roots);
  if (shown !== undefined) return { kind: 'unknown', reason: shown };
  // A symbolic link on the way may lead somewhere that is not shown the same (/etc/mtab → /proc/self/mounts).
  const real = realPathOfNearestExisting(normalized);
  if (real === undefined) return { kind: 'unknown', reason: `host path not resolvable: ${normalized}` };
  if (real !== normalized) {
    const resolved = shownAsHost(real, roots);
    if (resolved !== undefined)
      return { kind: 'unknown', reason: `${normalized} leads to ${real}: ${resolved}` };
  }
  return { kind: 'host' };
}

function shownAsHost(path: string, roots: readonly string[]): string | undefined {
  if (path === '/') return 'the sandbox root is its own directory';
  if (roots.some((root) => isWithin(path, root) || isWithin(root, path))) {
    return `path on or above the sandbox's own files: ${path}`;
  }
  const excluded = HOST_PATHS_NOT_SHOWN.find((entry) => isWithin(path, entry.path));
  if (excluded !== undefined)
    return `${excluded.path} is not the host's inside the sandbox: ${excluded.reason}`;
  return undefined;
}

/** The host's real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realPathOfNearestExisting(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  for (let depth = parts.length; depth >= 0; depth--) {
    const head = `/${parts.slice(0, depth).join('/')}`;
    try {
      lstatSync(head);
    } catch {
      continue;
    }
    try {
      const real = realpathSync(head);
      const rest = parts.slice(depth).join('/');
      return normalizePath(rest === '' ? real : `${real}/${rest}`);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** What a program does with a host path: read a file's bytes, list a directory, or only look it up. */
export type HostAccess = 'read' | 'list' | 'probe';

/**
 * Why any user inside the sandbox might not get what this process gets for `path`, or undefined: every directory
 * on the way searchable by others; for a read, a regular file readable by others and not too large; for a
 * listing, a directory readable and searchable by others.
 */
export function hostReadProblem(path: string, access: HostAccess): string | undefined {
  const parts = normalizePath(path).split('/').filter(Boolean);
  for (let depth = 1; depth < parts.length; depth++) {
    const directory = `/${parts.slice(0, depth).join('/')}`;
    try {
      if ((statSync(directory).mode & 0o001) === 0)
        return `host directory not searchable by others: ${directory}`;
    } catch {
      return undefined;
    }
  }
  if (access === 'probe') return undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (access === 'list' && (stat.mode & 0o005) !== 0o005)
        return `host directory not readable by others: ${path}`;
      return undefined;
    }
    if (!stat.isFile()) return `host special file: ${path}`;
    if ((stat.mode & 0o004) === 0) return `host file not readable by others: ${path}`;
    if (stat.size > HOST_FILE_MAX_BYTES) return `host file larger than ${HOST_FILE_MAX_BYTES} bytes: ${path}`;
  } catch {
    return undefined;
  }
  return undefined;
}
