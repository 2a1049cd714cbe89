/** The twin's files: what lies under its known roots, copied in and out of a just-bash in-memory file system. */
import { type IFileSystem, InMemoryFs } from 'just-bash';
import { isWithin } from '../../domains/terminal/paths.js';

export type FileRecord =
  | { readonly kind: 'directory'; readonly mode: number }
  | { readonly kind: 'file'; readonly mode: number; readonly content: Uint8Array }
  | { readonly kind: 'symlink'; readonly target: string };

/** Path → entry, for every path under the roots (the roots included). */
export type VirtualFiles = ReadonlyMap<string, FileRecord>;

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

/** A fresh in-memory file system holding `files`. */
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
  return fs;
}

/** Every entry of `fs` under `roots`. */
export async function captureFiles(fs: IFileSystem, roots: readonly string[]): Promise<VirtualFiles> {
  const files = new Map<string, FileRecord>();
  for (const path of fs.getAllPaths()) {
    if (!roots.some((root) => isWithin(path, root) || isWithin(root, path))) continue;
    const stat = await fs.lstat(path);
    if (stat.isSymbolicLink) files.set(path, { kind: 'symlink', target: await fs.readlink(path) });
    else if (stat.isDirectory) files.set(path, { kind: 'directory', mode: stat.mode & 0o7777 });
    else files.set(path, { kind: 'file', mode: stat.mode & 0o7777, content: await fs.readFileBuffer(path) });
  }
  return files;
}
