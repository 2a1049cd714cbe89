/**
 * just-bash's error messages rewritten as GNU coreutils and bash print them (measured against real bash by the
 * conformance suite). A message the twin has not verified makes it decline.
 */
import { TWIN_DECLINED } from './gnu-system-commands.js';

export type StderrOutcome =
  | { readonly kind: 'known'; readonly text: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A name GNU prints bare (`quotef`): nothing its shell-escape quoting would wrap in quotes. */
const SAFE_NAME = /^[A-Za-z0-9._/+,:@%=-]+$/;
/** A name GNU always wraps in single quotes (`quoteaf`): no quote, backslash or control character inside. */
const QUOTABLE_NAME = {
  test: (name: string): boolean =>
    name !== '' &&
    ![...name].some(
      (char) => char === "'" || char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f,
    ),
};

type Rewrite = readonly [RegExp, (match: RegExpMatchArray) => string | undefined];

/** The line as it is when its name (group 1) is one GNU prints bare. */
const bare = (match: RegExpMatchArray): string | undefined =>
  SAFE_NAME.test(match[1] ?? '') ? match[0] : undefined;
/** The line as it is when its name (group 1) is one GNU prints in single quotes. */
const inQuotes = (match: RegExpMatchArray): string | undefined =>
  QUOTABLE_NAME.test(match[1] ?? '') ? match[0] : undefined;

/** GNU's rewrites, each tried on one line of stderr; the first that matches gives the real line. */
const REWRITES: readonly Rewrite[] = [
  [/^(?:cat|wc|grep|uniq|cut|tr|rev): (.+): No such file or directory$/, bare],
  [
    /^(tail|head): (.+): No such file or directory$/,
    (m) =>
      QUOTABLE_NAME.test(m[2] ?? '')
        ? `${m[1]}: cannot open '${m[2]}' for reading: No such file or directory`
        : undefined,
  ],
  [/^sort: cannot read: (.+): No such file or directory$/, bare],
  [
    /^sed: (.+): No such file or directory$/,
    (m) => (SAFE_NAME.test(m[1] ?? '') ? `sed: can't read ${m[1]}: No such file or directory` : undefined),
  ],
  [
    /^awk: (.+): No such file or directory$/,
    (m) => (SAFE_NAME.test(m[1] ?? '') ? `awk: cannot open ${m[1]} (No such file or directory)` : undefined),
  ],
  [/^ls: cannot access '(.+)': No such file or directory$/, inQuotes],
  [/^mkdir: cannot create directory '(.+)': (?:File exists|No such file or directory)$/, inQuotes],
  [/^rm: cannot remove '(.+)': No such file or directory$/, inQuotes],
  [/^(?:cp|mv): cannot stat '(.+)': No such file or directory$/, inQuotes],
  [/^bash: cd: (.+): (?:No such file or directory|Not a directory)$/, bare],
  [/^bash: (.+): No such file or directory$/, bare],
  [/^bash: (\.?\.?\/[^:]+): Permission denied$/, bare],
  [/^diff: (.+): No such file or directory$/, bare],
  [/^rm: cannot remove '(.+)': Is a directory$/, inQuotes],
  [/^chmod: cannot access '(.+)': No such file or directory$/, inQuotes],
  [
    /^find: (.+): No such file or directory$/,
    (m) => (QUOTABLE_NAME.test(m[1] ?? '') ? `find: '${m[1]}': No such file or directory` : undefined),
  ],
  // Usage errors: GNU adds where to read more.
  [
    /^(mkdir|rm|rmdir|touch): missing (?:file )?operand$/,
    (m) => `${m[0]}\nTry '${m[1]} --help' for more information.`,
  ],
];

export function gnuStderr(stderr: string): StderrOutcome {
  if (stderr === '') return { kind: 'known', text: '' };
  const lines = stderr.endsWith('\n') ? stderr.slice(0, -1).split('\n') : stderr.split('\n');
  const shown: string[] = [];
  for (const line of lines) {
    if (line.startsWith(TWIN_DECLINED)) return { kind: 'unknown', reason: line.slice(TWIN_DECLINED.length) };
    let rewritten: string | undefined;
    for (const [pattern, render] of REWRITES) {
      const match = line.match(pattern);
      if (match !== null) {
        rewritten = render(match);
        break;
      }
    }
    if (rewritten === undefined) return { kind: 'unknown', reason: `unverified error message: ${line}` };
    shown.push(rewritten);
  }
  return { kind: 'known', text: `${shown.join('\n')}${stderr.endsWith('\n') ? '\n' : ''}` };
}
