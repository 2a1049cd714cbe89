import type { SeededRandom } from './random.js';
import { CLASSIC_IDENTITY, type ShellIdentity } from './session-identity.js';
import { quoteWordVaried } from './shell-quote.js';
import type { Vocabulary } from './vocabulary.js';
import type { WorkspaceEntry, WorkspaceState } from './workspace-state.js';

/** A shell variable the generated commands set in the session's shell. */
export interface ShellVariable {
  readonly value: string;
  readonly exported: boolean;
}

/** What a command family sees: the real workspace, the shell's directory and the variables it set. */
export interface GrammarSnapshot {
  readonly state: WorkspaceState;
  /** `$PWD` inside the sandbox. */
  readonly cwd: string;
  /** The directory before the last successful `cd`, if any (`cd -`). */
  readonly previousCwd: string | undefined;
  readonly variables: ReadonlyMap<string, ShellVariable>;
  /** 1-based index of the turn being generated. */
  readonly turn: number;
  /** Who the shell is and where its workspace is (default: the classic `user@sim`, working in its home). */
  readonly identity?: ShellIdentity;
}

/**
 * Helpers the command families share: which entries exist and are reachable from the current directory, and
 * how a person would refer to them (a bare name, `sub/name`, `../name`, `~/name` or an absolute path).
 */
export class GrammarView {
  readonly random: SeededRandom;
  readonly words: Vocabulary;
  readonly snapshot: GrammarSnapshot;
  readonly identity: ShellIdentity;
  /** The current directory relative to the workspace; undefined when the shell is outside it. */
  readonly here: string | undefined;

  constructor(random: SeededRandom, words: Vocabulary, snapshot: GrammarSnapshot) {
    this.random = random;
    this.words = words;
    this.snapshot = snapshot;
    this.identity = snapshot.identity ?? CLASSIC_IDENTITY;
    this.here = relativeToWorkspace(snapshot.cwd, this.identity.workspace);
  }

  get state(): WorkspaceState {
    return this.snapshot.state;
  }

  /** The workspace's absolute path inside the sandbox (the home directory, /workspace or /root). */
  get workspace(): string {
    return this.identity.workspace;
  }

  /** Whether the workspace is the home directory, so that `~/path` names a workspace path. */
  get workspaceIsHome(): boolean {
    return this.identity.workspace === this.identity.home;
  }

  /** A workspace path as typed from anywhere: `~/path` (when the workspace is the home) or absolute. */
  private fromTop(quotedPath: string, preferHome: boolean): string {
    return preferHome && this.workspaceIsHome ? `~/${quotedPath}` : `${this.workspace}/${quotedPath}`;
  }

  /** Whether every directory from the workspace down to `directory` (a relative path) can be entered. */
  searchable(directory: string): boolean {
    if (directory === '') return true;
    let path = '';
    for (const part of directory.split('/')) {
      path = path === '' ? part : `${path}/${part}`;
      const entry = this.state.byPath.get(path);
      if (entry === undefined || entry.kind !== 'directory' || (entry.mode & 0o100) === 0) return false;
    }
    return true;
  }

  /** Entries directly inside `directory` (relative path). */
  children(directory: string): WorkspaceEntry[] {
    return this.state.entries.filter((entry) => entry.parent === directory);
  }

  /** Entries directly inside the current directory (none when it is outside the workspace). */
  entriesHere(): WorkspaceEntry[] {
    if (this.here === undefined || !this.searchable(this.here)) return [];
    const here = this.here;
    if (here !== '') {
      const own = this.state.byPath.get(here);
      if (own === undefined || (own.mode & 0o400) === 0) return [];
    }
    return this.children(here);
  }

  filesHere(): WorkspaceEntry[] {
    return this.entriesHere().filter((entry) => entry.kind === 'file');
  }

  directoriesHere(): WorkspaceEntry[] {
    return this.entriesHere().filter((entry) => entry.kind === 'directory');
  }

  /** Files whose text can be read from here: present, readable, with known small text. */
  readableFiles(
    options: { readonly nearOnly?: boolean; readonly nonEmpty?: boolean } = {},
  ): WorkspaceEntry[] {
    return this.reachableEntries(options.nearOnly ?? false).filter(
      (entry) =>
        entry.kind === 'file' &&
        (entry.mode & 0o400) !== 0 &&
        entry.text !== undefined &&
        (!(options.nonEmpty ?? false) || entry.text.length > 0),
    );
  }

  /** Entries reachable by path from here: in the current directory and below it, and (unless `nearOnly`) elsewhere. */
  reachableEntries(nearOnly: boolean): WorkspaceEntry[] {
    if (this.here === undefined) return [];
    const here = this.here;
    return this.state.entries.filter((entry) => {
      if (!this.searchable(entry.parent)) return false;
      const inside = here === '' || entry.path.startsWith(`${here}/`);
      if (!inside) return !nearOnly;
      const depth = (here === '' ? entry.path : entry.path.slice(here.length + 1)).split('/').length;
      return depth <= (nearOnly ? 1 : 3);
    });
  }

  /** Picks an entry, preferring the current directory over subdirectories over the rest of the workspace. */
  pickNear(entries: readonly WorkspaceEntry[]): WorkspaceEntry | undefined {
    if (entries.length === 0) return undefined;
    const here = entries.filter((entry) => entry.parent === this.here);
    if (here.length > 0 && this.random.chance(0.8)) return this.random.pick(here);
    return this.random.pick(entries);
  }

  /** How a person would type the path of `entry` from the current directory. */
  refer(entry: Pick<WorkspaceEntry, 'path'>): string {
    return this.referPath(entry.path);
  }

  /** The same for any path relative to the workspace (which may not exist). */
  referPath(path: string): string {
    const here = this.here ?? '';
    const quoted = (relative: string): string =>
      relative
        .split('/')
        .map((part) => (part === '..' ? part : quoteWordVaried(part, this.random)))
        .join('/');
    if (this.here !== undefined && (here === '' || path.startsWith(`${here}/`))) {
      const relative = here === '' ? path : path.slice(here.length + 1);
      const roll = this.random.next();
      if (roll < 0.04) return this.fromTop(quoted(path), true);
      if (roll < 0.07) return this.fromTop(quoted(path), false);
      if (roll < 0.1) return `./${quoted(relative)}`;
      return quoted(relative);
    }
    // Elsewhere under the workspace: a relative path with `..`, or one from the workspace.
    const roll = this.random.next();
    if (this.here !== undefined && roll < 0.5) {
      const hereParts = here === '' ? [] : here.split('/');
      const targetParts = path.split('/');
      let common = 0;
      while (common < hereParts.length && hereParts[common] === targetParts[common]) common += 1;
      const ups = hereParts.length - common;
      if (ups <= 2)
        return [...Array<string>(ups).fill('..'), quoted(targetParts.slice(common).join('/'))].join('/');
    }
    return this.fromTop(quoted(path), roll < 0.8);
  }

  /** A relative path (from the workspace) for a new entry in the current directory. */
  pathHere(name: string): string {
    return this.here === undefined || this.here === '' ? name : `${this.here}/${name}`;
  }

  /** A new file name that does not exist in the current directory yet. */
  freshFileName(): string {
    return this.fresh(() => this.words.fileName());
  }

  freshDirectoryName(): string {
    return this.fresh(() => this.words.directoryName());
  }

  /** A name that does not exist here: a new word, or a typo of an existing name (a realistic slip). */
  missingName(): string {
    const existing = this.entriesHere();
    if (existing.length > 0 && this.random.chance(0.4)) {
      const name = this.random.pick(existing).name;
      const typo = this.typo(name);
      if (!this.state.byPath.has(this.pathHere(typo))) return typo;
    }
    return this.freshFileName();
  }

  /** Whether the current directory itself accepts new entries. */
  canWriteHere(): boolean {
    if (this.here === undefined) return false;
    if (this.here === '') return true;
    const own = this.state.byPath.get(this.here);
    return own !== undefined && (own.mode & 0o300) === 0o300;
  }

  private fresh(make: () => string): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = make();
      if (!this.state.byPath.has(this.pathHere(name))) return name;
    }
    return `${make()}${this.random.int(100, 999)}`;
  }

  private typo(name: string): string {
    const random = this.random;
    if (name.length < 3) return `${name}${random.pick(['s', '1', 'x'])}`;
    const position = random.int(1, name.length - 2);
    switch (random.int(0, 3)) {
      case 0:
        return name.slice(0, position) + name.slice(position + 1);
      case 1:
        return (
          name.slice(0, position) +
          name.charAt(position + 1) +
          name.charAt(position) +
          name.slice(position + 2)
        );
      case 2:
        return name.includes('.') ? `${name.slice(0, name.lastIndexOf('.'))}.txt.bak` : `${name}.txt`;
      default:
        return name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase();
    }
  }
}

/** With workspace `/home/user`: `/home/user/a/b` → `a/b`; `/home/user` → `''`; outside it → undefined. */
export function relativeToWorkspace(cwd: string, workspace: string): string | undefined {
  if (cwd === workspace) return '';
  if (cwd.startsWith(`${workspace}/`)) return cwd.slice(workspace.length + 1);
  return undefined;
}
