/**
 * just-bash's error messages rewritten as GNU coreutils and bash print them (measured against real bash by the
 * conformance suite). A message the twin has not verified makes it decline.
 */
export type StderrOutcome =
  | { readonly kind: 'known'; readonly text: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const SAFE_NAME = /^[A-Za-z0-9._/+,:@%=-]+$/;

/** GNU's rewrites, each tried on one line of stderr; the first that matches gives the real line. */
const REWRITES: ReadonlyArray<readonly [RegExp, (match: RegExpMatchArray) => string | undefined]> = [
  [/^(cat|wc|grep|uniq|cut|tr|rev): (.+): No such file or directory$/, (m) => verbatim(m)],
  [
    /^(tail|head): (.+): No such file or directory$/,
    (m) => quoted(m[2], (name) => `${m[1]}: cannot open '${name}' for reading: No such file or directory`),
  ],
  [/^sort: cannot read: (.+): No such file or directory$/, (m) => verbatim(m)],
  [
    /^sed: (.+): No such file or directory$/,
    (m) => quoted(m[1], (name) => `sed: can't read ${name}: No such file or directory`),
  ],
  [
    /^awk: (.+): No such file or directory$/,
    (m) => quoted(m[1], (name) => `awk: cannot open ${name} (No such file or directory)`),
  ],
  [/^ls: cannot access '(.+)': No such file or directory$/, (m) => verbatim(m)],
  [/^bash: cd: (.+): (No such file or directory|Not a directory)$/, (m) => verbatim(m)],
];

function verbatim(match: RegExpMatchArray): string | undefined {
  const name = match[2] ?? match[1] ?? '';
  return SAFE_NAME.test(name) ? match[0] : undefined;
}

function quoted(name: string | undefined, render: (name: string) => string): string | undefined {
  return name !== undefined && SAFE_NAME.test(name) ? render(name) : undefined;
}

export function gnuStderr(stderr: string): StderrOutcome {
  if (stderr === '') return { kind: 'known', text: '' };
  const lines = stderr.endsWith('\n') ? stderr.slice(0, -1).split('\n') : stderr.split('\n');
  const shown: string[] = [];
  for (const line of lines) {
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
