/**
 * A file system wrapper that records every path a command touches, so the twin can tell afterwards whether a
 * command read or wrote anything it does not know (the host's /etc, a file a model's turn made).
 */
import type { IFileSystem } from 'just-bash';

const PATH_METHODS = new Set([
  'readFile',
  'readFileBuffer',
  'readFileBytes',
  'writeFile',
  'appendFile',
  'exists',
  'stat',
  'lstat',
  'mkdir',
  'readdir',
  'readdirWithFileTypes',
  'rm',
  'cp',
  'mv',
  'chmod',
  'symlink',
  'link',
  'readlink',
  'realpath',
  'utimes',
]);

export interface TouchedPath {
  readonly method: string;
  readonly path: string;
}

/** `fs` with every call's path arguments appended to `touched`. */
export function recordingFs(fs: IFileSystem, touched: TouchedPath[]): IFileSystem {
  return new Proxy(fs, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = String(property);
      return (...args: unknown[]) => {
        if (PATH_METHODS.has(method)) {
          const count =
            method === 'cp' || method === 'mv' || method === 'link' || method === 'symlink' ? 2 : 1;
          for (const arg of args.slice(0, count)) {
            if (typeof arg === 'string') touched.push({ method, path: arg });
          }
        }
        return (value as (...callArgs: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
