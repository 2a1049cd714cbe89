/**
 * The twin's files: what lies under its known roots, copied in and out of a just-bash in-memory file system, each
 * with its modification time when the twin knows it (it wrote the entry while answering live; see FileClock).
 */
import { type IFileSystem, InMemoryFs } from 'just-bash';
import { isWithin } from '../../domains/terminal/paths.js';

/** `mtimeMs` undefined: the twin does not know when the entry last changed (`ls -l` then declines). */
export type FileRecord =
  | { readonly kind: 'directory'; readonly mode: number; readonly mtimeMs?: number | undefined }
  | {
      readonly kind: 'file';
      readonly mode: number;
      readonly content: Uint8Array;
      readonly mtimeMs?: number | undefined;
    }
  | { readonly kind: 'symlink'; readonly target: string; readonly mtimeMs?: number | undefined };

/** Path → entry, for every path under the roots (the roots included). */
export type VirtualFiles = ReadonlyMap<string, FileRecord>;

/** The modification time an entry of unknown time is given in the in-memory file system. */
const UNKNOWN_TIME = new Date(0);

/** When a line ran, and whether its time is the session's (live) or unknown (a world rebuilt from history). */
export interface FileClock {
  readonly startedMs: number;
  readonly known: boolean;
  /** Whether the line copies (`cp`: new times) or moves (`mv`: times kept) files. */
  readonly copies: boolean;
  readonly moves: boolean;
}

export function emptyFiles(directories: readonly string[]): VirtualFiles {
  const files = new Map<string, FileRecord>();
  for (const directory of directories) {
    const parts = directory.split('/').filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth++) {
      files.set(`/${parts.slice(0, depth).join('/')}`, { kind: 'directory', mode: 0o755 });
    }
  }
  return files;
}

/** A fresh in-memory file system holding `files`, each entry with its time (or UNKNOWN_TIME). */
export async function materialize(files: VirtualFiles): Promise<InMemoryFs> {
  const fs = new InMemoryFs();
  const paths = [...files.keys()].sort((left, right) => left.length - right.length);
  for (const path of paths) {
    const record = files.get(path);
    if (record === undefined) continue;
    if (record.kind === 'directory') {
      await fs.mkdir(path, { recursive: true });
      await fs.chmod(path, record.mode);
    } else if (record.kind === 'file') {
      fs.writeFileSync(path, record.content, undefined, { mode: record.mode });
    } else {
      await fs.symlink(record.target, path);
    }
  }
  for (const [path, record] of files) {
    if (record.kind === 'symlink') continue;
    const time = record.mtimeMs === undefined ? UNKNOWN_TIME : new Date(record.mtimeMs);
    await fs.utimes(path, time, time);
  }
  return fs;
}

/** Whether an in-memory time is the twin's mark for an unknown one. */
export function isUnknownTime(mtime: Date | undefined): boolean {
  return mtime === undefined || mtime.getTime() === UNKNOWN_TIME.getTime();
}

function childrenOf(paths: Iterable<string>): Map<string, string> {
  const children = new Map<string, string[]>();
  for (const path of paths) {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (parent === path) continue;
    children.set(parent, [...(children.get(parent) ?? []), path]);
  }
  return new Map([...children].map(([parent, list]) => [parent, list.sort().join('\n')]));
}

/**
 * Every entry of `fs` under `roots`, with its time: kept from `before` when unchanged; the in-memory time for
 * what the line wrote; for a directory whose entries changed, the line's end. A line whose clock is not known
 * leaves what it changed without a time.
 */
export async function captureFiles(
  fs: IFileSystem,
  roots: readonly string[],
  before: VirtualFiles,
  clock: FileClock,
): Promise<VirtualFiles> {
  const files = new Map<string, FileRecord>();
  const paths = fs
    .getAllPaths()
    .filter((path) => roots.some((root) => isWithin(path, root) || isWithin(root, path)));
  const childrenAfter = childrenOf(paths);
  const childrenBefore = childrenOf(before.keys());
  const endedMs = Date.now();
  const changedTime = (mtimeMs: number | undefined): number | undefined =>
    clock.known ? mtimeMs : undefined;
  for (const path of paths) {
    const stat = await fs.lstat(path);
    const previous = before.get(path);
    const mtime = isUnknownTime(stat.mtime) ? undefined : stat.mtime.getTime();
    /** An entry the line did not write carries the time it had (its own, or a moved or copied one's). */
    const carried = mtime === undefined || mtime < clock.startedMs;
    let mtimeMs: number | undefined;
    if (stat.isDirectory) {
      const same = previous?.kind === 'directory' && childrenBefore.get(path) === childrenAfter.get(path);
      mtimeMs = same ? previous.mtimeMs : changedTime(endedMs);
    } else if (!carried) mtimeMs = changedTime(mtime);
    else if (previous !== undefined && previous.kind !== 'directory' && previous.mtimeMs === mtime)
      mtimeMs = previous.mtimeMs;
    else
      mtimeMs =
        clock.moves && !clock.copies
          ? mtime
          : clock.copies && !clock.moves
            ? changedTime(endedMs)
            : undefined;
    if (stat.isSymbolicLink) files.set(path, { kind: 'symlink', target: await fs.readlink(path), mtimeMs });
    else if (stat.isDirectory) files.set(path, { kind: 'directory', mode: stat.mode & 0o7777, mtimeMs });
    else
      files.set(path, {
        kind: 'file',
        mode: stat.mode & 0o7777,
        content: await fs.readFileBuffer(path),
        mtimeMs,
      });
  }
  return files;
}
