import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { SUCCESS_CLAIM_CHECK_ID, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import type { BatchAnalysis } from './batch.js';
import type { TerminalAction } from './dialects/terminus/index.js';
import { analyzeTerminalTurn, type TerminalLedger } from './ledger.js';
import {
  findPromptLines,
  isSessionPrompt,
  type PromptLine,
  parsePromptLine,
  parseTrailingPrompt,
  screenLines,
} from './prompt-line.js';
import { resolveTerminalSetup, type TerminalSetup } from './setup.js';

/** Above this many lines an observation cannot be one pane capture (a real pane shows about 40). */
export const MAX_TERMINAL_SCREEN_LINES = 60;

const CD_ERROR =
  /\bcd: .*(?:No such file or directory|Not a directory|Permission denied|too many arguments|not set)/;

const FAILURE_SIGN =
  /error|fatal|failed|not found|No such file|denied|cannot|can't|Traceback|Exception|Killed|Terminated|^\^C/im;

type TerminalCheckContext = CheckContext<TerminalAction, TerminalLedger>;

interface Facts {
  readonly context: TerminalCheckContext;
  readonly setup: TerminalSetup;
  readonly analysis: BatchAnalysis;
  readonly lines: readonly string[];
}

const skip = (id: string, message: string): CheckResult => ({ id, status: 'skip', message });
const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

/**
 * The session's own prompt starting later on a line and running to its end. Output without a final newline
 * puts the next prompt on its line: `echo -n then` leaves `thenuser@sim:~$ `, which read from the line's start
 * is a prompt of a user `thenuser`.
 */
function sessionPromptAfterOutput(line: string, setup: TerminalSetup): PromptLine | undefined {
  const opening = setup.promptTemplate.startsWith('{user}')
    ? `${setup.user}@`
    : setup.promptTemplate.slice(0, 1);
  for (let start = line.indexOf(opening, 1); start > 0; start = line.indexOf(opening, start + 1)) {
    const prompt = parsePromptLine(line.slice(start), setup);
    if (prompt !== undefined && isSessionPrompt(prompt, setup)) return prompt;
  }
  return undefined;
}

/** The last line is a prompt; its directory must be where the typed `cd`s lead. */
function promptCwdCheck(facts: Facts): CheckResult {
  const id = 'prompt-cwd';
  const { analysis, context, setup, lines } = facts;
  const lastLine = lines[lines.length - 1] ?? '';
  let last = parseTrailingPrompt(lastLine, setup);
  if (last !== undefined && !isSessionPrompt(last, setup))
    last = sessionPromptAfterOutput(lastLine, setup) ?? last;
  if (last === undefined) return skip(id, 'the screen does not end with a prompt');
  if (!isSessionPrompt(last, setup)) return skip(id, 'the last prompt belongs to another user or host');
  if (last.cwd === undefined) return skip(id, 'the prompt does not show a full directory');
  if (analysis.uncertain || analysis.directoryUnknown) return skip(id, 'the directory cannot be predicted');
  const command = last.command.trimEnd();
  const typed = analysis.pendingInput.trimEnd();
  if (command !== '' && !(typed !== '' && command.endsWith(typed))) {
    return skip(id, 'the last prompt line carries a command that is still running');
  }
  const expected = analysis.state.cwd;
  if (expected === null) return skip(id, 'the directory is not known');
  if (analysis.changesDirectory && CD_ERROR.test(context.observation))
    return skip(id, 'the screen shows a cd error');
  if (last.cwd === expected) return pass(id);
  // `make && cd out`: when a command before the cd fails, the shell stays where it was.
  if (analysis.visitedCwds.includes(last.cwd) && FAILURE_SIGN.test(context.observation)) {
    return skip(id, 'a command before a cd may have failed');
  }
  return fail(id, `the prompt shows ${last.shownCwd ?? last.cwd} but the shell should be in ${expected}`);
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) if (char < ' ') return true;
  return false;
}

/** Joins a prompt line's command with the next lines, for commands wrapped at the pane's width. */
function echoedText(lines: readonly string[], index: number, command: string): string {
  return command + lines.slice(index + 1, index + 4).join('');
}

/** Each command the shell ran is echoed after a prompt. */
function commandEchoCheck(facts: Facts): CheckResult {
  const id = 'command-echo';
  const { analysis, setup, lines, context } = facts;
  if (analysis.shellCommands.length === 0) return skip(id, 'no command line was run');
  if (analysis.keys.includes('C-l')) return skip(id, 'the screen was cleared');
  const commands = analysis.shellCommands.map((command) => command.firstLine.trimEnd());
  if (commands.some((command) => /^(?:clear|reset|tput)\b/.test(command.trim()))) {
    return skip(id, 'a command clears the screen');
  }
  const prompts = findPromptLines(context.observation, setup);
  const scrolled = lines.length >= 30 && parsePromptLine(lines[0] ?? '', setup) === undefined;
  const missing: string[] = [];
  commands.forEach((command, position) => {
    if (command.trim() === '' || hasControlCharacter(command)) return;
    const found = prompts.some((prompt) =>
      echoedText(lines, prompt.line, prompt.command).startsWith(command),
    );
    // Commands typed while an earlier one still ran are echoed where they were typed, not after a prompt.
    if (found || (position > 0 && context.observation.includes(command))) return;
    missing.push(command);
  });
  if (missing.length === 0) return pass(id);
  if (scrolled) return skip(id, 'the command line scrolled off the pane');
  const first = missing[0] as string;
  const shown = first.length > 60 ? `${first.slice(0, 57)}...` : first;
  return fail(id, `the command "${shown}" is not echoed after a prompt`);
}

/** `C-c` shows `^C` (or the interrupted program's KeyboardInterrupt). */
function interruptShownCheck(facts: Facts): CheckResult {
  const id = 'interrupt-shown';
  const { analysis, context } = facts;
  if (!analysis.keys.includes('C-c')) return skip(id, 'no C-c was sent');
  if (context.ledger.mode === 'editor' || context.ledger.mode === 'pager') {
    return skip(id, 'editors and pagers handle C-c themselves');
  }
  if (context.observation.includes('^C') || context.observation.includes('KeyboardInterrupt'))
    return pass(id);
  return fail(id, 'C-c was sent but the screen shows no ^C');
}

/** An observation is one pane capture: about 40 lines, never more than 60. */
function screenSizeCheck(facts: Facts): CheckResult {
  const id = 'screen-size';
  const count = facts.lines.length;
  if (count <= MAX_TERMINAL_SCREEN_LINES) return pass(id);
  return fail(
    id,
    `the screen has ${count} lines; a real pane shows about 40, so older lines should scroll away`,
  );
}

/** Every prompt on the screen has the session's user, host and symbol. */
function promptFormatCheck(facts: Facts): CheckResult {
  const id = 'prompt-format';
  const { setup, context, lines } = facts;
  const prompts = findPromptLines(context.observation, setup);
  if (prompts.length === 0) return skip(id, 'no prompt on the screen');
  const wrong = prompts.find(
    (prompt) =>
      !isSessionPrompt(prompt, setup) &&
      sessionPromptAfterOutput(lines[prompt.line] ?? '', setup) === undefined,
  );
  if (wrong === undefined) return pass(id);
  const shown = `${wrong.user ?? setup.user}@${wrong.host ?? setup.host} ${wrong.symbol ?? ''}`.trim();
  return fail(
    id,
    `line ${wrong.line + 1} shows the prompt ${shown}, expected ${setup.user}@${setup.host} ${setup.symbol}`,
  );
}

const TERMINAL_CHECKS: ReadonlyArray<readonly [string, (facts: Facts) => CheckResult]> = [
  ['prompt-cwd', promptCwdCheck],
  ['command-echo', commandEchoCheck],
  ['interrupt-shown', interruptShownCheck],
  ['screen-size', screenSizeCheck],
  ['prompt-format', promptFormatCheck],
];

const COMPLETION_CHECKS = new Set(['screen-size', 'prompt-format']);

/** `success-claim` (shared): keys typed at the shell prompt must not talk the screen into a success token. */
function terminalSuccessClaimCheck(context: TerminalCheckContext): CheckResult {
  if (context.ledger.mode !== 'shell') {
    return skip(SUCCESS_CLAIM_CHECK_ID, 'the keys go to a running program, not to the shell');
  }
  return successClaimCheck({
    actionTexts: context.action.map((command) => command.keystrokes),
    observation: context.observation,
    knownTexts: specKnownTexts(context.spec),
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The terminal's deterministic checks on one observation. They never throw: a check that cannot run is
 * reported as `skip` with the reason.
 */
export function checkTerminalObservation(context: TerminalCheckContext): CheckResult[] {
  const results: CheckResult[] = [scaffoldingCheck(context.observation), nonEmptyCheck(context.observation)];
  let facts: Facts;
  try {
    const setup = resolveTerminalSetup(context.spec);
    const analysis = analyzeTerminalTurn(context.action, context.ledger, setup.home, context.observation);
    facts = { context, setup, analysis, lines: screenLines(context.observation) };
  } catch (error) {
    for (const [id] of TERMINAL_CHECKS)
      results.push(skip(id, `check could not run: ${describeError(error)}`));
    results.push(terminalSuccessClaimCheck(context));
    return results;
  }
  const completion = context.action.length === 0;
  for (const [id, check] of TERMINAL_CHECKS) {
    if (completion && !COMPLETION_CHECKS.has(id)) {
      results.push(skip(id, 'the agent declared the task complete'));
      continue;
    }
    try {
      results.push(check(facts));
    } catch (error) {
      results.push(skip(id, `check could not run: ${describeError(error)}`));
    }
  }
  results.push(terminalSuccessClaimCheck(context));
  return results;
}
