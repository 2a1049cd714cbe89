import { quoteWordVaried, singleQuoted } from '../shell-quote.js';
import type { CommandFamily } from './command-family.js';
import { pickReadable } from './text-families.js';

/**
 * Agent families that need no program beyond a Linux base system: packages without a network, files under
 * /etc, long listings, long outputs and archives. The machine's own answers (its /etc, its pip, its apt lists)
 * are recorded as they are: a model trained on them knows that machine's, and the shape of anyone's.
 */

const PYTHON_PACKAGES = [
  'requests',
  'numpy',
  'pandas',
  'flask',
  'pytest',
  'django',
  'pyyaml',
  'rich',
  'black',
];
const DEBIAN_PACKAGES = [
  'curl',
  'jq',
  'vim',
  'git',
  'wget',
  'build-essential',
  'htop',
  'tree',
  'python3-pip',
];

export const packageFamily: CommandFamily = {
  name: 'packages',
  weight: 4,
  anywhere: true,
  build(view) {
    const random = view.random;
    const python = random.pick(PYTHON_PACKAGES);
    const debian = random.pick(DEBIAN_PACKAGES);
    return random.pick([
      `pip install ${python}`,
      `pip install -q ${python}`,
      `pip install ${python} 2>&1 | tail -n 3`,
      `pip3 install ${python}`,
      `python3 -m pip install ${python}`,
      `pip install -r requirements.txt`,
      `apt-get install -y ${debian}`,
      `apt-get install -y -qq ${debian}`,
      `apt-get install -y ${debian} 2>&1 | tail -n 3`,
      `apt install -y ${debian}`,
      `sudo apt-get install -y ${debian}`,
      `which ${random.pick(['pip', 'pip3', 'apt-get', 'curl', 'jq', 'node', 'gcc', 'make'])}`,
      `${random.pick(['curl', 'wget'])} https://example.com/${view.words.word()}.sh`,
      `dpkg -s ${debian} | head -n 2`,
      `dpkg -l | grep -c ^ii`,
    ]);
  },
};

export const systemFilesFamily: CommandFamily = {
  name: 'system-files',
  weight: 6,
  anywhere: true,
  build(view) {
    const random = view.random;
    return random.pick([
      'cat /etc/os-release',
      'head -n 2 /etc/os-release',
      'grep PRETTY_NAME /etc/os-release',
      'grep -E "^(NAME|VERSION_ID)=" /etc/os-release',
      'head /etc/passwd',
      `head -n ${random.int(1, 4)} /etc/passwd`,
      'grep root /etc/passwd',
      'wc -l /etc/passwd',
      'cut -d: -f1 /etc/passwd | head -n 5',
      'cat /etc/shells',
      'cat /etc/hostname',
      'ls /etc | head',
      'ls /etc | wc -l',
      'uname',
      'uname -s',
      'uname -m',
      'uname -o',
      'hostname',
      'whoami',
      'id -u',
      'id -un',
      'echo $HOME',
      'echo $USER',
      'echo $SHELL',
      'test -f /etc/passwd && echo yes',
      'cat /etc/debian_version',
      'ls /usr/bin | head -n 5',
      `cat /etc/${view.words.word()}.conf`,
    ]);
  },
};

const LONG_OPTIONS = ['-l', '-l', '-la', '-la', '-al', '-lh', '-lA', '-lt', '-ltr', '-lah'] as const;

/** `ls -l` and friends: sizes, modes and owners computed for real, dates as the clock gave them. */
export const longListingFamily: CommandFamily = {
  name: 'ls-long',
  weight: 7,
  build(view) {
    const random = view.random;
    const option = random.pick(LONG_OPTIONS);
    const directories = view.directoriesHere();
    const files = view.filesHere();
    const roll = random.next();
    if (roll < 0.6 || view.entriesHere().length === 0) return `ls ${option}`;
    if (roll < 0.75 && directories.length > 0) return `ls ${option} ${view.refer(random.pick(directories))}`;
    if (roll < 0.85 && directories.length > 0) return `ls -ld ${view.refer(random.pick(directories))}`;
    if (roll < 0.95 && files.length > 0) return `ls -l ${view.refer(random.pick(files))}`;
    return `ls -l ${quoteWordVaried(view.missingName(), random)}`;
  },
};

/** Outputs of 10–40 lines: numbered files, many files, brace expansions (`seq` stays held out). */
export const longOutputFamily: CommandFamily = {
  name: 'long-output',
  weight: 6,
  build(view) {
    const random = view.random;
    const words = view.words;
    const count = random.int(10, 30);
    const roll = random.next();
    const file = pickReadable(view);
    if (file !== undefined && (file.text?.split('\n').length ?? 0) > 8 && roll < 0.3) {
      const path = view.refer(file);
      return random.pick([
        `cat ${path}`,
        `cat -n ${path}`,
        `grep -n . ${path}`,
        `tail -n +${random.int(2, 5)} ${path}`,
      ]);
    }
    if (!view.canWriteHere()) return `echo {1..${count}}`;
    const name = quoteWordVaried(view.freshFileName(), random);
    const word = words.word();
    const stem = words.word();
    return random.pick([
      `for i in {1..${count}}; do echo "${word} $i"; done > ${name}`,
      `for i in {1..${count}}; do echo "${word} $i"; done > ${name} && cat ${name}`,
      `for i in {1..${count}}; do echo "line $i: ${word}"; done`,
      `printf '%s\\n' {1..${count}} > ${name} && wc -l ${name}`,
      `touch ${stem}{1..${count}}.txt && ls`,
      `touch ${stem}_{1..${count}}.log; ls | wc -l`,
      `mkdir -p ${stem}/{src,docs,tests} && ls -R ${stem}`,
      `echo {1..${count}}`,
      `echo ${word}{1..${Math.min(count, 12)}}`,
      `for f in *; do echo "file: $f"; done`,
      `printf '%s,%s\\n' ${singleQuoted(word)} ${count} ${singleQuoted(words.word())} ${random.int(1, 99)} > ${name} && cat ${name}`,
    ]);
  },
};

export const archiveFamily: CommandFamily = {
  name: 'archive',
  weight: 5,
  build(view) {
    const random = view.random;
    const entries = view.entriesHere().filter((entry) => !/\.(tar|gz|tgz)$/.test(entry.name));
    const archives = view.filesHere().filter((entry) => /\.(tar|tar\.gz|tgz)$/.test(entry.name));
    if (archives.length > 0 && random.chance(0.5)) {
      const archive = view.refer(random.pick(archives));
      const zipped = /gz$/.test(archive) ? 'z' : '';
      return random.pick([
        `tar -t${zipped}f ${archive}`,
        `tar t${zipped}f ${archive}`,
        `tar -tv${zipped}f ${archive}`,
        `mkdir -p out && tar -x${zipped}f ${archive} -C out && ls out`,
        `tar -x${zipped}vf ${archive}`,
      ]);
    }
    if (entries.length === 0 || !view.canWriteHere()) {
      return random.pick([`tar -xf ${view.missingName()}.tar`, `tar -tzf ${view.missingName()}.tgz`]);
    }
    const picked = view.refer(random.pick(entries));
    const base = view.words.baseName();
    return random.pick([
      `tar -cf ${base}.tar ${picked}`,
      `tar -czf ${base}.tar.gz ${picked}`,
      `tar -cvf ${base}.tar ${picked}`,
      `tar czvf ${base}.tgz ${picked}`,
      `tar -czf ${base}.tar.gz ${picked} && ls`,
      `gzip -k ${picked} && ls`,
      `tar -xf ${view.missingName()}.tar`,
    ]);
  },
};
