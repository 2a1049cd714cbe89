import { accessSync, constants } from 'node:fs';
import { SANDBOX_PATH } from '../../engines/real/sandbox/sandbox-command.js';
import type { SeededRandom } from './random.js';
import type { Vocabulary } from './vocabulary.js';

/** Bash builtins and reserved words: never used as a "missing" command name. */
const BASH_WORDS = new Set(
  (
    'alias bg bind break builtin caller case cd command compgen complete compopt continue coproc declare dirs ' +
    'disown do done echo elif else enable esac eval exec exit export false fc fg fi for function getopts hash ' +
    'help history if in jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return ' +
    'select set shift shopt source suspend test then time times trap true type typeset ulimit umask unalias ' +
    'unset until wait while'
  ).split(' '),
);

/** Mistyped command names, as people really type them. */
const TYPOS = [
  'gerp',
  'grpe',
  'sotr',
  'mkdri',
  'mkidr',
  'tial',
  'haed',
  'ehco',
  'ecoh',
  'pwdd',
  'chmdo',
  'touhc',
  'claer',
  'pyhton',
  'histroy',
  'gti',
  'sduo',
  'exti',
  'cdd',
  'lsl',
  'mvoe',
  'cpoy',
  'rmdri',
  'wcl',
  'uniqe',
  'sortt',
  'awkk',
  'seds',
] as const;

const installed = new Map<string, boolean>();

/** Whether `name` is a program on the sandbox's PATH (the sandbox sees the host's root read-only). */
export function isInstalledCommand(name: string): boolean {
  const known = installed.get(name);
  if (known !== undefined) return known;
  let found = false;
  for (const directory of SANDBOX_PATH.split(':')) {
    try {
      accessSync(`${directory}/${name}`, constants.F_OK);
      found = true;
      break;
    } catch {
      // Not in this directory.
    }
  }
  installed.set(name, found);
  return found;
}

/**
 * A command name that does not exist: a typo of a common command or a made-up compound. Single short words
 * are never used, so no draw can start a real (possibly interactive) program; every name is also checked
 * against PATH and bash's own words.
 */
export function missingCommandName(random: SeededRandom, words: Vocabulary): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const roll = random.next();
    const name =
      roll < 0.35
        ? random.pick(TYPOS)
        : roll < 0.6
          ? `${words.word()}${words.word()}`
          : roll < 0.75
            ? `${words.word()}-${words.word()}`
            : roll < 0.9
              ? `${words.word()}${random.int(2, 99)}`
              : `${words.randomString(5, 9)}`;
    if (name.length >= 4 && !BASH_WORDS.has(name) && !isInstalledCommand(name)) return name;
  }
  return `${words.word()}-${words.word()}-${random.int(100, 999)}`;
}
