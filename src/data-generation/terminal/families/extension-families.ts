import { quoteWordVaried, singleQuoted } from '../shell-quote.js';
import type { CommandFamily } from './command-family.js';
import { pickReadable } from './text-families.js';

/**
 * The held-out grammar extension: command kinds never emitted in training mode, used to measure how a model
 * trained on the training grammar behaves on commands it never saw.
 */

export const nlFamily: CommandFamily = {
  name: 'nl',
  weight: 3,
  build(view) {
    const file = pickReadable(view);
    if (file === undefined) return `echo ${singleQuoted(view.words.line(3))} | nl`;
    const path = view.refer(file);
    return view.random.pick([`nl ${path}`, `nl -ba ${path}`, `cat ${path} | nl`, `nl -w2 -s') ' ${path}`]);
  },
};

export const revFamily: CommandFamily = {
  name: 'rev',
  weight: 3,
  build(view) {
    const file = pickReadable(view);
    const text = singleQuoted(view.words.line(3));
    if (file === undefined || view.random.chance(0.4)) return `echo ${text} | rev`;
    return view.random.pick([`rev ${view.refer(file)}`, `rev ${view.refer(file)} | sort`]);
  },
};

export const pasteFamily: CommandFamily = {
  name: 'paste',
  weight: 3,
  build(view) {
    const random = view.random;
    const first = pickReadable(view);
    if (first === undefined) {
      const words = [view.words.word(), view.words.word(), view.words.word()];
      return `printf '%s\\n' ${words.join(' ')} | paste -sd${random.pick([',', ':', "' '"])}`;
    }
    const second = pickReadable(view) ?? first;
    const left = view.refer(first);
    const right = view.refer(second);
    return random.pick([
      `paste ${left} ${right}`,
      `paste -d, ${left} ${right}`,
      `paste -s ${left}`,
      `paste -sd' ' ${left}`,
      `paste -d: ${left} ${right}`,
    ]);
  },
};

export const seqFamily: CommandFamily = {
  name: 'seq',
  weight: 3,
  build(view) {
    const random = view.random;
    const start = random.int(0, 9);
    return random.pick([
      `seq ${random.int(1, 6)}`,
      `seq ${start} ${start + random.int(1, 5)}`,
      `seq -s, 1 ${random.int(2, 8)}`,
      `seq 1 ${random.int(2, 3)} ${random.int(8, 15)}`,
      `seq ${random.int(5, 9)} -1 ${random.int(1, 4)}`,
      `seq -w ${random.int(8, 12)}`,
      `seq ${random.int(2, 5)} | tac`,
    ]);
  },
};

export const tacFamily: CommandFamily = {
  name: 'tac',
  weight: 3,
  build(view) {
    const file = pickReadable(view);
    if (file === undefined) return `printf '%s\\n' ${view.words.word()} ${view.words.word()} | tac`;
    return view.random.pick([`tac ${view.refer(file)}`, `tac ${view.refer(file)} | head -n 2`]);
  },
};

export const basenameDirnameFamily: CommandFamily = {
  name: 'basename-dirname',
  weight: 3,
  anywhere: true,
  build(view) {
    const random = view.random;
    const words = view.words;
    const path = `/${words.word()}/${words.word()}/${quoteWordVaried(words.fileName(), random)}`;
    return random.pick([
      `basename ${path}`,
      `dirname ${path}`,
      `basename ${path} .txt`,
      'basename "$PWD"',
      'dirname "$PWD"',
      `basename -s .${random.pick(['txt', 'md', 'log'])} ${words.word()}.${random.pick(['txt', 'md', 'log'])}`,
      `dirname ${words.word()}/${words.word()}`,
    ]);
  },
};

export const arithmeticFamily: CommandFamily = {
  name: 'arithmetic',
  weight: 4,
  anywhere: true,
  build(view) {
    const random = view.random;
    const a = random.int(0, 99);
    const b = random.int(1, 20);
    const operator = random.pick(['+', '-', '*', '/', '%']);
    return random.pick([
      `echo $((${a} ${operator} ${b}))`,
      `echo $(( (${a} + ${b}) * ${random.int(2, 5)} ))`,
      `expr ${a} ${operator === '*' ? '\\*' : operator} ${b}`,
      `n=${a}; n=$((n + ${b})); echo $n`,
      `expr length ${view.words.word()}`,
      `i=0; while [ $i -lt ${random.int(2, 4)} ]; do echo "step $i"; i=$((i + 1)); done`,
      `echo "${view.words.word()}: $((${a} * ${b}))"`,
      `expr ${a} \\> ${b}`,
    ]);
  },
};

export const EXTENSION_FAMILIES: readonly CommandFamily[] = [
  nlFamily,
  revFamily,
  pasteFamily,
  seqFamily,
  tacFamily,
  basenameDirnameFamily,
  arithmeticFamily,
];

/** The names of the held-out families (never drawn in training mode). */
export const EXTENSION_FAMILY_NAMES: readonly string[] = EXTENSION_FAMILIES.map((family) => family.name);
