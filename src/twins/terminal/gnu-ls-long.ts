/**
 * `ls -l` as GNU coreutils prints it: mode, link count, owner and group, size, modification time (`Dec  7 15:31`
 * within six months, else `Dec  7  2025`, local time) and name, columns aligned, `total` in 1 KiB blocks for a
 * directory. The twin's own entries take their times from its clock (virtual-files.ts), owner root and sizes as
 * the sandbox's tmpfs directories give them (each writable root is a tmpfs: isolated-sandbox-command.ts); the
 * host's files show their real metadata with the owner `nobody nogroup`, as the sandbox's user namespace shows
 * them (measured). Anything the twin does not know (a time it did not see, an ordinary user's session, whose
 * files belong to a host user name) makes it decline.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import type { IFileSystem } from 'just-bash';
import { isWithin, normalizePath } from '../../domains/terminal/paths.js';
import { hostVisibility } from './host-files.js';
import { isUnknownTime, type VirtualFiles } from './virtual-files.js';

const SIX_MONTHS_MS = (365.2425 / 2) * 24 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface LongListingContext {
  readonly fs: IFileSystem;
  readonly roots: readonly string[];
  /** The twin's files before the line: a directory whose entries changed since was changed now. */
  readonly before: VirtualFiles;
  readonly user: string;
}

interface EntryFacts {
  readonly mode: string;
  readonly links: number;
  readonly owner: string;
  readonly group: string;
  readonly size: number;
  /** 1 KiB blocks. */
  readonly blocks: number;
  readonly mtimeMs: number;
  readonly target?: string;
}

/** Thrown (and turned into the twin's decline) when an entry's facts are not known. */
export class UnknownFacts extends Error {}

export function modeString(kind: 'file' | 'directory' | 'symlink', mode: number): string {
  const type = kind === 'directory' ? 'd' : kind === 'symlink' ? 'l' : '-';
  const bits = (shift: number, special: number, letter: string): string => {
    const part = (mode >> shift) & 7;
    const execute = (part & 1) !== 0;
    const last = (mode & special) !== 0 ? (execute ? letter : letter.toUpperCase()) : execute ? 'x' : '-';
    return `${part & 4 ? 'r' : '-'}${part & 2 ? 'w' : '-'}${last}`;
  };
  return `${type}${bits(6, 0o4000, 's')}${bits(3, 0o2000, 's')}${bits(0, 0o1000, 't')}`;
}

function pageBlocks(size: number): number {
  return Math.ceil(size / 4096) * 4;
}

async function twinFacts(context: LongListingContext, path: string): Promise<EntryFacts> {
  const { fs } = context;
  const stat = await fs.lstat(path);
  const kind = stat.isSymbolicLink ? 'symlink' : stat.isDirectory ? 'directory' : 'file';
  let mtimeMs = isUnknownTime(stat.mtime) ? undefined : stat.mtime.getTime();
  if (kind === 'symlink') {
    const target = await fs.readlink(path);
    if (mtimeMs === undefined) throw new UnknownFacts(`time of ${path}`);
    return {
      mode: 'lrwxrwxrwx',
      links: 1,
      owner: 'root',
      group: 'root',
      size: target.length,
      blocks: 0,
      mtimeMs,
      target,
    };
  }
  if (kind === 'directory') {
    const names = await fs.readdir(path);
    const previous = context.before.get(path);
    const childrenBefore = [...context.before.keys()]
      .filter((other) => other !== path && (other.slice(0, other.lastIndexOf('/')) || '/') === path)
      .map((other) => other.slice(other.lastIndexOf('/') + 1))
      .sort();
    const changed = previous === undefined || childrenBefore.join('\n') !== [...names].sort().join('\n');
    mtimeMs = changed ? Date.now() : previous?.mtimeMs;
    let subdirectories = 0;
    for (const name of names) {
      if ((await fs.lstat(`${path === '/' ? '' : path}/${name}`)).isDirectory) subdirectories++;
    }
    if (mtimeMs === undefined) throw new UnknownFacts(`time of ${path}`);
    return {
      mode: modeString('directory', stat.mode),
      links: 2 + subdirectories,
      owner: 'root',
      group: 'root',
      // tmpfs: 40 bytes and 20 more per entry, no blocks.
      size: 40 + 20 * names.length,
      blocks: 0,
      mtimeMs,
    };
  }
  if (mtimeMs === undefined) throw new UnknownFacts(`time of ${path}`);
  return {
    mode: modeString('file', stat.mode),
    links: 1,
    owner: 'root',
    group: 'root',
    size: stat.size,
    blocks: pageBlocks(stat.size),
    mtimeMs,
  };
}

function hostFacts(path: string): EntryFacts {
  const stat = lstatSync(path);
  const kind = stat.isSymbolicLink()
    ? 'symlink'
    : stat.isDirectory()
      ? 'directory'
      : stat.isFile()
        ? 'file'
        : undefined;
  if (kind === undefined) throw new UnknownFacts(`special host file ${path}`);
  return {
    mode: modeString(kind, stat.mode),
    links: stat.nlink,
    // The sandbox's user namespace maps only its own user: every host file's owner shows as the overflow ids.
    owner: 'nobody',
    group: 'nogroup',
    size: stat.size,
    blocks: Math.ceil(stat.blocks / 2),
    mtimeMs: stat.mtimeMs,
    ...(kind === 'symlink' ? { target: readlinkSync(path) } : {}),
  };
}

/** The facts of the entry at `path` (absolute), from the twin's files or the host's. */
export async function entryFacts(context: LongListingContext, path: string): Promise<EntryFacts> {
  if (context.user !== 'root') throw new UnknownFacts('owners in an ordinary user’s session');
  const normalized = normalizePath(path);
  if (context.roots.some((root) => isWithin(normalized, root))) return twinFacts(context, normalized);
  if (hostVisibility(normalized, context.roots).kind === 'host') return hostFacts(normalized);
  throw new UnknownFacts(`metadata of ${normalized}`);
}

export function timeText(mtimeMs: number, nowMs: number): string {
  const date = new Date(mtimeMs);
  const day = String(date.getDate()).padStart(2, ' ');
  const month = MONTHS[date.getMonth()] ?? '';
  const recent = mtimeMs <= nowMs && nowMs - mtimeMs < SIX_MONTHS_MS;
  if (recent) {
    const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
    return `${month} ${day} ${time}`;
  }
  return `${month} ${day}  ${date.getFullYear()}`;
}

/** The `ls -l` lines of `entries` (name shown, absolute path), aligned together, and their 1 KiB blocks. */
export async function longLines(
  context: LongListingContext,
  entries: ReadonlyArray<{ readonly name: string; readonly path: string }>,
): Promise<{ lines: string[]; blocks: number }> {
  const facts = await Promise.all(entries.map((entry) => entryFacts(context, entry.path)));
  const nowMs = Date.now();
  const width = (values: readonly (string | number)[]) =>
    Math.max(0, ...values.map((value) => String(value).length));
  const links = width(facts.map((fact) => fact.links));
  const owners = width(facts.map((fact) => fact.owner));
  const groups = width(facts.map((fact) => fact.group));
  const sizes = width(facts.map((fact) => fact.size));
  const lines = facts.map((fact, index) => {
    const name = entries[index]?.name ?? '';
    return [
      fact.mode,
      String(fact.links).padStart(links),
      fact.owner.padEnd(owners),
      fact.group.padEnd(groups),
      String(fact.size).padStart(sizes),
      timeText(fact.mtimeMs, nowMs),
      fact.target === undefined ? name : `${name} -> ${fact.target}`,
    ].join(' ');
  });
  return { lines, blocks: facts.reduce((sum, fact) => sum + fact.blocks, 0) };
}
