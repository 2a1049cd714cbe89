import { missingCommandName } from '../missing-commands.js';
import { quoteWordVaried, singleQuoted } from '../shell-quote.js';
import type { CommandFamily } from './command-family.js';
import { pickReadable } from './text-families.js';

export const errorMissingFamily: CommandFamily = {
  name: 'error-missing',
  weight: 4,
  build(view) {
    const random = view.random;
    const missing = quoteWordVaried(view.missingName(), random);
    const existing = pickReadable(view, false);
    const other = existing === undefined ? view.words.word() : view.refer(existing);
    const directories = view.directoriesHere();
    const choices = [
      `cat ${missing}`,
      `head -n 2 ${missing}`,
      `tail ${missing}`,
      `wc -l ${missing}`,
      `grep ${view.words.word()} ${missing}`,
      `sort ${missing}`,
      `rm ${missing}`,
      `cp ${missing} ${quoteWordVaried(view.freshFileName(), random)}`,
      `mv ${missing} ${quoteWordVaried(view.freshFileName(), random)}`,
      `cd ${missing}`,
      `ls ${missing}`,
      `chmod +x ${missing}`,
      `./${missing}`,
      `bash ${missing}`,
      `diff ${other} ${missing}`,
      `wc < ${missing}`,
      `touch ${view.words.word()}/${view.words.word()}${random.pick(['.txt', '.md', ''])}`,
      `cat ${view.words.word()}/${view.freshFileName().replace(/ /g, '_')}`,
      `source ${missing}`,
    ];
    if (directories.length > 0) choices.push(`ls ${view.refer(random.pick(directories))}/${missing}`);
    return random.pick(choices);
  },
};

export const errorPermissionFamily: CommandFamily = {
  name: 'error-permission',
  weight: 4,
  build(view) {
    const random = view.random;
    const words = view.words;
    const entries = view.entriesHere();
    const unreadableFiles = entries.filter((entry) => entry.kind === 'file' && (entry.mode & 0o400) === 0);
    const readOnlyFiles = entries.filter((entry) => entry.kind === 'file' && (entry.mode & 0o200) === 0);
    const closedDirectories = entries.filter(
      (entry) => entry.kind === 'directory' && (entry.mode & 0o500) !== 0o500,
    );
    const readOnlyDirectories = entries.filter(
      (entry) => entry.kind === 'directory' && (entry.mode & 0o500) === 0o500 && (entry.mode & 0o200) === 0,
    );
    const scripts = entries.filter((entry) => entry.kind === 'file' && (entry.mode & 0o100) === 0);
    const choices: string[] = [];
    for (const file of unreadableFiles) {
      const path = view.refer(file);
      choices.push(
        `cat ${path}`,
        `grep ${words.word()} ${path}`,
        `wc -l ${path}`,
        `cp ${path} ${words.word()}.copy`,
      );
    }
    for (const file of readOnlyFiles) {
      const path = view.refer(file);
      choices.push(`echo ${words.word()} >> ${path}`, `printf '${words.word()}\\n' > ${path}`);
    }
    for (const directory of closedDirectories) {
      const path = view.refer(directory);
      choices.push(`ls ${path}`, `cd ${path}`, `cat ${path}/${words.word()}.txt`);
    }
    for (const directory of readOnlyDirectories) {
      const path = view.refer(directory);
      choices.push(
        `touch ${path}/${quoteWordVaried(words.fileName(), random)}`,
        `mkdir ${path}/${words.baseName()}`,
        `echo ${words.word()} > ${path}/${words.word()}.txt`,
      );
    }
    for (const script of scripts.filter((file) => file.name.endsWith('.sh'))) {
      choices.push(`./${view.refer(script)}`);
    }
    if (choices.length > 0 && random.chance(0.75)) return random.pick(choices);
    // Nothing is locked yet: take a permission away and trip over it in the same line.
    if (!view.canWriteHere()) return `touch ${quoteWordVaried(view.freshFileName(), random)}`;
    const name = quoteWordVaried(view.freshFileName(), random);
    const directory = quoteWordVaried(view.freshDirectoryName(), random);
    return random.pick([
      `echo ${singleQuoted(words.line(3))} > ${name} && chmod 000 ${name} && cat ${name}`,
      `touch ${name}; chmod a-w ${name}; echo ${words.word()} >> ${name}`,
      `mkdir ${directory} && chmod -w ${directory} && touch ${directory}/${words.fileName().replace(/ /g, '_')}`,
      `mkdir ${directory}; chmod 000 ${directory}; ls ${directory}`,
      `printf 'echo hi\\n' > ${name}; ./${name}`,
    ]);
  },
};

export const errorNotFoundFamily: CommandFamily = {
  name: 'error-notfound',
  weight: 4,
  anywhere: true,
  build(view) {
    const random = view.random;
    const name = missingCommandName(random, view.words);
    const roll = random.next();
    if (roll < 0.4) return name;
    if (roll < 0.75)
      return `${name} ${random.pick(['-v', '--help', view.words.word(), view.words.fileName(), '-la'])}`;
    if (roll < 0.85) return `${name} | wc -l`;
    if (roll < 0.92) return `echo ${view.words.word()} && ${name}`;
    return `${name}; echo "status $?"`;
  },
};

/** Lines bash rejects as a whole, each finishing at once (none leaves bash waiting for more input). */
export const errorSyntaxFamily: CommandFamily = {
  name: 'error-syntax',
  weight: 3,
  anywhere: true,
  build(view) {
    const random = view.random;
    const word = view.words.word();
    const other = view.words.word();
    return random.pick([
      `echo ${word} )`,
      `echo ${word} (`,
      `echo ${word} ; ; echo ${other}`,
      `echo ${word} && && echo ${other}`,
      `ls | | wc -l`,
      `| grep ${word}`,
      `&& echo ${word}`,
      `cat < `,
      `echo ${word} > > ${other}.txt`,
      `echo ${word} >`,
      `fi`,
      `done`,
      `then echo ${word}`,
      `do echo ${word}`,
      `else echo ${word}`,
      `esac`,
      `if [ -f ${word} ]; echo ${other}; fi`,
      `while true; echo ${word}; done`,
      `for ${word} in ${other}; echo $${word}; done`,
      `echo \${${word} ${other}}`,
      `if then fi`,
      `[ ${word} = ]`,
      `[ -f ${word}`,
      `test ${word} -gt ${random.int(1, 9)}`,
      `}`,
    ]);
  },
};
