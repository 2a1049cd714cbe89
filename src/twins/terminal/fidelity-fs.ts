/**
 * A file system wrapper that notes the calls where just-bash's answer differs from GNU's, so the twin declines
 * the line: just-bash writes a file under a missing directory (creating it: `touch nodir/f` succeeds, `> nodir/f`
 * prints nothing) and reports a directory read as a file as missing (`cat dir` says No such file or directory).
 */
import { posix } from 'node:path';
import type { IFileSystem } from 'just-bash';

const WRITES = new Set(['writeFile', 'appendFile']);
const READS = new Set(['readFile', 'readFileBuffer', 'readFileBytes']);

async function isDirectory(fs: IFileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/** `fs` with every write under a missing directory and every read of a directory appended to `problems`. */
export function fidelityFs(fs: IFileSystem, problems: string[]): IFileSystem {
  return new Proxy(fs, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = String(property);
      const call = (args: unknown[]): unknown =>
        (value as (...callArgs: unknown[]) => unknown).apply(target, args);
      if (!WRITES.has(method) && !READS.has(method)) return (...args: unknown[]) => call(args);
      return async (...args: unknown[]) => {
        const [path] = args;
        if (typeof path === 'string') {
          if (WRITES.has(method) && !(await isDirectory(target, posix.dirname(path))))
            problems.push(`writes under a missing directory: ${path}`);
          if (READS.has(method) && (await isDirectory(target, path)))
            problems.push(`reads a directory as a file: ${path}`);
        }
        return call(args);
      };
    },
  });
}
