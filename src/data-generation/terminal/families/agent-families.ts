import type { GrammarView } from '../grammar-view.js';
import { sandboxHasProgram } from '../program-availability.js';
import { quoteWordVaried, singleQuoted } from '../shell-quote.js';
import {
  archiveFamily,
  longListingFamily,
  longOutputFamily,
  packageFamily,
  systemFilesFamily,
} from './agent-system-families.js';
import type { CommandFamily } from './command-family.js';
import { hereDocument, pickReadable } from './text-families.js';

/**
 * The agent families: what coding agents type in a container beyond the training grammar. Drawn only in the
 * `agent` grammar mode (the training and extension modes, and so their held-out seeds, are unchanged). Outputs
 * that depend on the clock (commit hashes, `ls -l` dates) are recorded as real bash printed them: a model learns
 * their shape, not their value.
 */

/** The repository (a relative directory holding `.git`) the current directory is in, if any. */
function repositoryHere(view: GrammarView): string | undefined {
  const here = view.here;
  if (here === undefined) return undefined;
  return view.state.repositories.find(
    (repository) => repository === '' || here === repository || here.startsWith(`${repository}/`),
  );
}

function commitMessage(view: GrammarView): string {
  const words = view.words;
  const message = view.random.pick([
    `add ${words.word()}`,
    `update ${words.word()}`,
    `fix ${words.word()} ${words.word()}`,
    'initial commit',
    'Initial commit',
    `${words.capitalized(words.word())} ${words.word()}`,
    'wip',
  ]);
  return view.random.chance(0.6) ? `"${message}"` : singleQuoted(message);
}

/** `git config` of the author (global or in the repository), as agents do before their first commit. */
function gitIdentity(view: GrammarView): string {
  const words = view.words;
  const scope = view.random.chance(0.7) ? '--global ' : '';
  const name = words.capitalized(words.word());
  if (view.random.chance(0.5)) return `git config ${scope}user.name "${name}"`;
  if (view.random.chance(0.5)) return `git config ${scope}user.email "${words.word()}@example.com"`;
  return `git config ${scope}user.email ${words.word()}@example.com && git config ${scope}user.name ${singleQuoted(`${name} ${words.capitalized(words.word())}`)}`;
}

/**
 * A command reading the history or the changes. On a terminal, git shows `log`, `diff` and `branch` through a
 * pager that waits for keys (the generator cannot capture it), so these go through `--no-pager`, `-P`, `cat` or
 * `head`, as agents type them.
 */
function gitReading(view: GrammarView): string {
  const random = view.random;
  const files = view.filesHere();
  const file = files.length > 0 ? view.refer(random.pick(files)) : undefined;
  const pager = random.pick(['--no-pager ', '--no-pager ', '-P ']);
  return random.pick([
    `git ${pager}log --oneline`,
    `git ${pager}log --oneline -n ${random.int(1, 5)}`,
    `git log --oneline | head -n ${random.int(1, 5)}`,
    `git log --oneline | cat`,
    `git ${pager}log -1 --format=%s`,
    `git ${pager}log --format='%an: %s'`,
    `git ${pager}diff`,
    `git ${pager}diff --stat`,
    `git ${pager}diff --cached`,
    'git diff | cat',
    `git diff | head -n ${random.int(5, 20)}`,
    `git ${pager}diff --name-only`,
    file === undefined ? 'git diff --cached | cat' : `git ${pager}diff ${file}`,
    `git ${pager}branch`,
    'git branch | cat',
    `git ${pager}branch --show-current`,
    'git rev-parse --abbrev-ref HEAD',
    'git rev-parse --show-toplevel',
    'git ls-files',
  ]);
}

export const gitFamily: CommandFamily = {
  name: 'git',
  weight: 10,
  build(view) {
    if (!sandboxHasProgram('git') || view.here === undefined) return undefined;
    const random = view.random;
    const words = view.words;
    const repository = repositoryHere(view);
    if (repository === undefined) {
      if (!view.canWriteHere()) return random.pick(['git status', 'git --no-pager log --oneline']);
      const roll = random.next();
      if (roll < 0.55) return 'git init';
      if (roll < 0.7) return 'git init -q';
      if (roll < 0.82) return `git init ${quoteWordVaried(view.freshDirectoryName(), random)}`;
      if (roll < 0.9) return `git init && git add . && git commit -m ${commitMessage(view)}`;
      return random.pick(['git status', 'git --no-pager log --oneline', 'git diff | cat', 'git --version']);
    }
    const files = view.filesHere();
    const roll = random.next();
    if (roll < 0.2) return random.pick(['git status', 'git status', 'git status -s', 'git status --short']);
    if (roll < 0.36) {
      if (files.length > 0 && random.chance(0.5)) {
        const picked = random.pick(files);
        return `git add ${view.refer(picked)}`;
      }
      return random.pick(['git add .', 'git add -A', 'git add --all', 'git add *.txt']);
    }
    if (roll < 0.54) {
      const message = commitMessage(view);
      return random.pick([
        `git commit -m ${message}`,
        `git commit -m ${message}`,
        `git commit -am ${message}`,
        `git add . && git commit -m ${message}`,
        `git commit -q -m ${message}`,
      ]);
    }
    if (roll < 0.64) return gitIdentity(view);
    if (roll < 0.72) {
      const name = random.pick([
        words.word(),
        `feature/${words.word()}`,
        `fix-${words.word()}`,
        'dev',
        'main',
      ]);
      return random.pick([
        `git checkout -b ${name}`,
        `git switch -c ${name}`,
        `git branch ${name}`,
        `git checkout ${random.pick(['master', 'main', name])}`,
      ]);
    }
    if (roll < 0.8 && files.length > 0) {
      const file = view.refer(random.pick(files));
      return random.pick([
        `echo ${words.word()} >> ${file} && git --no-pager diff`,
        `echo ${words.word()} >> ${file} && git status -s`,
        `git rm --cached ${file}`,
        `git restore ${file}`,
        `git checkout -- ${file}`,
      ]);
    }
    return gitReading(view);
  },
};

/** A small program: its lines, for a here-document or `python3 -c` (one-liners joined by `; `). */
function pythonScript(view: GrammarView): string[] {
  const random = view.random;
  const words = view.words;
  const file = pickReadable(view);
  const name = words.word();
  const count = random.int(2, 6);
  const scripts: string[][] = [
    [`for i in range(${count}):`, `    print(i, '${name}')`],
    ['import sys', "print('args:', sys.argv[1:])"],
    [`def greet(name):`, `    return 'hello ' + name`, '', `print(greet('${name}'))`],
    [
      `words = ['${name}', '${words.word()}', '${words.word()}']`,
      'print(sorted(words))',
      'print(len(words))',
    ],
    [
      `total = 0`,
      `for n in [${random.int(1, 9)}, ${random.int(10, 99)}, ${random.int(1, 500)}]:`,
      '    total += n',
      "print('total', total)",
    ],
    [`data = {'${name}': ${random.int(1, 99)}}`, `print(data['${words.word()}'])`],
    [`items = [${random.int(1, 9)}, ${random.int(1, 9)}]`, `print(items[${random.int(2, 5)}])`],
    ['import os', 'print(os.getcwd())', 'print(sorted(os.listdir(".")))'],
    [`print(${name})`],
    [`print(${random.int(1, 99)} / 0)`],
    [`x = ${random.int(1, 9)}`, 'if x > 3', "    print('big')"],
    ['import json', `print(json.dumps({'name': '${name}', 'n': ${random.int(0, 99)}}))`],
  ];
  if (file !== undefined) {
    const path = view.refer(file).replace(/^~\//, `${view.identity.home}/`);
    scripts.push(
      [`with open('${path}') as f:`, '    lines = f.readlines()', 'print(len(lines), "lines")'],
      [`for line in open('${path}'):`, '    print(line.strip().upper())'],
    );
  }
  scripts.push([`open('${view.missingName()}')`]);
  return random.pick(scripts);
}

export const pythonFamily: CommandFamily = {
  name: 'python',
  weight: 10,
  build(view) {
    if (!sandboxHasProgram('python3') || view.here === undefined) return undefined;
    const random = view.random;
    const roll = random.next();
    const scripts = view.filesHere().filter((file) => file.name.endsWith('.py'));
    if (scripts.length > 0 && roll < 0.3) {
      const script = view.refer(random.pick(scripts));
      return random.pick([
        `python3 ${script}`,
        `python3 ${script}`,
        `python3 ${script} ${view.words.word()}`,
      ]);
    }
    if (roll < 0.55 && view.canWriteHere()) {
      const name = quoteWordVaried(`${view.words.baseName()}.py`, random);
      const lines = pythonScript(view);
      // Written and run in one line, as agents often do: `cat > x.py <<'EOF' && python3 x.py`.
      if (random.chance(0.4)) return [`cat > ${name} <<'EOF' && python3 ${name}`, ...lines, 'EOF'].join('\n');
      return hereDocument(lines, name);
    }
    if (roll < 0.62)
      return random.pick(['python3 --version', 'python3 -V', 'which python3', 'python --version']);
    if (roll < 0.68) return `python3 ${quoteWordVaried(`${view.missingName()}.py`, random)}`;
    if (roll < 0.76) {
      return `python3 <<'EOF'\n${pythonScript(view).join('\n')}\nEOF`;
    }
    const words = view.words;
    const a = random.int(2, 999);
    const b = random.int(2, 99);
    return random.pick([
      `python3 -c 'print(${a} + ${b})'`,
      `python3 -c 'print(${a} * ${b})'`,
      `python3 -c 'print(${a} // ${b}, ${a} % ${b})'`,
      `python3 -c "print('${words.word()}'.upper())"`,
      `python3 -c 'print(len("${words.word()}"))'`,
      `python3 -c 'print(sum(range(${b})))'`,
      `python3 -c 'import sys; print(sys.argv[1:])' ${words.word()} ${words.word()}`,
      `python3 -c 'print(1/0)'`,
      `python3 -c 'print(${words.word()})'`,
      `python3 -c 'import ${random.pick(['requests', 'numpy', 'yaml', 'flask', words.word()])}'`,
      `python3 -c "import json; print(json.dumps([${a}, '${words.word()}']))"`,
      `python3 -c 'import os; print(os.getcwd())'`,
    ]);
  },
};

/** Every agent family, in a fixed order (the order is part of what a seed means). */
export const AGENT_FAMILIES: readonly CommandFamily[] = [
  gitFamily,
  pythonFamily,
  packageFamily,
  systemFilesFamily,
  longListingFamily,
  longOutputFamily,
  archiveFamily,
];

export const AGENT_FAMILY_NAMES: readonly string[] = AGENT_FAMILIES.map((family) => family.name);
