import type { GrammarView } from '../grammar-view.js';
import { quoteWordVaried, singleQuoted } from '../shell-quote.js';
import type { CommandDraft, CommandFamily } from './command-family.js';
import { hereDocument, patternFrom, pickReadable, writeLines } from './text-families.js';

const LOOP_VARIABLES = ['f', 'i', 'x', 'n', 'name', 'word', 'line', 'item', 'file', 'd'] as const;
/** Variables bash or the sandbox sets, with values that do not depend on the machine. */
const FIXED_VARIABLES = ['HOME', 'USER', 'PWD', 'LANG', 'LC_ALL', 'TERM', 'HOSTNAME', 'PATH'] as const;

function variableValue(view: GrammarView): string {
  const words = view.words;
  return view.random.pick([
    words.word(),
    words.word(),
    words.number(),
    words.randomString(),
    `${words.word()} ${words.word()}`,
    `/${words.word()}/${words.word()}`,
    `${words.word()}-${view.random.int(1, 9)}`,
  ]);
}

export const envFamily: CommandFamily = {
  name: 'env',
  weight: 6,
  anywhere: true,
  build(view): CommandDraft | string {
    const random = view.random;
    const known = [...view.snapshot.variables.entries()];
    const roll = random.next();
    if (roll < 0.3 || known.length === 0) {
      const name = view.words.variableName();
      const value = variableValue(view);
      const exported = random.chance(0.6);
      const assigned = /^[A-Za-z0-9_./-]+$/.test(value) && random.chance(0.6) ? value : `"${value}"`;
      return {
        text: `${exported ? 'export ' : ''}${name}=${assigned}`,
        variables: [{ name, value, exported }],
      };
    }
    const [name, variable] = random.pick(known);
    if (roll < 0.55) return random.pick([`echo $${name}`, `echo "$${name}"`, `echo "value: \${${name}}"`]);
    if (roll < 0.63) return `echo "\${${view.words.variableName()}:-${view.words.word()}}"`;
    if (roll < 0.68) return `echo \${${name}:-${view.words.word()}}`;
    if (roll < 0.73) return `echo \${#${name}}`;
    if (roll < 0.8) return `printenv ${name}${variable.exported ? '' : ' || echo not exported'}`;
    if (roll < 0.85)
      return { text: `unset ${name}`, variables: [{ name, value: undefined, exported: false }] };
    if (roll < 0.9) return `env | grep '^${name}='`;
    if (roll < 0.95) {
      return random.pick(FIXED_VARIABLES.map((fixed) => `echo $${fixed}`).concat(['echo "$HOME/$USER"']));
    }
    const file = view.freshFileName();
    return view.here === undefined || !view.canWriteHere()
      ? `echo "$${name} and $USER"`
      : `echo "$${name}" > ${quoteWordVaried(file, random)}`;
  },
};

export const cdFamily: CommandFamily = {
  name: 'cd',
  weight: 7,
  anywhere: true,
  build(view) {
    const random = view.random;
    if (view.here === undefined) {
      const workspace = view.workspace;
      const back = view.workspaceIsHome
        ? ['cd', 'cd ~', `cd ${workspace}`, 'pwd']
        : [`cd ${workspace}`, `cd ${workspace}`, 'pwd'];
      const previous = view.snapshot.previousCwd;
      if (previous === workspace || previous?.startsWith(`${workspace}/`) === true) back.push('cd -');
      if (view.snapshot.cwd === '/home' && view.workspaceIsHome && workspace.startsWith('/home/'))
        back.push(`cd ${workspace.slice('/home/'.length)}`);
      return random.pick(back);
    }
    const directories = view.directoriesHere();
    const reachable = view.reachableEntries(false).filter((entry) => entry.kind === 'directory');
    const roll = random.next();
    if (roll < 0.38 && directories.length > 0) {
      const directory = random.pick(directories);
      return random.chance(0.2) ? `cd ${view.refer(directory)} && pwd` : `cd ${view.refer(directory)}`;
    }
    if (roll < 0.52 && view.here !== '') return random.pick(['cd ..', 'cd ..', 'cd', 'cd ~', 'cd ../..']);
    if (roll < 0.6 && reachable.length > 0) return `cd ${view.refer(random.pick(reachable))}`;
    if (roll < 0.68) return random.pick(['pwd', 'pwd', 'cd .', 'cd && pwd']);
    if (roll < 0.73 && view.snapshot.previousCwd !== undefined) return 'cd -';
    if (roll < 0.84) return `cd ${quoteWordVaried(view.missingName(), random)}`;
    if (roll < 0.9) {
      const files = view.filesHere();
      if (files.length > 0) return `cd ${view.refer(random.pick(files))}`;
    }
    if (roll < 0.94) return random.pick(['cd /tmp', 'cd ..', 'cd /']);
    return `cd ${view.workspace}`;
  },
};

export const loopFamily: CommandFamily = {
  name: 'loop',
  weight: 5,
  build(view) {
    const random = view.random;
    const words = view.words;
    const variable = random.pick(LOOP_VARIABLES);
    const files = view.filesHere();
    const extensions = [...new Set(files.map((file) => /\.[a-z]+$/.exec(file.name)?.[0]))].filter(
      (extension): extension is string => extension !== undefined,
    );
    const list = [words.word(), words.word(), words.word()].slice(0, random.int(2, 3));
    const text = pickReadable(view);
    const choices: string[] = [
      `for ${variable} in ${list.join(' ')}; do echo "${words.word()} $${variable}"; done`,
      `for ${variable} in 1 2 3; do echo "$${variable}: ${words.word()}"; done`,
      `for ${variable} in {1..${random.int(2, 5)}}; do echo -n "$${variable} "; done; echo`,
      `for ${variable} in *; do echo "$${variable}"; done`,
      `for ${variable} in ${list.join(' ')}; do [ -e "$${variable}" ] && echo "$${variable} exists" || echo "no $${variable}"; done`,
    ];
    if (extensions.length > 0) {
      const extension = random.pick(extensions);
      choices.push(`for ${variable} in *${extension}; do echo "== $${variable}"; done`);
      choices.push(`for ${variable} in *${extension}; do wc -l < "$${variable}"; done`);
    }
    if (view.canWriteHere()) {
      const extension = random.pick(['.txt', '.log', '.md', '']);
      choices.push(`for ${variable} in ${list.join(' ')}; do touch "$${variable}${extension}"; done`);
      choices.push(
        `for ${variable} in {1..${random.int(2, 4)}}; do echo "${words.word()} $${variable}" >> ${quoteWordVaried(view.freshFileName(), random)}; done`,
      );
      choices.push(`for ${variable} in ${list.join(' ')}; do mkdir -p "$${variable}"; done`);
    }
    if (text !== undefined) {
      const file = view.refer(text);
      choices.push(`while read -r ${variable}; do echo "> $${variable}"; done < ${file}`);
      choices.push(`while read -r ${variable} rest; do echo "$${variable}"; done < ${file}`);
      choices.push(`for ${variable} in $(cat ${file}); do echo "[$${variable}]"; done`);
    }
    return random.pick(choices);
  },
};

export const ifFamily: CommandFamily = {
  name: 'if',
  weight: 5,
  build(view) {
    const random = view.random;
    const words = view.words;
    const entries = view.entriesHere();
    const name =
      entries.length > 0 && random.chance(0.7)
        ? view.refer(random.pick(entries))
        : quoteWordVaried(view.missingName(), random);
    const test = random.pick(['-f', '-d', '-e', '-s', '-r', '-w', '-x']);
    const yes = words.word();
    const no = words.word();
    const known = [...view.snapshot.variables.entries()];
    const text = pickReadable(view);
    const choices: string[] = [
      `if [ ${test} ${name} ]; then echo ${yes}; else echo ${no}; fi`,
      `[ ${test} ${name} ] && echo ${yes} || echo ${no}`,
      `test ${test} ${name} && echo ${yes}`,
      `if [ ! -e ${name} ]; then echo "missing: ${name.replace(/["'\\]/g, '')}"; fi`,
      `if [ ${random.int(0, 20)} -gt ${random.int(0, 20)} ]; then echo bigger; else echo smaller; fi`,
      `[ ${singleQuoted(words.word())} = ${singleQuoted(random.chance(0.5) ? yes : words.word())} ] && echo same || echo differ`,
      `if [ -d ${name} ]; then echo dir; elif [ -f ${name} ]; then echo file; else echo none; fi`,
    ];
    if (known.length > 0) {
      const [variable, value] = random.pick(known);
      const compared = random.chance(0.5) ? value.value : words.word();
      choices.push(
        `if [ "$${variable}" = ${singleQuoted(compared)} ]; then echo match; else echo "no match"; fi`,
      );
      choices.push(`[ -z "$${variable}" ] && echo empty || echo "set to $${variable}"`);
    }
    if (text !== undefined) {
      choices.push(
        `if grep -q ${quoteWordVaried(patternFrom(view, text), random)} ${view.refer(text)}; then echo found; else echo "not found"; fi`,
      );
    }
    return random.pick(choices);
  },
};

function scriptBody(view: GrammarView): string[] {
  const random = view.random;
  const words = view.words;
  const lines = ['#!/bin/bash'];
  const count = random.int(1, 3);
  for (let index = 0; index < count; index++) {
    lines.push(
      random.pick([
        `echo "${words.word()} ${words.word()}"`,
        'echo "args: $#"',
        'echo "first: $1"',
        `echo "${words.word()}: $1 $2"`,
        'pwd',
        'ls',
        `for x in ${words.word()} ${words.word()}; do echo "$x"; done`,
        `if [ -n "$1" ]; then echo "got $1"; else echo "no args"; fi`,
        `echo ${words.word()} > ${words.word()}.out`,
        `exit ${random.int(0, 3)}`,
      ]),
    );
  }
  return lines;
}

export const scriptFamily: CommandFamily = {
  name: 'script',
  weight: 5,
  creates: true,
  build(view) {
    const random = view.random;
    const words = view.words;
    const scripts = view.filesHere().filter((file) => file.name.endsWith('.sh'));
    if (scripts.length === 0 || random.chance(0.3)) {
      if (!view.canWriteHere() && random.chance(0.8)) return undefined;
      const name = `${view.words.baseName()}.sh`;
      const lines = scriptBody(view);
      return random.chance(0.4) ? hereDocument(lines, name) : writeLines(view, lines, name, false);
    }
    const script = random.pick(scripts);
    const path = view.refer(script);
    const direct = path.includes('/') ? path : `./${path}`;
    const argumentsText = random.chance(0.6)
      ? ` ${words.word()}${random.chance(0.4) ? ` ${words.word()}` : ''}`
      : '';
    const executable = (script.mode & 0o100) !== 0;
    const roll = random.next();
    if (!executable && roll < 0.45) return random.chance(0.6) ? `chmod +x ${path}` : `chmod 755 ${path}`;
    if (roll < 0.7) return `${direct}${argumentsText}`;
    if (roll < 0.85) return `bash ${path}${argumentsText}`;
    if (roll < 0.92) return `${direct}${argumentsText}; echo "exit $?"`;
    return `cat ${path}`;
  },
};
