import { parseTerminalShellLine } from '../../domains/terminal/index.js';

/**
 * Whether a command line lies inside the grammar the embedded terminal model was trained on (the session
 * generator's command families). A tiny byte model copies and recombines what its data taught it; for
 * programs or options it never saw it confidently invents output, so those are routed elsewhere.
 */
export interface GrammarVerdict {
  readonly supported: boolean;
  /** Why the command is outside the grammar. */
  readonly reason?: string;
}

interface ProgramRule {
  /** Single-letter options that take no value. */
  readonly flags?: string;
  /** Single-letter options whose value follows (attached or as the next word). */
  readonly valued?: string;
  /** Long options accepted as they are. */
  readonly long?: readonly string[];
  /** `-5` style counts (head, tail). */
  readonly counts?: boolean;
  /** Arguments are not options (printf formats, chmod modes, test expressions). */
  readonly noOptionCheck?: boolean;
  /** The program may not take any argument (`env` would run one). */
  readonly noArguments?: boolean;
}

/** The programs and options of the training grammar. */
const TRAINED_PROGRAMS: Readonly<Record<string, ProgramRule>> = {
  ls: { flags: 'aA1FprmxRd' },
  mkdir: { flags: 'pv' },
  touch: {},
  rm: { flags: 'rfvR' },
  rmdir: { flags: 'p' },
  mv: { flags: 'vf' },
  cp: { flags: 'rRvf' },
  chmod: { noOptionCheck: true },
  cat: { flags: 'nAbsETv' },
  echo: { flags: 'neE' },
  printf: { noOptionCheck: true },
  grep: { flags: 'incvwoxFElhrqsHR', valued: 'e' },
  sed: { flags: 'nEr', valued: 'ei' },
  awk: { valued: 'Fv' },
  sort: { flags: 'rnufb', valued: 'kt' },
  uniq: { flags: 'cdui' },
  cut: { flags: 's', valued: 'cdf' },
  tr: { flags: 'dsc' },
  head: { valued: 'nc', counts: true },
  tail: { valued: 'nc', counts: true },
  wc: { flags: 'lwcLm' },
  diff: { flags: 'qiubw' },
  cmp: { flags: 's' },
  export: { flags: 'n' },
  unset: { flags: 'vf' },
  printenv: {},
  env: { noArguments: true },
  cd: {},
  pwd: { flags: 'LP' },
  read: { flags: 'r' },
  test: { noOptionCheck: true },
  '[': { noOptionCheck: true },
  bash: {},
  sh: {},
  true: {},
  false: {},
  ':': {},
  source: {},
};

/** Real programs the model never saw: it would answer "command not found" or invent output for them. */
const UNTRAINED_PROGRAMS = new Set(
  (
    'nl rev paste seq tac basename dirname expr find xargs tee column fold fmt od hexdump xxd base64 md5sum ' +
    'sha1sum sha256sum cksum sum comm join split shuf tsort factor numfmt date cal du df stat file ln readlink ' +
    'realpath mktemp install chown chgrp id whoami who w groups users hostname uname uptime free ps top htop ' +
    'kill pkill killall sleep watch timeout time nohup nice jobs fg bg wait disown history alias unalias type ' +
    'which whereis command hash help man info less more most vi vim nvim nano emacs ed ex view python python3 ' +
    'perl ruby node npm npx pip pip3 java gcc cc g++ make cmake git curl wget ssh scp rsync sudo su passwd ' +
    'apt apt-get dpkg yum tar gzip gunzip zip unzip bzip2 xz zcat mount umount lsblk dmesg journalctl ' +
    'systemctl service crontab at locale tput clear reset stty script screen tmux exec eval . exit ' +
    'logout trap ulimit umask getopts shopt declare typeset local let readonly set shift pushd popd dirs ' +
    'case select function until coproc yes'
  ).split(' '),
);

const RESERVED_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'while', 'do', '!', '{', '}']);
const CLOSING_WORDS = new Set(['fi', 'done', 'then', 'else', 'do', '}']);

function verdict(reason: string): GrammarVerdict {
  return { supported: false, reason };
}

/** Checks one option word against a program's rule; a reason when it is outside the grammar. */
function optionProblem(program: string, rule: ProgramRule, word: string): string | undefined {
  if (word.startsWith('--')) {
    return rule.long?.includes(word) ? undefined : `option ${word} of ${program}`;
  }
  const letters = word.slice(1);
  if (rule.counts === true && /^\d+$/.test(letters)) return undefined;
  for (let index = 0; index < letters.length; index++) {
    const letter = letters[index] as string;
    if (rule.valued?.includes(letter)) return undefined;
    if (!rule.flags?.includes(letter)) return `option -${letter} of ${program}`;
  }
  return undefined;
}

/** The lines the shell parses as commands: the first, and the rest unless they are a here-document's body. */
function commandLines(command: string): string[] {
  const lines = command.split('\n');
  const first = lines[0] ?? '';
  return /<<-?\s*['"]?\w+/.test(first) ? [first] : lines;
}

/** Whether `command` (one command line, possibly multi-line) belongs to the training grammar. */
export function checkCommandGrammar(command: string): GrammarVerdict {
  if (command.length > 600) return verdict('the command is longer than the training commands');
  if (command.split('\n').length > 12)
    return verdict('the command has more lines than the training commands');
  if (/[^\x20-\x7e\n\t]/.test(command)) return verdict('the command holds control or non-ASCII characters');
  if (command.includes('$((')) return verdict('arithmetic expansion $(( ))');
  if (command.includes('`')) return verdict('backquote command substitution');
  if (/[<>]\(/.test(command)) return verdict('process substitution');
  for (const line of commandLines(command)) {
    const parsed = parseTerminalShellLine(line, { lookup: () => undefined, home: '/home/user' });
    for (const simple of parsed.commands) {
      if (simple.after === '&' || simple.after === '|&') return verdict('a background job or |&');
      const words = simple.words.map((word) => word.raw);
      let start = 0;
      while (start < words.length && RESERVED_PREFIXES.has(words[start] as string)) start++;
      // `for NAME in LIST` is the loop's header; `NAME=value` words are assignments.
      if (words[start] === 'for') continue;
      while (start < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start] as string)) start++;
      const program = words[start];
      if (program === undefined || CLOSING_WORDS.has(program)) continue;
      const rule = TRAINED_PROGRAMS[program];
      if (rule === undefined) {
        if (UNTRAINED_PROGRAMS.has(program)) return verdict(`the program ${program}`);
        if (program.includes('/')) continue; // a script the session wrote, run by its path
        if (!/^[A-Za-z0-9_.-]+$/.test(program)) return verdict(`the command word ${program}`);
        continue; // an unknown name: bash answers "command not found", which the model learned
      }
      const rest = words.slice(start + 1);
      if (rule.noArguments === true && rest.length > 0) return verdict(`${program} with arguments`);
      if (rule.noOptionCheck === true) continue;
      for (const word of rest) {
        if (word === '--') break;
        if (!word.startsWith('-') || word === '-') continue;
        const problem = optionProblem(program, rule, word);
        if (problem !== undefined) return verdict(problem);
      }
    }
  }
  return { supported: true };
}
