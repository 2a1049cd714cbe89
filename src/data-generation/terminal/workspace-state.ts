import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files larger than this are listed but their text is not read. */
const MAX_TEXT_BYTES = 4096;
/** Control bytes that text files never hold (tab, line feed and carriage return are text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control bytes is the point
const BINARY_BYTE = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;
/** A session never makes more than a few dozen entries; this bounds a runaway loop. */
const MAX_ENTRIES = 400;

export type EntryKind = 'file' | 'directory' | 'other';

/** One entry under the session's workspace, as the host sees it. */
export interface WorkspaceEntry {
  /** Path relative to the workspace, `/`-separated, e.g. `notes/todo.txt`. */
  readonly path: string;
  /** The last path component. */
  readonly name: string;
  /** The relative path of the directory holding it (`''` for the workspace itself). */
  readonly parent: string;
  readonly kind: EntryKind;
  /** Permission bits (e.g. 0o644). */
  readonly mode: number;
  readonly size: number;
  /** The text of a small regular file (undefined for directories and large files). */
  readonly text: string | undefined;
}

/**
 * Every entry under the workspace, sorted by path (byte order, as `LC_ALL=C` sorts). A git repository's own
 * `.git` directory is not among the entries (the families must not pick git's internal files as arguments);
 * the directories holding one are listed in `repositories`.
 */
export interface WorkspaceState {
  readonly entries: readonly WorkspaceEntry[];
  readonly byPath: ReadonlyMap<string, WorkspaceEntry>;
  /** Relative paths (`''` for the workspace itself) of the directories that hold a `.git` directory. */
  readonly repositories: readonly string[];
}

function compareBytes(left: string, right: string): number {
  if (left === right) return 0;
  return Buffer.compare(Buffer.from(left), Buffer.from(right));
}

/**
 * Reads the real state of a session's workspace from the host side (`PtyShell.workspaceDirectory`: the host
 * directory the sandbox shows as the session's start directory), so the grammar picks its arguments from what
 * really exists. The host reads it as the directory's owner, so files the sandboxed user made unreadable are still
 * read here.
 */
export function readWorkspaceState(workspaceDirectory: string): WorkspaceState {
  const entries: WorkspaceEntry[] = [];
  const repositories: string[] = [];
  const visit = (relative: string): void => {
    let names: string[];
    try {
      names = readdirSync(relative === '' ? workspaceDirectory : join(workspaceDirectory, relative));
    } catch {
      return;
    }
    names.sort(compareBytes);
    for (const name of names) {
      if (entries.length >= MAX_ENTRIES) return;
      if (name === '.git') {
        repositories.push(relative);
        continue;
      }
      const path = relative === '' ? name : `${relative}/${name}`;
      const absolute = join(workspaceDirectory, path);
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(absolute);
      } catch {
        continue;
      }
      const kind: EntryKind = stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
      let text: string | undefined;
      if (kind === 'file' && stat.size <= MAX_TEXT_BYTES) {
        try {
          text = readFileSync(absolute, 'latin1');
        } catch {
          text = undefined;
        }
        // A binary file (an archive the agent families made) is listed but never read out as text.
        if (text !== undefined && BINARY_BYTE.test(text)) text = undefined;
      }
      entries.push({
        path,
        name,
        parent: relative,
        kind,
        mode: stat.mode & 0o7777,
        size: stat.size,
        text,
      });
      if (kind === 'directory') visit(path);
    }
  };
  visit('');
  entries.sort((left, right) => compareBytes(left.path, right.path));
  return {
    entries,
    byPath: new Map(entries.map((entry) => [entry.path, entry])),
    repositories: repositories.sort(compareBytes),
  };
}
