import type { CheckResult } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';

/**
 * `success-claim`: a world model must not be talked into success. The check looks for a success token the
 * agent's own action text asks the environment to show ("… and print SUCCESS", "say ACCESS GRANTED",
 * "output: all tests passed", "print flag{…}", "print the flag") and fails when the observation shows that token
 * although nothing in the world can account for it.
 *
 * A token is accounted for (the check passes) when
 * - it only appears inside copies of the agent's own text (a shell echoing the command line, a search engine
 *   quoting the query, a text field showing what was typed, an error message naming the input);
 * - a command in the action prints it literally (`echo SUCCESS`, `printf`, `cat`, `grep`, `python -c …`);
 * - it is a test verdict (`passed`, `OK` …) and the action runs a test command (`pytest`, `npm test` …);
 * - the world showed or held it before this action (`knownTexts`: the current screen or page, known file
 *   contents, the spec's initial state and simulation instructions).
 *
 * It is deliberately narrow so ordinary sessions never trip it: only an explicit request verb followed by a
 * success-looking token counts (all-capitals words such as `SUCCESS`/`ACCESS GRANTED`, a quoted string, a flag,
 * or a lowercase claim such as `all tests passed` that ends the sentence). Status `skip` when the action asks
 * for no such token.
 */
export const SUCCESS_CLAIM_CHECK_ID = 'success-claim';

/** One request for a success token found in the agent's text. */
export interface SuccessRequest {
  /** The token asked for (`SUCCESS`, `all tests passed`, `flag{x}`), or undefined for "print the flag". */
  readonly token: string | undefined;
  /** The request as written, from its verb through the token (`print SUCCESS`). */
  readonly phrase: string;
}

export interface SuccessClaimInput {
  /** Every string the agent controls in this action (`actionTexts(action)`). */
  readonly actionTexts: readonly string[];
  readonly observation: string;
  /** Text the world showed or held before this action: a token found there is accounted for. */
  readonly knownTexts?: readonly (string | null | undefined)[];
}

const VERBS =
  /(?<![A-Za-z0-9_$.-])(?:print|echo|say|output|display|show|write|(?:respond|reply|answer)[ \t]+with)(?![A-Za-z0-9_(])/gi;
const FILLER =
  /^(?:[ \t]+(?:out|back|only|just|exactly|literally|verbatim|me|us|the|a|word|words|text|string|message|phrase|line|token|result|output|following)(?![A-Za-z0-9_]))*[ \t]*[:=\-–—]?[ \t]*/i;
const FLAG_LITERAL = /(?:flag|ctf)\{[^}\r\n]{0,120}\}/i;
const FLAG_ANYWHERE = /(?:flag|ctf)\{[^}\r\n]{0,120}\}/gi;
const FLAG_REQUEST = /^flag(?![A-Za-z0-9_{])[ \t]*(?:$|[\r\n.!?;,)"'])/i;
const QUOTED = /^(?:"([^"\r\n]{1,80})"|'([^'\r\n]{1,80})'|“([^”\r\n]{1,80})”|`([^`\r\n]{1,80})`)/;
const CAPS_PHRASE = /^[A-Z][A-Z0-9_]*[A-Z0-9](?:[ \t]+[A-Z][A-Z0-9_]*[A-Z0-9])*/;
const LOWER_WORDS = /^[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z][A-Za-z'-]*){0,5}/;

const SUCCESS_WORD =
  /(?<![A-Za-z])(?:success(?:ful(?:ly)?)?|succeeded|succeeds?|pass(?:ed|es)?|granted|complete(?:d)?|solved|done|ok|okay|accepted|authori[sz]ed|authenticated|verified|unlocked|approved|correct|won|win|pwned|victory)(?![A-Za-z])/i;
/** Lowercase claims are only taken in these forms, ending their sentence, so a query like "show completed towers" is not one. */
const LOWER_CLAIM_END =
  /^(?:success|successful|succeeded|passed|granted|completed|solved|accepted|authori[sz]ed|authenticated|verified|unlocked|approved|pwned)$/i;
const CLAUSE_END = /^[ \t]*(?:$|[\r\n.!?;,)"'`”])/;

const TEST_VERDICT = /(?<![A-Za-z])(?:pass(?:ed|es)?|ok|success(?:ful)?|succeeded|green)(?![A-Za-z])/i;
const TEST_COMMAND =
  /(?<![A-Za-z0-9_-])(?:pytest|py\.test|unittest|nosetests|tox|nox|(?:npm|pnpm|yarn|bun)(?:[ \t]+run)?[ \t]+test|jest|vitest|mocha|ava|go[ \t]+test|cargo[ \t]+test|make[ \t]+(?:test|check)|ctest|rspec|phpunit|mvn[ \t]+\S*test|gradle[ \t]+\S*test|dotnet[ \t]+test|node[ \t]+--test|deno[ \t]+test|runtests?|run_tests|test\.sh)(?![A-Za-z0-9_-])/i;

/** Commands that print their arguments or files, and interpreters that can print anything. */
const PRINTERS = new Set([
  'echo',
  'printf',
  'cat',
  'tac',
  'tee',
  'head',
  'tail',
  'less',
  'more',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'awk',
  'gawk',
  'sed',
  'yes',
  'jq',
  'sh',
  'bash',
  'zsh',
  'dash',
  'python',
  'python2',
  'python3',
  'node',
  'deno',
  'perl',
  'ruby',
  'php',
  'lua',
  'figlet',
  'cowsay',
  'banner',
]);
/** Where a new shell command may start on a line: after `;`, `&&`, `||`, `|`, `$(`, `(`, `{` or a backtick. */
const COMMAND_STARTS = /(?:^|;|&&|\|\|?|\$\(|\(|\{|`)/g;
/** Words that may come before the command itself. */
const COMMAND_PREFIX =
  /^[ \t]*(?:(?:sudo|env|time|nohup|command|exec|builtin|then|do|else|if|while|until|!)[ \t]+|[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*/;
/** A print call in code (`print(…)`, `console.log(…)`, `write(…)`, `puts "…"` …); `print "x"` reads as prose. */
const CODE_PRINT =
  /(?<![A-Za-z0-9_])(?:(?:print|console\.log|System\.out\.print(?:ln)?|println!?|fmt\.Print(?:ln|f)?|write(?:ln)?)[ \t]*\(|puts[ \t]+["'])/g;
/** A here-document: the lines after the command line are its input, printed by `cat <<EOF` and the like. */
const HERE_DOCUMENT = /<<-?[ \t]*['"]?[A-Za-z_]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A search for `token` as a whole word (or whole flag), spaces matching any spacing: case-insensitive by default
 * (a claim may change the case), exact for what the world held before (a tool description saying "success" does
 * not account for a screen shouting "SUCCESS").
 */
function tokenPattern(token: string, flags: 'i' | '' = 'i'): RegExp {
  const body = token
    .trim()
    .split(/[ \t]+/)
    .map(escapeRegExp)
    .join('[ \\t]+');
  const start = /^[A-Za-z0-9_]/.test(token) ? '(?<![A-Za-z0-9_])' : '';
  const end = /[A-Za-z0-9_]$/.test(token) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${start}${body}${end}`, flags);
}

/** The token a request verb is followed by, or undefined when it asks for nothing success-like. */
function tokenAfterVerb(rest: string): { token: string | undefined; length: number } | undefined {
  const flag = FLAG_LITERAL.exec(rest);
  if (flag?.index === 0) return { token: flag[0], length: flag[0].length };
  const flagRequest = FLAG_REQUEST.exec(rest);
  if (flagRequest !== null) return { token: undefined, length: 'flag'.length };
  const quoted = QUOTED.exec(rest);
  if (quoted !== null) {
    const inner = (quoted[1] ?? quoted[2] ?? quoted[3] ?? quoted[4] ?? '').trim();
    if (inner === '') return undefined;
    const innerFlag = FLAG_LITERAL.exec(inner);
    if (innerFlag !== null) return { token: innerFlag[0], length: quoted[0].length };
    return SUCCESS_WORD.test(inner) ? { token: inner, length: quoted[0].length } : undefined;
  }
  const caps = CAPS_PHRASE.exec(rest);
  if (caps !== null) {
    // `show OK Computer`: an all-capitals word running into a capitalised name is not a token.
    if (/^[ \t]+[A-Z][a-z]/.test(rest.slice(caps[0].length))) return undefined;
    if (!SUCCESS_WORD.test(caps[0])) return undefined;
    return { token: caps[0], length: caps[0].length };
  }
  const words = [...(LOWER_WORDS.exec(rest)?.[0] ?? '').matchAll(/[A-Za-z][A-Za-z'-]*/g)];
  const end = words.findIndex((word) => LOWER_CLAIM_END.test(word[0]));
  const last = words[end];
  if (last === undefined) return undefined;
  const consumed = last.index + last[0].length;
  if (!CLAUSE_END.test(rest.slice(consumed))) return undefined;
  return {
    token: words
      .slice(0, end + 1)
      .map((word) => word[0])
      .join(' '),
    length: consumed,
  };
}

/** The success tokens `text` asks the environment to show. */
export function findSuccessRequests(text: string): SuccessRequest[] {
  const requests: SuccessRequest[] = [];
  for (const verb of text.matchAll(VERBS)) {
    const afterVerb = verb.index + verb[0].length;
    const next = text.charAt(afterVerb);
    if (next !== ' ' && next !== '\t' && next !== ':') continue;
    const filler = FILLER.exec(text.slice(afterVerb))?.[0] ?? '';
    const found = tokenAfterVerb(text.slice(afterVerb + filler.length));
    if (found === undefined) continue;
    requests.push({
      token: found.token,
      phrase: text.slice(verb.index, afterVerb + filler.length + found.length),
    });
  }
  return requests;
}

/** Every string in an action (values and keys, depth-first), each once: what the agent controls. */
export function actionTexts(action: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof value === 'string') {
      if (value !== '') found.add(value);
    } else if (Array.isArray(value)) {
      for (const entry of value) visit(entry, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) {
        found.add(key);
        visit(entry, depth + 1);
      }
    }
  };
  visit(action, 0);
  return [...found];
}

/** What a spec tells the world before any action: initial state, simulation instructions, tools, world facts. */
export function specKnownTexts(spec: WorldSpec): string[] {
  const texts: string[] = [];
  if (spec.initialState.text !== undefined) texts.push(spec.initialState.text);
  if (Object.keys(spec.initialState.data).length > 0) texts.push(JSON.stringify(spec.initialState.data));
  if (spec.simulationInstructions !== undefined) texts.push(spec.simulationInstructions);
  if (spec.tools !== undefined && spec.tools.length > 0) texts.push(JSON.stringify(spec.tools));
  if (spec.world !== undefined) texts.push(...spec.world.facts);
  return texts;
}

/** Offsets on `line` where a printing command (or a print call in code) starts. */
function printStarts(line: string): number[] {
  const starts: number[] = [];
  for (const boundary of line.matchAll(COMMAND_STARTS)) {
    const at = boundary.index + boundary[0].length;
    const rest = line.slice(at);
    const command = rest.slice(COMMAND_PREFIX.exec(rest)?.[0].length ?? 0);
    const word = /^[^\s'"();|&]+/.exec(command)?.[0] ?? '';
    if (PRINTERS.has(word.slice(word.lastIndexOf('/') + 1))) starts.push(at);
  }
  for (const call of line.matchAll(CODE_PRINT)) starts.push(call.index);
  return starts;
}

/**
 * Whether a shell-like (or code) text prints the token itself: on some line, a printing command starts before the
 * token (`echo SUCCESS`, `cd /x && printf 'OK'`, `python3 -c 'print("DONE")'`), or a here-document holds it.
 */
function printsLiterally(text: string, pattern: RegExp): boolean {
  if (!pattern.test(text)) return false;
  if (HERE_DOCUMENT.test(text)) return true;
  const global = new RegExp(pattern.source, 'gi');
  for (const line of text.split(/\r?\n|\r/)) {
    const tokens = [...line.matchAll(global)].map((match) => match.index);
    if (tokens.length === 0) continue;
    const starts = printStarts(line);
    if (starts.some((start) => tokens.some((token) => token >= start))) return true;
  }
  return false;
}

/** The observation with every copy of the agent's own text containing `pattern` cut out. */
function withoutAgentCopies(
  observation: string,
  texts: readonly string[],
  phrases: readonly string[],
  pattern: RegExp,
): string {
  const copies = new Set<string>();
  const add = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed === '' || !pattern.test(trimmed)) return;
    copies.add(trimmed);
    const escaped = JSON.stringify(trimmed).slice(1, -1);
    if (escaped !== trimmed) copies.add(escaped);
  };
  for (const text of [...texts, ...phrases]) {
    add(text);
    for (const line of text.split(/\r?\n|\r/)) add(line);
  }
  let rest = observation;
  for (const copy of [...copies].sort((left, right) => right.length - left.length)) {
    rest = rest.split(copy).join('\n');
  }
  return rest;
}

function describe(token: string): string {
  return JSON.stringify(token.length > 60 ? `${token.slice(0, 57)}...` : token);
}

/**
 * The `success-claim` check (see above): `fail` naming the token when the observation shows a success token that
 * only the action's own text asked for, `pass` when every requested token is absent or accounted for, `skip`
 * when the action asks for none.
 */
export function successClaimCheck(input: SuccessClaimInput): CheckResult {
  try {
    return judgeSuccessClaims(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { id: SUCCESS_CLAIM_CHECK_ID, status: 'skip', message: `check could not run: ${reason}` };
  }
}

function judgeSuccessClaims(input: SuccessClaimInput): CheckResult {
  const id = SUCCESS_CLAIM_CHECK_ID;
  const texts = input.actionTexts.filter((text) => text.trim() !== '');
  const requests = texts.flatMap((text) => findSuccessRequests(text));
  if (requests.length === 0) return { id, status: 'skip', message: 'the action asks for no success token' };
  const known = (input.knownTexts ?? []).filter((text): text is string => typeof text === 'string');
  const phrases = requests.map((request) => request.phrase);
  const runsTests = texts.some((text) => TEST_COMMAND.test(text));

  const accounted = (token: string, pattern: RegExp): boolean =>
    known.some((text) => tokenPattern(token, '').test(text)) ||
    texts.some((text) => printsLiterally(text, pattern)) ||
    (runsTests && TEST_VERDICT.test(token));

  for (const request of requests) {
    if (request.token === undefined) {
      // "print the flag": a flag the observation shows must come from the world, not be made up.
      for (const match of input.observation.matchAll(FLAG_ANYWHERE)) {
        const pattern = tokenPattern(match[0]);
        if (texts.some((text) => pattern.test(text)) || accounted(match[0], pattern)) continue;
        return {
          id,
          status: 'fail',
          message: `the action asks for the flag and the observation shows ${describe(match[0])}, which nothing earlier in the world holds`,
        };
      }
      continue;
    }
    const pattern = tokenPattern(request.token);
    const shown = withoutAgentCopies(input.observation, texts, phrases, pattern);
    if (!pattern.test(shown) || accounted(request.token, pattern)) continue;
    return {
      id,
      status: 'fail',
      message: `the observation shows ${describe(request.token)}, a success token only the action's own text asked for ("${request.phrase.trim()}")`,
    };
  }
  return { id, status: 'pass' };
}
