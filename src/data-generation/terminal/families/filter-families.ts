import type { GrammarView } from '../grammar-view.js';
import { quoteWordVaried } from '../shell-quote.js';
import type { WorkspaceEntry } from '../workspace-state.js';
import type { CommandFamily } from './command-family.js';
import { patternFrom, pickReadable, textLines } from './text-families.js';

/** A readable file to filter, or (about one time in twelve) a missing name: the command then fails. */
function target(view: GrammarView): { file: WorkspaceEntry | undefined; word: string } | undefined {
  const file = pickReadable(view);
  if (file === undefined || view.random.chance(0.07)) {
    if (file === undefined && view.random.chance(0.8)) return undefined;
    return { file: undefined, word: quoteWordVaried(view.missingName(), view.random) };
  }
  return { file, word: view.refer(file) };
}

export const grepFamily: CommandFamily = {
  name: 'grep',
  weight: 8,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const pattern = chosen.file === undefined ? view.words.word() : patternFrom(view, chosen.file);
    const quoted = random.chance(0.3) ? `'${pattern}'` : quoteWordVaried(pattern, random);
    const option = random.pick(['', '', '', '-i', '-n', '-c', '-v', '-w', '-o', '-in', '-vn', '-x', '-F']);
    const flags = option === '' ? '' : `${option} `;
    const roll = random.next();
    if (roll < 0.15 && chosen.file !== undefined) {
      const other = pickReadable(view);
      if (other !== undefined && other.path !== chosen.file.path) {
        const listing = random.pick(['', '', '-l ', '-c ', '-h ', '-n ']);
        return `grep ${listing}${quoted} ${chosen.word} ${view.refer(other)}`;
      }
    }
    if (roll < 0.22 && chosen.file !== undefined) {
      const second = chosen.file === undefined ? view.words.word() : patternFrom(view, chosen.file);
      return `grep -E '${pattern}|${second}' ${chosen.word}`;
    }
    if (roll < 0.27 && view.here !== undefined) {
      const unreadable = view.reachableEntries(false).some((entry) => (entry.mode & 0o400) === 0);
      if (!unreadable) return `grep -r${random.pick(['l', 'n', 'c', ''])} ${quoted} . | sort`;
    }
    return `grep ${flags}${quoted} ${chosen.word}`;
  },
};

export const sedFamily: CommandFamily = {
  name: 'sed',
  weight: 6,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const lines = chosen.file === undefined ? [] : textLines(chosen.file);
    const pattern = chosen.file === undefined ? view.words.word() : patternFrom(view, chosen.file);
    const replacement = random.chance(0.7) ? view.words.word() : view.words.randomString(2, 6);
    const lineNumber = random.int(1, Math.max(1, lines.length + (random.chance(0.2) ? 1 : 0)));
    const script = random.pick([
      `s/${pattern}/${replacement}/`,
      `s/${pattern}/${replacement}/g`,
      `s/${pattern}/${replacement}/`,
      `${lineNumber}p`,
      `${lineNumber}d`,
      `/${pattern}/d`,
      's/^/> /',
      's/[0-9]/#/g',
      '$d',
      's/ /_/g',
      `y/abc/ABC/`,
      `s/\\(${pattern}\\)/[\\1]/`,
    ]);
    const printOnly = /^\d+p$/.test(script) || (random.chance(0.1) && script.startsWith('/'));
    const expression = printOnly ? `-n '${script.replace(/d$/, 'p')}'` : `'${script}'`;
    if (
      chosen.file !== undefined &&
      random.chance(0.12) &&
      view.canWriteHere() &&
      chosen.file.parent === view.here &&
      (chosen.file.mode & 0o600) === 0o600
    ) {
      return `sed -i '${script.replace(/^(\d+)p$/, '$1d')}' ${chosen.word}`;
    }
    if (random.chance(0.08)) {
      return `sed -e 's/${pattern}/${replacement}/' -e '${random.pick(['1d', '$d', 's/a/A/g'])}' ${chosen.word}`;
    }
    return `sed ${expression} ${chosen.word}`;
  },
};

export const awkFamily: CommandFamily = {
  name: 'awk',
  weight: 5,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const text = chosen.file?.text ?? '';
    const separator = text.includes(',') ? ',' : text.includes(':') ? ':' : undefined;
    const field = random.int(1, 3);
    const pattern = chosen.file === undefined ? view.words.word() : patternFrom(view, chosen.file);
    const program = random.pick([
      `{print $${field}}`,
      '{print $NF}',
      '{print NR": "$0}',
      `NR==${random.int(1, 3)}`,
      'NF > 2',
      `/${pattern}/`,
      `/${pattern}/ {print $1}`,
      '{n += NF} END {print n}',
      'END {print NR}',
      '{print length($0)}',
      '{s += $1} END {print s}',
      '{print toupper($1)}',
      '{printf "%-10s|%d\\n", $1, NF}',
      '{print $2, $1}',
    ]);
    const fieldSeparator = separator !== undefined && random.chance(0.7) ? `-F'${separator}' ` : '';
    return `awk ${fieldSeparator}'${program}' ${chosen.word}`;
  },
};

export const sortUniqFamily: CommandFamily = {
  name: 'sort-uniq',
  weight: 6,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const file = chosen.word;
    const text = chosen.file?.text ?? '';
    const separator = text.includes(',') ? ',' : text.includes(':') ? ':' : undefined;
    const choices = [
      `sort ${file}`,
      `sort -r ${file}`,
      `sort -n ${file}`,
      `sort -u ${file}`,
      `sort -f ${file}`,
      `sort -nr ${file}`,
      `sort ${file} | uniq`,
      `sort ${file} | uniq -c`,
      `sort ${file} | uniq -d`,
      `uniq ${file}`,
      `uniq -c ${file}`,
      `sort ${file} | uniq -c | sort -rn`,
      `sort -k2 ${file}`,
    ];
    if (separator !== undefined) choices.push(`sort -t'${separator}' -k2 -n ${file}`);
    return random.pick(choices);
  },
};

export const cutTrFamily: CommandFamily = {
  name: 'cut-tr',
  weight: 5,
  build(view) {
    const random = view.random;
    const words = view.words;
    const chosen = target(view);
    if (chosen === undefined) {
      return `echo ${quoteWordVaried(words.line(3), random)} | tr ${random.pick(['a-z A-Z', "' ' '_'", "-d 'aeiou'"])}`;
    }
    const file = chosen.word;
    const text = chosen.file?.text ?? '';
    const separator = text.includes(',') ? ',' : text.includes(':') ? ':' : ' ';
    const field = random.int(1, 3);
    return random.pick([
      `cut -c1-${random.int(1, 8)} ${file}`,
      `cut -c${random.int(2, 4)}- ${file}`,
      `cut -d'${separator}' -f${field} ${file}`,
      `cut -d'${separator}' -f1,${field + 1} ${file}`,
      `tr a-z A-Z < ${file}`,
      `tr -d 'aeiou' < ${file}`,
      `tr ' ' '\\n' < ${file}`,
      `tr -s ' ' < ${file}`,
      `tr 'a-y' 'b-z' < ${file}`,
      `echo ${quoteWordVaried(words.line(3), random)} | tr a-z A-Z`,
      `echo ${quoteWordVaried(words.capitalized(words.word()), random)} | tr A-Z a-z`,
      `tr -c 'a-z\\n' '.' < ${file}`,
    ]);
  },
};

export const headTailFamily: CommandFamily = {
  name: 'head-tail',
  weight: 5,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const file = chosen.word;
    const count = random.int(1, 4);
    const other = pickReadable(view);
    const choices = [
      `head -n ${count} ${file}`,
      `tail -n ${count} ${file}`,
      `head -${count} ${file}`,
      `tail -n +${random.int(2, 3)} ${file}`,
      `head ${file}`,
      `tail ${file}`,
      `head -c ${random.int(4, 20)} ${file}`,
      `tail -c ${random.int(4, 12)} ${file}`,
      `head -n -1 ${file}`,
    ];
    if (other !== undefined && chosen.file !== undefined && other.path !== chosen.file.path) {
      choices.push(`head -n ${count} ${file} ${view.refer(other)}`);
    }
    return random.pick(choices);
  },
};

export const wcFamily: CommandFamily = {
  name: 'wc',
  weight: 5,
  build(view) {
    const random = view.random;
    const chosen = target(view);
    if (chosen === undefined) return undefined;
    const option = random.pick(['-l', '-l', '-w', '-c', '', '-L', '-lw']);
    const flags = option === '' ? '' : `${option} `;
    if (random.chance(0.15)) {
      const other = pickReadable(view);
      if (other !== undefined && other.path !== chosen.file?.path) {
        return `wc ${flags}${chosen.word} ${view.refer(other)}`;
      }
    }
    if (random.chance(0.15)) return `wc ${flags}< ${chosen.word}`;
    return `wc ${flags}${chosen.word}`;
  },
};

export const diffFamily: CommandFamily = {
  name: 'diff',
  weight: 4,
  build(view) {
    const random = view.random;
    const files = view.readableFiles({ nonEmpty: false });
    if (files.length === 0) return undefined;
    const first = view.pickNear(files) as WorkspaceEntry;
    // Prefer a pair that shares some lines, so the diff is short and telling.
    const related = files.filter(
      (file) =>
        file.path !== first.path &&
        textLines(file).some((line) => textLines(first).includes(line) && line.trim() !== ''),
    );
    const others = files.filter((file) => file.path !== first.path);
    const second =
      related.length > 0 && random.chance(0.7)
        ? random.pick(related)
        : others.length > 0
          ? random.pick(others)
          : undefined;
    if (second === undefined && random.chance(0.7)) return undefined;
    if (second === undefined || random.chance(0.06)) {
      return `diff ${view.refer(first)} ${quoteWordVaried(view.missingName(), random)}`;
    }
    const left = view.refer(first);
    const right = view.refer(second);
    return random.pick([
      `diff ${left} ${right}`,
      `diff ${left} ${right}`,
      `diff ${left} ${right}`,
      `diff -q ${left} ${right}`,
      `cmp ${left} ${right}`,
      `diff ${left} ${left}`,
      `diff -i ${left} ${right}`,
      `diff ${left} ${right} > /dev/null && echo same || echo different`,
    ]);
  },
};
