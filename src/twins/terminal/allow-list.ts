/**
 * The commands the terminal twin runs, each with the short options that passed the conformance suite against
 * real bash (test/twins/terminal-conformance.test.ts). A command or option outside this list is declined.
 */
export interface AllowedCommand {
  /** Short option letters allowed alone or bundled (`-rf`). */
  readonly flags: string;
  /** Short options that take an argument (`-n 5`, `-n5`). */
  readonly withArgument?: string;
  /** Long options allowed (`--help` is never: its text is the real program's). */
  readonly long?: readonly string[];
  /** `head -5` style numeric options. */
  readonly numericOption?: boolean;
  /** Any word starting with `-` is an operand, not an option (echo, printf, test). */
  readonly noOptions?: boolean;
}

export const ALLOWED_COMMANDS: Readonly<Record<string, AllowedCommand>> = {
  cd: { flags: '' },
  pwd: { flags: '' },
  echo: { flags: 'ne', noOptions: true },
  printf: { flags: '', noOptions: true },
  true: { flags: '', noOptions: true },
  false: { flags: '', noOptions: true },
  export: { flags: '' },
  unset: { flags: '' },
  test: { flags: '', noOptions: true },
  '[': { flags: '', noOptions: true },
  cat: { flags: 'n' },
  ls: { flags: 'aA1Rld' },
  mkdir: { flags: 'p' },
  rmdir: { flags: '' },
  rm: { flags: 'rf' },
  cp: { flags: 'r' },
  mv: { flags: '' },
  touch: { flags: '' },
  head: { flags: '', withArgument: 'nc', numericOption: true },
  tail: { flags: '', withArgument: 'nc', numericOption: true },
  wc: { flags: 'lwc' },
  sort: { flags: 'rnu' },
  uniq: { flags: 'c' },
  grep: { flags: 'invcEFwlo', withArgument: 'e' },
  sed: { flags: 'nEi', withArgument: 'e' },
  awk: { flags: '', withArgument: 'F' },
  cut: { flags: '', withArgument: 'dfc' },
  tr: { flags: 'ds' },
  basename: { flags: '' },
  dirname: { flags: '' },
  seq: { flags: '' },
  rev: { flags: '' },
  tee: { flags: 'a' },
  diff: { flags: '' },
  base64: { flags: 'd' },
  whoami: { flags: '' },
  id: { flags: '' },
  uname: { flags: 'srvmo' },
  nproc: { flags: '' },
  clear: { flags: '' },
  yes: { flags: '', noOptions: true },
  env: { flags: '' },
  printenv: { flags: '' },
  chmod: { flags: '' },
  sleep: { flags: '', noOptions: true },
  // Only `timeout N sleep M` (classify-line.ts).
  timeout: { flags: '', noOptions: true },
  // Its predicates are checked by classify-line.ts (findProblem).
  find: { flags: '', noOptions: true },
  // Its options (only -n N) and the command it runs are checked by classify-line.ts.
  xargs: { flags: '', noOptions: true },
};

/** Commands that only read: a model-answered turn made of these changed no file. */
export const READ_ONLY_COMMANDS = new Set([
  'cd',
  'sleep',
  'timeout',
  'pwd',
  'echo',
  'printf',
  'true',
  'false',
  'test',
  '[',
  'cat',
  'ls',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'grep',
  'cut',
  'tr',
  'basename',
  'dirname',
  'seq',
  'rev',
  'find',
  'diff',
  'stat',
  'file',
  'which',
  'type',
  'whoami',
  'id',
  'hostname',
  'uname',
  'date',
  'env',
  'printenv',
  'history',
  'clear',
  'less',
  'more',
]);

/** Why `words` (a simple command, name first) is outside the allow-list, or undefined when it is inside. */
export function commandOutsideAllowList(words: readonly string[]): string | undefined {
  const [name, ...args] = words;
  if (name === undefined) return undefined;
  const allowed = ALLOWED_COMMANDS[name];
  if (allowed === undefined) return `program not in twin: ${name}`;
  if (allowed.noOptions) {
    if (name === 'echo') {
      const first = args[0];
      if (first !== undefined && /^-[a-zA-Z]+$/.test(first) && !/^-[ne]+$/.test(first)) {
        return `option not verified: echo ${first}`;
      }
    }
    return undefined;
  }
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    if (arg.startsWith('--')) {
      if (allowed.long?.includes(arg) !== true) return `option not verified: ${name} ${arg}`;
      continue;
    }
    if (allowed.numericOption === true && /^-\d+$/.test(arg)) continue;
    for (let position = 1; position < arg.length; position++) {
      const letter = arg[position] ?? '';
      if (allowed.withArgument?.includes(letter) === true) {
        if (position === arg.length - 1) index++;
        break;
      }
      if (!allowed.flags.includes(letter)) return `option not verified: ${name} -${letter}`;
    }
  }
  return undefined;
}
