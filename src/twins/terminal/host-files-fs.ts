/**
 * The twin's file system with the host's shown files (host-files.ts) read lazily from this machine, read-only:
 * reads of such a path go to node:fs, a change to one is refused and recorded as a problem (the twin declines),
 * every other path goes to the twin's in-memory file system.
 */
import {
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import type { BufferEncoding, FsStat, IFileSystem } from 'just-bash';
import { normalizePath } from '../../domains/terminal/paths.js';
import { type HostAccess, hostReadProblem, hostVisibility } from './host-files.js';

const CHANGES = new Set([
  'writeFile',
  'appendFile',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'chmod',
  'symlink',
  'link',
  'utimes',
]);
/**
 * Errors whose text the virtual shell's programs print as GNU's do; others are declined (its `cat` says "No such
 * file or directory" for a directory, where GNU says "Is a directory").
 */
const KNOWN_ERRORS = new Set(['ENOENT']);

function fsStat(stats: Stats): FsStat {
  return {
    isFile: stats.isFile(),
    isDirectory: stats.isDirectory(),
    isSymbolicLink: stats.isSymbolicLink(),
    mode: stats.mode,
    size: stats.size,
    mtime: stats.mtime,
  };
}

/** `fs` with the host's shown files under it; `problems` collects why a host access cannot be answered exactly. */
export function hostFilesFs(fs: IFileSystem, roots: readonly string[], problems: string[]): IFileSystem {
  const isHost = (path: string): boolean => hostVisibility(normalizePath(path), roots).kind === 'host';
  const guarded = <T>(path: string, access: HostAccess, read: () => T): T => {
    const problem = hostReadProblem(normalizePath(path), access);
    if (problem !== undefined) {
      problems.push(problem);
      throw new Error(`EACCES: permission denied, open '${path}'`);
    }
    try {
      return read();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !KNOWN_ERRORS.has(code))
        problems.push(`host error ${String(code)}: ${path}`);
      throw error;
    }
  };
  const bytes = (path: string): Uint8Array =>
    guarded(path, 'read', () => new Uint8Array(readFileSync(normalizePath(path))));
  const host: Partial<Record<keyof IFileSystem, (...args: never[]) => unknown>> = {
    readFile: async (path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding) => {
      const encoding = typeof options === 'string' ? options : (options?.encoding ?? 'utf8');
      return Buffer.from(bytes(path)).toString(encoding === 'utf-8' ? 'utf8' : (encoding ?? 'utf8'));
    },
    readFileBuffer: async (path: string) => bytes(path),
    readFileBytes: async (path: string) => Buffer.from(bytes(path)).toString('latin1'),
    exists: async (path: string) => {
      try {
        statSync(normalizePath(path));
        return true;
      } catch {
        return false;
      }
    },
    stat: async (path: string) => guarded(path, 'probe', () => fsStat(statSync(normalizePath(path)))),
    lstat: async (path: string) => guarded(path, 'probe', () => fsStat(lstatSync(normalizePath(path)))),
    readdir: async (path: string) => guarded(path, 'list', () => readdirSync(normalizePath(path)).sort()),
    readdirWithFileTypes: async (
      path: string,
    ): Promise<Array<{ name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }>> =>
      guarded(path, 'list', () =>
        readdirSync(normalizePath(path), { withFileTypes: true })
          .map((entry) => ({
            name: entry.name,
            isFile: entry.isFile(),
            isDirectory: entry.isDirectory(),
            isSymbolicLink: entry.isSymbolicLink(),
          }))
          .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0)),
      ),
    readlink: async (path: string) => guarded(path, 'probe', () => readlinkSync(normalizePath(path))),
    realpath: async (path: string) => guarded(path, 'probe', () => realpathSync(normalizePath(path))),
  };
  return new Proxy(fs, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = String(property) as keyof IFileSystem;
      const hostMethod = host[method];
      return (...args: unknown[]) => {
        const paths = args
          .slice(0, method === 'cp' || method === 'mv' || method === 'link' ? 2 : 1)
          .filter((arg): arg is string => typeof arg === 'string');
        const onHost = paths.filter((path) => path.startsWith('/') && isHost(path));
        if (method === 'symlink')
          onHost.splice(0, onHost.length, ...(isHost(String(args[1])) ? [String(args[1])] : []));
        if (onHost.length > 0 && CHANGES.has(method)) {
          problems.push(`change to the host's read-only files: ${onHost.join(' ')}`);
          return Promise.reject(new Error(`EROFS: read-only file system, open '${onHost[0]}'`));
        }
        if (hostMethod !== undefined && onHost.length > 0 && paths.length === 1) {
          return (hostMethod as (...callArgs: unknown[]) => unknown)(...args);
        }
        return (value as (...callArgs: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
