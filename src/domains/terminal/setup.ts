import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { issuesWithKeys } from './issue-paths.js';
import { displayCwd, normalizePath } from './paths.js';

const singleLine = (value: string): boolean => !/[\r\n]/.test(value);

const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\//, 'must be an absolute path')
  .refine(singleLine, 'must be one line');

/**
 * The `initialState.data` keys the terminal domain reads. Unknown keys are rejected so that a typo (`pwd` for
 * `cwd`) is caught when the spec is loaded rather than silently ignored.
 */
export const TerminalInitialDataSchema = z.strictObject({
  /** Working directory the shell starts in; default `/workspace`. */
  cwd: AbsolutePathSchema.optional(),
  /** Login name; default `root`. */
  user: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'must be a user name such as root or dev')
    .optional(),
  /** Host name shown in the prompt; default a 12-hex id derived from the spec id, like a container id. */
  host: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*$/, 'must be a host name')
    .optional(),
  /** Home directory; default `/root` for root, else `/home/<user>`. */
  home: AbsolutePathSchema.optional(),
  /**
   * The prompt's shape with the placeholders `{user}`, `{host}`, `{cwd}` (shown as bash's `\w` does) and
   * `{symbol}` (`#` for root, `$` otherwise); default `{user}@{host}:{cwd}{symbol} `.
   */
  promptTemplate: z.string().min(1).max(200).refine(singleLine, 'must be one line').optional(),
});
export type TerminalInitialData = z.infer<typeof TerminalInitialDataSchema>;

export const DEFAULT_TERMINAL_PROMPT_TEMPLATE = '{user}@{host}:{cwd}{symbol} ';
export const DEFAULT_TERMINAL_CWD = '/workspace';
export const DEFAULT_TERMINAL_USER = 'root';

/** Everything the terminal domain derives from a spec's initial state, defaults filled in. */
export interface TerminalSetup {
  readonly cwd: string;
  readonly user: string;
  readonly host: string;
  readonly home: string;
  readonly promptTemplate: string;
  /** `#` for root, `$` for everyone else. */
  readonly symbol: '#' | '$';
  /** The first screen the agent sees: `initialState.text`, or just the prompt. */
  readonly initialScreen: string;
}

/** A stable container-like host id: the first 12 hex digits of the spec id's sha256. */
export function defaultTerminalHost(specId: string): string {
  return sha256(specId).slice(0, 12);
}

/** The prompt string for a directory, e.g. `root@1a2b3c4d5e6f:/workspace# `. */
export function renderTerminalPrompt(
  setup: Omit<TerminalSetup, 'initialScreen' | 'cwd'>,
  cwd: string,
): string {
  return setup.promptTemplate
    .split('{user}')
    .join(setup.user)
    .split('{host}')
    .join(setup.host)
    .split('{cwd}')
    .join(displayCwd(cwd, setup.home))
    .split('{symbol}')
    .join(setup.symbol);
}

const setupCache = new WeakMap<WorldSpec, TerminalSetup>();

/** Validates the spec's `initialState.data` (INVALID_SPEC with the bad key's path) and fills in defaults. */
export function resolveTerminalSetup(spec: WorldSpec): TerminalSetup {
  const cached = setupCache.get(spec);
  if (cached !== undefined) return cached;
  const result = TerminalInitialDataSchema.safeParse(spec.initialState.data);
  if (!result.success) {
    const issues = issuesWithKeys(result.error).map((issue) => ({
      path: `$.initialState.data${issue.path.slice(1)}`,
      message: issue.message,
    }));
    const first = issues[0];
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid WorldSpec at ${first?.path ?? '$.initialState.data'}: ${first?.message ?? 'invalid terminal data'}`,
      { details: { issues, path: first?.path } },
    );
  }
  const data = result.data;
  const user = data.user ?? DEFAULT_TERMINAL_USER;
  const base = {
    user,
    host: data.host ?? defaultTerminalHost(spec.id),
    home: normalizePath(data.home ?? (user === 'root' ? '/root' : `/home/${user}`)),
    promptTemplate: data.promptTemplate ?? DEFAULT_TERMINAL_PROMPT_TEMPLATE,
    symbol: user === 'root' ? ('#' as const) : ('$' as const),
  };
  const cwd = normalizePath(data.cwd ?? DEFAULT_TERMINAL_CWD);
  const setup: TerminalSetup = {
    ...base,
    cwd,
    initialScreen: spec.initialState.text ?? renderTerminalPrompt(base, cwd),
  };
  setupCache.set(spec, setup);
  return setup;
}

/** What the agent sees before its first action. */
export function terminalInitialScreen(spec: WorldSpec): string {
  return resolveTerminalSetup(spec).initialScreen;
}
