import { LRUCache } from 'lru-cache';
import { expandShownCwd } from './paths.js';
import type { TerminalSetup } from './setup.js';

/** One shell prompt found on a screen line, with whatever was typed after it. */
export interface PromptLine {
  readonly user: string | undefined;
  readonly host: string | undefined;
  /** The directory as the prompt shows it (`~/src`). */
  readonly shownCwd: string | undefined;
  /** The same directory as an absolute path, when it can be known. */
  readonly cwd: string | undefined;
  readonly symbol: string | undefined;
  /** The text typed after the prompt; empty for a bare prompt. */
  readonly command: string;
}

const MAX_PROMPT_LINE = 4096;

const FIELD_PATTERNS: Record<string, string> = {
  user: '[A-Za-z_][A-Za-z0-9_.-]*',
  host: '[A-Za-z0-9][A-Za-z0-9.-]*',
  cwd: '[~/][^\\n]*?',
  symbol: '[#$]',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Compiled matchers by template. Templates come from specs, which clients send, so the cache is bounded: past
 * `MATCHER_CACHE_LIMIT` templates the least recently used one is dropped (a server stays flat however many
 * distinct prompt templates it sees).
 */
export const MATCHER_CACHE_LIMIT = 256;
const matcherCache = new LRUCache<string, RegExp>({ max: MATCHER_CACHE_LIMIT });

/** How many compiled prompt matchers are kept (for tests). */
export function promptMatcherCacheSize(): number {
  return matcherCache.size;
}

/**
 * A regular expression that recognises any prompt of the template's shape (any user, host and directory), so
 * that a prompt with the wrong user or host is still found and can be reported.
 */
export function promptMatcher(template: string): RegExp {
  const cached = matcherCache.get(template);
  if (cached !== undefined) return cached;
  const core = template.replace(/\s+$/, '');
  const trailingSpace = core.length < template.length;
  // A virtualenv or conda prefix such as `(venv) ` may come first.
  let source = '^(?:\\([^()\\n]{1,64}\\) )?';
  const seen = new Set<string>();
  let last = 0;
  for (const match of core.matchAll(/\{(user|host|cwd|symbol)\}/g)) {
    const name = match[1] as string;
    source += escapeRegExp(core.slice(last, match.index));
    source += seen.has(name) ? `\\k<${name}>` : `(?<${name}>${FIELD_PATTERNS[name]})`;
    seen.add(name);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(core.slice(last));
  source += trailingSpace ? '(?:[ \\t](?<command>.*))?$' : '(?<command>.*)$';
  const matcher = new RegExp(source);
  matcherCache.set(template, matcher);
  return matcher;
}

/** Parses one screen line as a prompt of the session's template; undefined when the line is not a prompt. */
export function parsePromptLine(
  line: string,
  setup: Pick<TerminalSetup, 'promptTemplate' | 'home'>,
): PromptLine | undefined {
  // Longer lines are output (and would make matching slow), never a prompt with a command typed on it.
  if (line.length > MAX_PROMPT_LINE) return undefined;
  const match = promptMatcher(setup.promptTemplate).exec(line.replace(/\r$/, ''));
  if (match === null) return undefined;
  const groups = match.groups ?? {};
  const shownCwd = groups.cwd;
  return {
    user: groups.user,
    host: groups.host,
    shownCwd,
    cwd: shownCwd === undefined ? undefined : expandShownCwd(shownCwd, setup.home),
    symbol: groups.symbol,
    command: groups.command ?? '',
  };
}

/** Whether a parsed prompt belongs to this session's user and host (fields the template lacks are not compared). */
export function isSessionPrompt(
  prompt: PromptLine,
  setup: Pick<TerminalSetup, 'user' | 'host' | 'symbol'>,
): boolean {
  return (
    (prompt.user === undefined || prompt.user === setup.user) &&
    (prompt.host === undefined || prompt.host === setup.host) &&
    (prompt.symbol === undefined || prompt.symbol === setup.symbol)
  );
}

/** A screen's lines, without a trailing empty line left by a final newline. */
export function screenLines(screen: string): string[] {
  const lines = screen.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  return lines;
}

export interface LocatedPrompt extends PromptLine {
  /** 0-based line index on the screen. */
  readonly line: number;
}

/** Every prompt on a screen, top to bottom. */
export function findPromptLines(
  screen: string,
  setup: Pick<TerminalSetup, 'promptTemplate' | 'home'>,
): readonly LocatedPrompt[] {
  // A step's checks and its ledger update read the same screen three times: keep the last answer.
  if (lastScan !== undefined && lastScan.screen === screen && lastScan.setup === setup)
    return lastScan.prompts;
  const found: LocatedPrompt[] = [];
  screenLines(screen).forEach((text, line) => {
    const prompt = parsePromptLine(text, setup);
    if (prompt !== undefined) found.push(Object.freeze({ ...prompt, line }));
  });
  const prompts = Object.freeze(found);
  lastScan = { screen, setup, prompts };
  return prompts;
}

let lastScan:
  | { readonly screen: string; readonly setup: object; readonly prompts: readonly LocatedPrompt[] }
  | undefined;

/**
 * A prompt at the end of a line, also when output without a final newline sits before it on the same line
 * (`done` + prompt). Only prompts of the session's own user and host are recognised after other text.
 */
export function parseTrailingPrompt(
  line: string,
  setup: Pick<TerminalSetup, 'promptTemplate' | 'home' | 'user' | 'host' | 'symbol'>,
): PromptLine | undefined {
  const whole = parsePromptLine(line, setup);
  if (whole !== undefined) return whole;
  // Only places where the session's prompt could begin are tried.
  const opening = setup.promptTemplate.startsWith('{user}')
    ? `${setup.user}@`
    : setup.promptTemplate.slice(0, 1);
  for (let start = line.indexOf(opening, 1); start > 0; start = line.indexOf(opening, start + 1)) {
    const prompt = parsePromptLine(line.slice(start), setup);
    if (prompt !== undefined && isSessionPrompt(prompt, setup)) return prompt;
  }
  return undefined;
}
