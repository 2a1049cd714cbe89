import type { WorldSpec } from '../../core/world-spec.js';
import { analyzeBatch, type BatchAnalysis } from './batch.js';
import type { TerminalAction } from './dialects/terminus/index.js';
import { findPromptLines, parseTrailingPrompt, screenLines } from './prompt-line.js';
import { detectTerminalMode } from './screen.js';
import { resolveTerminalSetup } from './setup.js';
import { applyShellCommand, type FileMark, type ShellState, type TerminalMode } from './shell-effects.js';

export const TERMINAL_HISTORY_LIMIT = 50;

/** What the terminal domain follows across turns. Immutable: every turn makes a new (frozen) ledger. */
export interface TerminalLedger {
  /** Absolute working directory; null when it cannot be known (e.g. after `cd "$(mktemp -d)"` with no prompt). */
  readonly cwd: string | null;
  /** The directory before the last `cd` (`cd -` goes there). */
  readonly previousCwd: string | null;
  /** Variables set with `export NAME=value` (values as far as they could be expanded). */
  readonly env: Readonly<Record<string, string>>;
  /** Paths the agent created (`file`/`directory`) or removed with obvious commands. */
  readonly files: Readonly<Record<string, FileMark>>;
  /** The last command lines the shell ran, oldest first. */
  readonly history: readonly string[];
  /** Which program holds the keyboard. */
  readonly mode: TerminalMode;
  /** Text typed at the prompt without Enter. */
  readonly pendingInput: string;
  /** The agent's last action was `[]`. */
  readonly completionRequested: boolean;
  /** Turns applied so far. */
  readonly turns: number;
}

function freeze(ledger: TerminalLedger): TerminalLedger {
  Object.freeze(ledger.env);
  Object.freeze(ledger.files);
  Object.freeze(ledger.history);
  return Object.freeze(ledger);
}

export function createTerminalLedger(spec: WorldSpec): TerminalLedger {
  const setup = resolveTerminalSetup(spec);
  return freeze({
    cwd: setup.cwd,
    previousCwd: null,
    env: {},
    files: {},
    history: [],
    mode: 'shell',
    pendingInput: '',
    completionRequested: false,
    turns: 0,
  });
}

export function ledgerShellState(ledger: TerminalLedger): ShellState {
  return { cwd: ledger.cwd, previousCwd: ledger.previousCwd, env: ledger.env, files: ledger.files };
}

const analysisCache = new WeakMap<
  TerminalAction,
  { readonly ledger: TerminalLedger; readonly screen: string; readonly analysis: BatchAnalysis }
>();

/**
 * `analyzeBatch` for one turn, from the ledger before it. A step runs the checks and then the ledger update on
 * the same action, ledger and screen: the second call reuses the first one's analysis.
 */
export function analyzeTerminalTurn(
  action: TerminalAction,
  ledger: TerminalLedger,
  home: string,
  screen: string,
): BatchAnalysis {
  const cached = analysisCache.get(action);
  if (cached !== undefined && cached.ledger === ledger && cached.screen === screen) return cached.analysis;
  const analysis = analyzeBatch(
    action,
    { state: ledgerShellState(ledger), mode: ledger.mode, pendingInput: ledger.pendingInput },
    { home, screen },
  );
  analysisCache.set(action, { ledger, screen, analysis });
  return analysis;
}

/**
 * The ledger after one turn. The working directory comes from the screen when it shows a prompt (the last
 * prompt line, plus any `cd` in a command still running on it); otherwise from following the `cd`s typed.
 */
export function applyTerminalTurn(
  ledger: TerminalLedger,
  action: TerminalAction,
  observation: string,
  spec: WorldSpec,
): TerminalLedger {
  if (action.length === 0) {
    return freeze({ ...ledger, completionRequested: true, turns: ledger.turns + 1 });
  }
  const setup = resolveTerminalSetup(spec);
  const analysis = analyzeTerminalTurn(action, ledger, setup.home, observation);
  const lines = screenLines(observation);
  const prompts = findPromptLines(observation, setup);
  // A prompt glued to output that lacked a final newline still ends the screen.
  const trailing = parseTrailingPrompt(lines[lines.length - 1] ?? '', setup);
  const lastPrompt =
    trailing === undefined ? prompts[prompts.length - 1] : { ...trailing, line: lines.length - 1 };
  let mode = detectTerminalMode(observation, setup, analysis.mode);
  let cwd = analysis.state.cwd;
  let pendingInput = mode === 'shell' ? analysis.pendingInput : '';
  if (lastPrompt?.cwd !== undefined) {
    const onLastLine = lastPrompt.line === lines.length - 1;
    const command = lastPrompt.command.trimEnd();
    const typed = analysis.pendingInput.trimEnd();
    // The command on the last prompt line has run, unless it is what the agent typed without pressing Enter.
    const typedOnly = onLastLine && typed !== '' && command.endsWith(typed);
    let screenCwd: string | null = lastPrompt.cwd;
    if (command !== '' && !typedOnly) {
      screenCwd = applyShellCommand(
        { cwd: lastPrompt.cwd, previousCwd: ledger.cwd, env: analysis.state.env, files: {} },
        command,
        { home: setup.home },
      ).state.cwd;
      // A command line with nothing after it is a command still running.
      if (onLastLine) mode = analysis.mode === 'shell' ? 'running' : analysis.mode;
    }
    cwd = screenCwd ?? cwd;
    pendingInput = typedOnly ? analysis.pendingInput : '';
  }
  let previousCwd: string | null;
  if (cwd === analysis.state.cwd || cwd === ledger.cwd) previousCwd = analysis.state.previousCwd;
  else previousCwd = ledger.cwd;
  const history = [...ledger.history, ...analysis.shellCommands.map((command) => command.text)].slice(
    -TERMINAL_HISTORY_LIMIT,
  );
  return freeze({
    cwd,
    previousCwd,
    env: { ...analysis.state.env },
    files: { ...analysis.state.files },
    history,
    mode,
    pendingInput,
    completionRequested: false,
    turns: ledger.turns + 1,
  });
}

/** The ledger as plain JSON (sorted keys for env and files). */
export function summarizeTerminalLedger(ledger: TerminalLedger): Record<string, unknown> {
  const sorted = <T>(record: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key] as T]),
    );
  return {
    cwd: ledger.cwd,
    previousCwd: ledger.previousCwd,
    env: sorted(ledger.env),
    files: sorted(ledger.files),
    history: [...ledger.history],
    mode: ledger.mode,
    pendingInput: ledger.pendingInput,
    completionRequested: ledger.completionRequested,
    turns: ledger.turns,
  };
}
