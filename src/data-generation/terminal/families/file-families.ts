import type { GrammarView } from '../grammar-view.js';
import { quoteWordVaried } from '../shell-quote.js';
import type { WorkspaceEntry } from '../workspace-state.js';
import type { CommandFamily } from './command-family.js';

const LS_OPTIONS = [
  '',
  '',
  '',
  '',
  '-a',
  '-A',
  '-1',
  '-F',
  '-p',
  '-r',
  '-m',
  '-x',
  '-aF',
  '-1r',
  '-AF',
] as const;

/** Whether a subtree holds anything the owner cannot write (rm -r would ask about it on a terminal). */
function holdsProtected(view: GrammarView, entry: WorkspaceEntry): boolean {
  return view.state.entries.some(
    (other) =>
      (other.path === entry.path || other.path.startsWith(`${entry.path}/`)) &&
      ((other.mode & 0o200) === 0 || (other.kind === 'directory' && (other.mode & 0o500) !== 0o500)),
  );
}

function subtreeSize(view: GrammarView, entry: WorkspaceEntry): number {
  return view.state.entries.filter((other) => other.path.startsWith(`${entry.path}/`)).length;
}

/** `ls` with the common flags (never -l: sizes and dates depend on the machine). */
export const lsFamily: CommandFamily = {
  name: 'ls',
  weight: 8,
  anywhere: true,
  build(view) {
    const random = view.random;
    if (view.here === undefined) {
      // Outside the workspace only the private /tmp, /home and a home that is not the workspace are listed
      // (what they hold is the sandbox's own, not the machine's).
      const cwd = view.snapshot.cwd;
      const listable = cwd === '/tmp' || cwd === '/home' || cwd === view.identity.home;
      return listable ? random.pick(['ls', 'ls -a', 'ls -1']) : undefined;
    }
    const option = random.pick(LS_OPTIONS);
    const prefix = option === '' ? 'ls' : `ls ${option}`;
    const roll = random.next();
    const directories = view.reachableEntries(false).filter((entry) => entry.kind === 'directory');
    if (roll < 0.55 || view.entriesHere().length === 0) {
      if (random.chance(0.06)) {
        const small = view.entriesHere().length + directories.length < 14;
        if (small) return 'ls -R';
      }
      return prefix;
    }
    if (roll < 0.8 && directories.length > 0) {
      const directory = view.pickNear(directories);
      if (directory !== undefined) return `${prefix} ${view.refer(directory)}`;
    }
    if (roll < 0.86) {
      const extensions = [
        ...new Set(view.filesHere().map((file) => /\.[a-z]+$/.exec(file.name)?.[0])),
      ].filter((extension): extension is string => extension !== undefined);
      if (extensions.length > 0) return `${prefix} *${random.pick(extensions)}`;
    }
    if (roll < 0.93) {
      const files = view.filesHere();
      if (files.length > 0) return `${prefix} ${view.refer(random.pick(files))}`;
    }
    if (random.chance(0.5) && directories.length > 0) {
      return `ls -d ${random.pick(['*/', `${view.refer(random.pick(directories))}`])}`;
    }
    return `${prefix} ${quoteWordVaried(view.missingName(), random)}`;
  },
};

export const mkdirFamily: CommandFamily = {
  name: 'mkdir',
  weight: 5,
  creates: true,
  build(view) {
    const random = view.random;
    const roll = random.next();
    if (roll < 0.12 && view.canWriteHere()) {
      // Make a directory and go into it, as agents often do.
      if (random.chance(0.3)) {
        const parts = [view.words.baseName(), view.words.baseName()];
        return `mkdir -p ${parts.join('/')} && cd ${parts.join('/')}`;
      }
      const name = quoteWordVaried(view.freshDirectoryName(), random);
      return `mkdir ${random.chance(0.6) ? '-p ' : ''}${name} && cd ${name}`;
    }
    if (roll < 0.45) return `mkdir ${quoteWordVaried(view.freshDirectoryName(), random)}`;
    if (roll < 0.7) {
      const depth = random.int(2, 3);
      const parts: string[] = [];
      for (let index = 0; index < depth; index++) parts.push(view.words.baseName());
      return `mkdir -p ${parts.join('/')}`;
    }
    if (roll < 0.82) {
      const names = [view.freshDirectoryName(), view.freshDirectoryName()];
      if (names[0] === names[1]) return `mkdir ${quoteWordVaried(names[0] as string, random)}`;
      return `mkdir ${names.map((name) => quoteWordVaried(name, random)).join(' ')}`;
    }
    if (roll < 0.9) return `mkdir -v ${quoteWordVaried(view.freshDirectoryName(), random)}`;
    // An entry that already exists: mkdir refuses.
    const existing = view.entriesHere();
    if (existing.length === 0) return undefined;
    return `mkdir ${view.refer(random.pick(existing))}`;
  },
};

export const touchFamily: CommandFamily = {
  name: 'touch',
  weight: 4,
  creates: true,
  build(view) {
    const random = view.random;
    const roll = random.next();
    if (roll < 0.5) return `touch ${quoteWordVaried(view.freshFileName(), random)}`;
    if (roll < 0.75) {
      const count = random.int(2, 4);
      const names = new Set<string>();
      for (let index = 0; index < count; index++) names.add(view.freshFileName());
      return `touch ${[...names].map((name) => quoteWordVaried(name, random)).join(' ')}`;
    }
    const directories = view.directoriesHere();
    if (roll < 0.9 && directories.length > 0) {
      return `touch ${view.refer(random.pick(directories))}/${quoteWordVaried(view.words.fileName(), random)}`;
    }
    const files = view.filesHere();
    if (files.length === 0) return undefined;
    return `touch ${view.refer(random.pick(files))}`;
  },
};

export const rmFamily: CommandFamily = {
  name: 'rm',
  weight: 4,
  build(view) {
    const random = view.random;
    const files = view.reachableEntries(true).filter((entry) => entry.kind === 'file');
    const directories = view.directoriesHere();
    const roll = random.next();
    if (roll < 0.55 && files.length > 0) {
      const file = random.pick(files);
      const protectedFile = (file.mode & 0o200) === 0;
      const flag = protectedFile ? '-f ' : random.pick(['', '', '', '-v ', '-f ']);
      return `rm ${flag}${view.refer(file)}`;
    }
    if (roll < 0.75 && directories.length > 0) {
      const directory = random.pick(directories);
      const empty = subtreeSize(view, directory) === 0;
      if (empty && random.chance(0.5)) return `rmdir ${view.refer(directory)}`;
      if (holdsProtected(view, directory)) return `rm -rf ${view.refer(directory)}`;
      return `rm ${random.pick(['-r', '-r', '-rf', '-rv'])} ${view.refer(directory)}`;
    }
    if (roll < 0.82 && directories.length > 0) {
      const directory = random.pick(directories);
      // Without -r rm refuses a directory; rmdir refuses a non-empty one.
      if (subtreeSize(view, directory) > 0 && random.chance(0.5)) return `rmdir ${view.refer(directory)}`;
      return `rm ${view.refer(directory)}`;
    }
    if (roll < 0.9 && files.length > 1) {
      const chosen = random.sample(files, 2);
      const flag = chosen.some((file) => (file.mode & 0o200) === 0) ? '-f ' : '';
      return `rm ${flag}${chosen.map((file) => view.refer(file)).join(' ')}`;
    }
    const missing = quoteWordVaried(view.missingName(), random);
    return random.chance(0.3) ? `rm -f ${missing}` : `rm ${missing}`;
  },
};

export const mvFamily: CommandFamily = {
  name: 'mv',
  weight: 4,
  build(view) {
    const random = view.random;
    const entries = view.entriesHere();
    if (entries.length === 0) return undefined;
    const source = random.pick(entries);
    const directories = view.directoriesHere().filter((directory) => directory.path !== source.path);
    const roll = random.next();
    const verbose = random.chance(0.15) ? '-v ' : '';
    const rename = (): string => {
      const name = source.kind === 'directory' ? view.freshDirectoryName() : view.freshFileName();
      return `mv ${verbose}${view.refer(source)} ${quoteWordVaried(name, random)}`;
    };
    if (roll < 0.5) return rename();
    if (roll < 0.6) {
      return `mv ${quoteWordVaried(view.missingName(), random)} ${quoteWordVaried(view.freshFileName(), random)}`;
    }
    if (roll < 0.88 && directories.length > 0) {
      const target = random.pick(directories);
      const clash = view.state.byPath.get(`${target.path}/${source.name}`);
      const force = clash !== undefined && (clash.mode & 0o200) === 0 ? '-f ' : '';
      return `mv ${force}${verbose}${view.refer(source)} ${view.refer(target)}/`;
    }
    // Onto an existing file: replaced without a word (asked only when the target is write-protected).
    const files = view.filesHere().filter((file) => file.path !== source.path);
    if (source.kind !== 'file' || files.length === 0) return rename();
    const target = random.pick(files);
    const force = (target.mode & 0o200) === 0 ? '-f ' : '';
    return `mv ${force}${view.refer(source)} ${view.refer(target)}`;
  },
};

export const cpFamily: CommandFamily = {
  name: 'cp',
  weight: 4,
  creates: true,
  build(view) {
    const random = view.random;
    const files = view.reachableEntries(true).filter((entry) => entry.kind === 'file');
    const directories = view.directoriesHere();
    const roll = random.next();
    const verbose = random.chance(0.12) ? '-v ' : '';
    const missing = (): string =>
      `cp ${quoteWordVaried(view.missingName(), random)} ${quoteWordVaried(view.freshFileName(), random)}`;
    if (roll < 0.08) return missing();
    if (files.length === 0 && directories.length === 0) return random.chance(0.3) ? missing() : undefined;
    if (roll < 0.6 && files.length > 0) {
      return `cp ${verbose}${view.refer(random.pick(files))} ${quoteWordVaried(view.freshFileName(), random)}`;
    }
    if (roll < 0.8 && files.length > 0 && directories.length > 0) {
      return `cp ${verbose}${view.refer(random.pick(files))} ${view.refer(random.pick(directories))}/`;
    }
    if (directories.length > 0) {
      const directory = random.pick(directories);
      const recursive = random.chance(0.85) ? '-r ' : '';
      return `cp ${recursive}${verbose}${view.refer(directory)} ${quoteWordVaried(view.freshDirectoryName(), random)}`;
    }
    return `cp ${verbose}${view.refer(random.pick(files))} ${quoteWordVaried(view.freshFileName(), random)}`;
  },
};

const FILE_MODES = [
  '+x',
  'u+x',
  '-w',
  'a-w',
  'u+w',
  '644',
  '600',
  '444',
  '000',
  'a-r',
  'u+r',
  '755',
  'go-w',
  '400',
];
const DIRECTORY_MODES = ['-w', 'u+w', '755', '700', '555', 'a-w', '000', 'u+rwx'];

export const chmodFamily: CommandFamily = {
  name: 'chmod',
  weight: 3,
  build(view) {
    const random = view.random;
    const entries = view.entriesHere();
    if (entries.length === 0) return undefined;
    const entry = random.pick(entries);
    if (random.chance(0.06)) return `chmod 644 ${quoteWordVaried(view.missingName(), random)}`;
    // Mostly give permissions back when they were taken away, so sessions do not lock themselves out.
    const locked =
      entry.kind === 'directory' ? (entry.mode & 0o700) !== 0o700 : (entry.mode & 0o600) !== 0o600;
    if (locked && random.chance(0.6)) {
      return `chmod ${entry.kind === 'directory' ? random.pick(['755', 'u+rwx']) : random.pick(['644', 'u+rw'])} ${view.refer(entry)}`;
    }
    const mode = random.pick(entry.kind === 'directory' ? DIRECTORY_MODES : FILE_MODES);
    return `chmod ${mode} ${view.refer(entry)}`;
  },
};
