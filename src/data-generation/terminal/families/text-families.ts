import type { GrammarView } from '../grammar-view.js';
import { printfFormatText, quoteWordVaried, singleQuoted } from '../shell-quote.js';
import type { WorkspaceEntry } from '../workspace-state.js';
import type { CommandFamily } from './command-family.js';

/** Text for echo: plain words unquoted, anything else in single or double quotes. */
export function echoArgument(view: GrammarView, text: string): string {
  if (/^[a-z ]+$/.test(text) && view.random.chance(0.5)) return text;
  if (!/[%"]/.test(text) && view.random.chance(0.3)) return `"${text}"`;
  return singleQuoted(text);
}

/** A command that writes `lines` into a file: printf with \n, printf '%s\n', or echo for one line. */
export function writeLines(
  view: GrammarView,
  lines: readonly string[],
  target: string,
  append: boolean,
): string {
  const random = view.random;
  const arrow = append ? '>>' : '>';
  if (lines.length === 1 && random.chance(0.6)) {
    return `echo ${echoArgument(view, lines[0] as string)} ${arrow} ${target}`;
  }
  if (random.chance(0.35)) {
    return `printf '%s\\n' ${lines.map((line) => singleQuoted(line)).join(' ')} ${arrow} ${target}`;
  }
  // Double quotes, as people often type them, where they change nothing: plain text only.
  if (lines.every((line) => /^[A-Za-z0-9 .,:;_=+@/-]*$/.test(line)) && random.chance(0.3)) {
    return `printf "${lines.join('\\n')}\\n" ${arrow} ${target}`;
  }
  const body = lines.map((line) => printfFormatText(line).replace(/'/g, `'\\''`)).join('\\n');
  return `printf '${body}\\n' ${arrow} ${target}`;
}

/** A here-document that writes `lines` into a file (a multi-line command). */
export function hereDocument(lines: readonly string[], target: string, append = false): string {
  return [`cat ${append ? '>>' : '>'} ${target} <<'EOF'`, ...lines, 'EOF'].join('\n');
}

/** A readable file with known text, near the current directory when possible. */
export function pickReadable(view: GrammarView, nonEmpty = true): WorkspaceEntry | undefined {
  return view.pickNear(view.readableFiles({ nonEmpty }));
}

/** The lines of a file's text (without the final empty line). */
export function textLines(entry: WorkspaceEntry): string[] {
  const text = entry.text ?? '';
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const echoFamily: CommandFamily = {
  name: 'echo',
  weight: 4,
  build(view) {
    const random = view.random;
    const words = view.words;
    switch (random.int(0, 7)) {
      case 0:
        return `echo ${words.plainLine(5)}`;
      case 1:
        return `echo ${echoArgument(view, words.line(5))}`;
      case 2:
        return `echo -n ${echoArgument(view, words.line(3))}`;
      case 3:
        return `echo -e '${printfFormatText(words.word())}\\t${words.word()}\\n${words.word()}'`;
      case 4:
        return `printf '%s\\n' ${[words.token(), words.token(), words.token()].map((token) => singleQuoted(token)).join(' ')}`;
      case 5:
        return `printf '%d ${printfFormatText(words.word())}\\n' ${random.int(0, 500)}`;
      case 6:
        return `printf '%-${random.int(6, 12)}s|%s\\n' ${singleQuoted(words.word())} ${singleQuoted(words.token())}`;
      default:
        return `echo ${words.word()} ${random.int(0, 99)} ${singleQuoted(words.token())}`;
    }
  },
};

export const catFamily: CommandFamily = {
  name: 'cat',
  weight: 7,
  build(view) {
    const random = view.random;
    const file = pickReadable(view, false);
    const roll = random.next();
    if (file === undefined && random.chance(0.7)) return undefined;
    if (file === undefined || roll > 0.93) {
      if (random.chance(0.3)) {
        const directories = view.directoriesHere();
        if (directories.length > 0) return `cat ${view.refer(random.pick(directories))}`;
      }
      return `cat ${quoteWordVaried(view.missingName(), random)}`;
    }
    if (roll < 0.65) return `cat ${view.refer(file)}`;
    if (roll < 0.75) return `cat -n ${view.refer(file)}`;
    if (roll < 0.8) return `cat -A ${view.refer(file)}`;
    const other = pickReadable(view, false);
    if (other === undefined) return `cat ${view.refer(file)}`;
    if (roll < 0.86) return `cat ${view.refer(file)} ${quoteWordVaried(view.missingName(), random)}`;
    return `cat ${view.refer(file)} ${view.refer(other)}`;
  },
};

export const redirectFamily: CommandFamily = {
  name: 'redirect',
  weight: 10,
  creates: true,
  build(view) {
    const random = view.random;
    const words = view.words;
    const files = view.filesHere();
    const roll = random.next();
    if (roll < 0.4 || files.length === 0) {
      const target = quoteWordVaried(view.freshFileName(), random);
      const lines = words.fileLines();
      if (random.chance(0.12)) return hereDocument(lines, target);
      return writeLines(view, lines, target, false);
    }
    if (roll < 0.6) {
      const file = random.pick(files);
      const lines = random.chance(0.7) ? [words.line(4)] : words.fileLines().slice(0, 2);
      return writeLines(view, lines, view.refer(file), true);
    }
    if (roll < 0.67) {
      const source = pickReadable(view);
      if (source === undefined) return undefined;
      const arrow = random.chance(0.7) ? '>' : '>>';
      return `cat ${view.refer(source)} ${arrow} ${quoteWordVaried(view.freshFileName(), random)}`;
    }
    if (roll < 0.73) {
      return `ls ${random.pick(['', '-1 ', '-a '])}> ${quoteWordVaried(view.freshFileName(), random)}`;
    }
    if (roll < 0.8) {
      // stderr into a file, or both streams together.
      const missing = quoteWordVaried(view.missingName(), random);
      const log = quoteWordVaried(view.freshFileName(), random);
      return random.pick([
        `ls ${missing} 2> ${log}`,
        `cat ${missing} > ${log} 2>&1`,
        `ls ${missing} 2>> ${log}`,
        `cat ${missing} 2>/dev/null`,
        `ls ${missing} 2>&1`,
      ]);
    }
    if (roll < 0.86) {
      const file = random.pick(files);
      return random.chance(0.5) ? `> ${view.refer(file)}` : `: > ${view.refer(file)}`;
    }
    if (roll < 0.93) {
      const source = pickReadable(view);
      if (source === undefined) return undefined;
      return `sort < ${view.refer(source)} > ${quoteWordVaried(view.freshFileName(), random)}`;
    }
    const file = random.pick(files);
    return hereDocument(words.fileLines().slice(0, 3), view.refer(file), true);
  },
};

export const pipeFamily: CommandFamily = {
  name: 'pipe',
  weight: 8,
  build(view) {
    const random = view.random;
    const words = view.words;
    const file = pickReadable(view);
    const source =
      file !== undefined && random.chance(0.75)
        ? random.chance(0.6)
          ? `cat ${view.refer(file)}`
          : undefined
        : random.pick([
            `echo ${singleQuoted(words.line(5))}`,
            `printf '%s\\n' ${[words.word(), words.word(), words.word(), words.word()].join(' ')}`,
            'ls',
            'ls -a',
          ]);
    const fileArgument = file === undefined ? '' : ` ${view.refer(file)}`;
    const stages: string[] = [];
    if (source !== undefined) stages.push(source);
    else {
      stages.push(
        random.pick([
          `sort${fileArgument}`,
          `grep -v ${quoteWordVaried(words.word(), random)}${fileArgument}`,
          `head -n ${random.int(2, 5)}${fileArgument}`,
          `cut -c1-${random.int(3, 12)}${fileArgument}`,
          `tr a-z A-Z <${fileArgument}`,
        ]),
      );
    }
    const pattern = file === undefined ? words.word() : patternFrom(view, file);
    const middle = [
      'sort',
      'sort -r',
      'sort -u',
      `grep ${quoteWordVaried(pattern, random)}`,
      `grep -i ${quoteWordVaried(pattern, random)}`,
      `grep -v ${quoteWordVaried(pattern, random)}`,
      "tr ' ' '\\n'",
      'tr a-z A-Z',
      `head -n ${random.int(1, 4)}`,
      `tail -n ${random.int(1, 3)}`,
      `cut -c1-${random.int(2, 10)}`,
      'uniq',
    ];
    const last = [
      'wc -l',
      'wc -w',
      'wc -c',
      'sort',
      'head -n 2',
      'tail -n 1',
      'uniq -c',
      'cat -n',
      'sort -u',
    ];
    const extra = random.int(0, 2);
    for (let index = 0; index < extra; index++) stages.push(random.pick(middle));
    stages.push(random.pick(last));
    return stages.join(' | ');
  },
};

/** A search pattern from a file's text (so it usually matches), or now and then an unrelated word. */
export function patternFrom(view: GrammarView, file: WorkspaceEntry): string {
  const random = view.random;
  const tokens = (file.text ?? '').split(/[^A-Za-z0-9]+/).filter((token) => token.length >= 2);
  if (tokens.length === 0 || random.chance(0.15)) return view.words.word();
  const token = random.pick(tokens);
  // One letter of the text: most lines tend to match, and each has to be checked.
  if (random.chance(0.1)) return token.charAt(random.int(0, token.length - 1)).toLowerCase();
  if (token.length > 4 && random.chance(0.25)) {
    const start = random.int(0, token.length - 3);
    return token.slice(start, start + random.int(2, 4));
  }
  return token;
}
