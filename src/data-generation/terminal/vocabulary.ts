import { ENGLISH_WORDS } from './english-words.js';
import type { SeededRandom } from './random.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const FILE_EXTENSIONS = [
  '.txt',
  '.txt',
  '.txt',
  '.md',
  '.csv',
  '.log',
  '.conf',
  '.json',
  '.dat',
  '.cfg',
  '.ini',
  '.list',
  '.bak',
  '.tmp',
  '.out',
  '.html',
  '.py',
  '.rs',
  '.c',
  '.yml',
  '',
  '',
] as const;

/** Variables with a meaning to bash or to programs: a session must not overwrite them by accident. */
const RESERVED_VARIABLES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'PWD',
  'OLDPWD',
  'TERM',
  'LANG',
  'SHELL',
  'IFS',
  'PS1',
  'PS2',
  'PS3',
  'PS4',
  'PROMPT_COMMAND',
  'HOSTNAME',
  'HOSTTYPE',
  'UID',
  'EUID',
  'PPID',
  'RANDOM',
  'SECONDS',
  'LINENO',
  'SHLVL',
  'COLUMNS',
  'LINES',
  'HISTFILE',
  'HISTSIZE',
  'HISTCONTROL',
  'OPTIND',
  'OPTARG',
  'OPTERR',
  'MAIL',
  'MAILPATH',
  'CDPATH',
  'ENV',
  'GROUPS',
  'FUNCNAME',
  'TMPDIR',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'TZ',
  'DISPLAY',
  'REPLY',
  'MACHTYPE',
  'OSTYPE',
  'SRANDOM',
  'EPOCHSECONDS',
  'EPOCHREALTIME',
  'DIRSTACK',
  'PIPESTATUS',
  'TIMEFORMAT',
  'POSIXLY_CORRECT',
  'GLOBIGNORE',
  'FIGNORE',
  'INPUTRC',
  'TMOUT',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'MANPATH',
  'INFOPATH',
]);

/**
 * Open-vocabulary text for generated commands: real English words, random strings, digits and punctuation,
 * so a model trained on the sessions learns to copy any string rather than a closed set of names.
 */
export class Vocabulary {
  constructor(private readonly random: SeededRandom) {}

  word(): string {
    return this.random.pick(ENGLISH_WORDS);
  }

  /** Lower-case letters and digits, starting with a letter. */
  randomString(minLength = 3, maxLength = 8): string {
    const length = this.random.int(minLength, maxLength);
    let text = this.random.pick([...LOWER]);
    while (text.length < length) text += this.random.pick([...ALPHANUMERIC]);
    return text;
  }

  capitalized(word: string): string {
    return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  }

  /** A plain identifier-like name: word, word_word, word-12, a random string, Capitalised … */
  baseName(): string {
    const random = this.random;
    switch (
      random.weighted<string>([
        ['word', 40],
        ['snake', 12],
        ['kebab', 10],
        ['digits', 10],
        ['random', 10],
        ['capital', 6],
        ['dotted', 4],
        ['upper', 2],
      ])
    ) {
      case 'snake':
        return `${this.word()}_${this.word()}`;
      case 'kebab':
        return `${this.word()}-${this.word()}`;
      case 'digits':
        return `${this.word()}${random.chance(0.5) ? '-' : ''}${random.int(0, 999)}`;
      case 'random':
        return this.randomString();
      case 'capital':
        return this.capitalized(this.word());
      case 'dotted':
        return `${this.word()}.${this.word()}`;
      case 'upper':
        return this.word().toUpperCase();
      default:
        return this.word();
    }
  }

  /** A file name: a base name and usually an extension; now and then a dot file or a name with a space. */
  fileName(): string {
    const random = this.random;
    if (random.chance(0.03)) return `.${this.word()}${random.chance(0.5) ? 'rc' : ''}`;
    if (random.chance(0.03)) return `${this.word()} ${this.word()}${random.pick(FILE_EXTENSIONS)}`;
    return `${this.baseName()}${random.pick(FILE_EXTENSIONS)}`;
  }

  directoryName(): string {
    if (this.random.chance(0.02)) return `${this.word()} ${this.word()}`;
    return this.baseName();
  }

  /** An upper-case shell variable name, never one that bash or the environment gives a meaning. */
  variableName(): string {
    const random = this.random;
    for (;;) {
      const roll = random.next();
      const name =
        roll < 0.6
          ? this.word().toUpperCase()
          : roll < 0.8
            ? `${this.word()}_${this.word()}`.toUpperCase()
            : `${this.word().toUpperCase()}${random.int(1, 99)}`;
      if (!RESERVED_VARIABLES.has(name) && !name.startsWith('BASH') && !name.startsWith('LC_')) return name;
    }
  }

  number(): string {
    const random = this.random;
    switch (
      random.weighted<string>([
        ['small', 5],
        ['large', 2],
        ['negative', 1],
        ['decimal', 1],
      ])
    ) {
      case 'large':
        return String(random.int(100, 99_999));
      case 'negative':
        return `-${random.int(1, 500)}`;
      case 'decimal':
        return `${random.int(0, 99)}.${random.int(0, 99)}`;
      default:
        return String(random.int(0, 99));
    }
  }

  /**
   * One token of file text. Safe inside single and double quotes: never a quote, backslash, `$`, backtick
   * or `!`; `%` only where printf formats are not used (see `line`).
   */
  token(): string {
    const random = this.random;
    const word = this.word();
    switch (
      random.weighted<string>([
        ['word', 55],
        ['number', 12],
        ['capital', 6],
        ['punctuated', 8],
        ['pair', 5],
        ['random', 5],
        ['path', 3],
        ['version', 2],
        ['email', 2],
        ['tag', 2],
      ])
    ) {
      case 'number':
        return this.number();
      case 'capital':
        return this.capitalized(word);
      case 'punctuated':
        return `${word}${random.pick([',', '.', ':', ';', '?', '-', ')', '...'])}`;
      case 'pair':
        return `${word}${random.pick(['=', ':', '/', '-', '_', '+'])}${random.chance(0.5) ? this.number() : this.word()}`;
      case 'random':
        return this.randomString(2, 10);
      case 'path':
        return `/${this.word()}/${this.word()}`;
      case 'version':
        return `v${random.int(0, 9)}.${random.int(0, 20)}.${random.int(0, 9)}`;
      case 'email':
        return `${this.word()}@${this.word()}.${random.pick(['org', 'com', 'net', 'io'])}`;
      case 'tag':
        return `${random.pick(['#', '@', '(', '['])}${word}${random.pick(['', ')', ']'])}`;
      default:
        return word;
    }
  }

  /** A line of text with 1–`maxTokens` tokens. */
  line(maxTokens = 5): string {
    const count = this.random.int(1, maxTokens);
    const tokens: string[] = [];
    for (let index = 0; index < count; index++) tokens.push(this.token());
    return tokens.join(' ');
  }

  /** Plain lower-case words only: safe unquoted on a command line. */
  plainLine(maxWords = 4): string {
    const count = this.random.int(1, maxWords);
    const words: string[] = [];
    for (let index = 0; index < count; index++) words.push(this.word());
    return words.join(' ');
  }

  /** The lines of a small file, in one of a few shapes: prose, a word list, numbers, records or key=value. */
  fileLines(): string[] {
    const random = this.random;
    const count = random.int(1, 6);
    const shape = random.weighted<string>([
      ['prose', 35],
      ['words', 20],
      ['numbers', 12],
      ['records', 15],
      ['pairs', 10],
      ['repeats', 8],
    ]);
    const lines: string[] = [];
    const pool = [this.word(), this.word(), this.word()];
    for (let index = 0; index < count; index++) {
      switch (shape) {
        case 'words':
          lines.push(random.chance(0.3) ? this.capitalized(this.word()) : this.word());
          break;
        case 'numbers':
          lines.push(this.number());
          break;
        case 'records': {
          const separator = random.pick([',', ':', ' ']);
          lines.push([this.word(), String(random.int(0, 999)), this.word()].join(separator));
          break;
        }
        case 'pairs':
          lines.push(`${this.word()}=${random.chance(0.5) ? this.number() : this.word()}`);
          break;
        case 'repeats':
          lines.push(random.pick(pool));
          break;
        default:
          lines.push(this.line(6));
      }
    }
    return lines;
  }
}
