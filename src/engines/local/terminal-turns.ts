import type { Turn } from '../../core/turn.js';
import {
  isSessionPrompt,
  parsePromptLine,
  parseTerminalShellLine,
  type TerminalSetup,
} from '../../domains/terminal/index.js';
import {
  CONTINUATION_PROMPT,
  commandOfKeystrokes,
  type LayoutTurn,
  splitObservation,
} from './sequence-layout.js';

export type PromptSetup = Pick<TerminalSetup, 'promptTemplate' | 'home' | 'user' | 'host' | 'symbol'>;

/** What the engine does with one action. */
export type ActionPlan =
  | { readonly kind: 'commands'; readonly commands: readonly string[] }
  /** Only empty keystrokes: the agent waits; the screen shows the prompt. */
  | { readonly kind: 'wait' }
  /** `[]`: the agent declares the task complete. */
  | { readonly kind: 'completion' }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** Event type that marks a turn the model did not simulate; such turns stay out of its context. */
export const UNSUPPORTED_EVENT = 'local.unsupported';

/** Event type of a turn whose output was cut at the token limit. */
export const TRUNCATED_EVENT = 'local.truncated';

/**
 * Splits typed text into the command lines bash would run: a line continues while a quote is open, it ends in
 * `|`, `&&`, `||` or `\`, or a here-document's body has not reached its delimiter.
 */
export function splitCommandLines(text: string): string[] {
  const lines = text.split('\n');
  const commands: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const current = [lines[index] as string];
    index++;
    const context = { lookup: () => undefined, home: '/' };
    let parsed = parseTerminalShellLine(current.join('\n'), context);
    const delimiters = parsed.hereDocuments.map((document) => document);
    for (const document of delimiters) {
      while (index < lines.length) {
        const line = lines[index] as string;
        current.push(line);
        index++;
        if ((document.stripTabs ? line.replace(/^\t+/, '') : line) === document.delimiter) break;
      }
    }
    if (delimiters.length === 0) {
      while (parsed.incomplete && index < lines.length) {
        current.push(lines[index] as string);
        index++;
        parsed = parseTerminalShellLine(current.join('\n'), context);
      }
    }
    commands.push(current.join('\n'));
  }
  return commands;
}

/** How the engine treats an action: commands to simulate, a wait, completion, or something it cannot do. */
export function planAction(action: unknown): ActionPlan {
  if (!Array.isArray(action)) return { kind: 'unsupported', reason: 'the action is not a command list' };
  if (action.length === 0) return { kind: 'completion' };
  const commands: string[] = [];
  for (const entry of action as Array<{ keystrokes?: unknown }>) {
    const keystrokes = entry?.keystrokes;
    if (typeof keystrokes !== 'string') return { kind: 'unsupported', reason: 'an entry without keystrokes' };
    if (keystrokes === '') continue;
    if (!keystrokes.endsWith('\n')) {
      return {
        kind: 'unsupported',
        reason: `keystrokes without a final Enter (${JSON.stringify(keystrokes.slice(0, 40))})`,
      };
    }
    for (const line of splitCommandLines(keystrokes.slice(0, -1))) {
      const command = commandOfKeystrokes(`${line}\n`);
      if (command === undefined)
        return { kind: 'unsupported', reason: 'an empty or carriage-return command line' };
      commands.push(command);
    }
  }
  return commands.length === 0 ? { kind: 'wait' } : { kind: 'commands', commands };
}

/** The prompt at the very end of a screen (also after output that lacked a final newline), as shown. */
export function trailingPrompt(screen: string, setup: PromptSetup): string | undefined {
  const line = screen.slice(screen.lastIndexOf('\n') + 1);
  const whole = parsePromptLine(line, setup);
  if (whole !== undefined && isSessionPrompt(whole, setup)) return whole.command === '' ? line : undefined;
  const opening = setup.promptTemplate.startsWith('{user}')
    ? `${setup.user}@`
    : setup.promptTemplate.slice(0, 1);
  for (let start = line.indexOf(opening, 1); start > 0; start = line.indexOf(opening, start + 1)) {
    const prompt = parsePromptLine(line.slice(start), setup);
    if (prompt !== undefined && isSessionPrompt(prompt, setup) && prompt.command === '')
      return line.slice(start);
  }
  return undefined;
}

/** The command as the terminal shows it after a prompt, continuation lines included, and the Enter. */
export function renderTyped(command: string): string {
  return `${command.split('\n').join(`\n${CONTINUATION_PROMPT}`)}\n`;
}

/**
 * Splits the screen of a turn that ran several commands into layout turns. The first command's prompt is read
 * off the screen (as training does); each later command is found after a prompt on the screen. Undefined when
 * the screen does not start with the first command's echo.
 */
export function splitScreen(
  screen: string,
  commands: readonly string[],
  setup: PromptSetup,
): LayoutTurn[] | undefined {
  const [first, ...rest] = commands;
  if (first === undefined) return undefined;
  const head = splitObservation(screen, first);
  if (head === undefined) return undefined;
  const turns: LayoutTurn[] = [];
  let echo = head.echo;
  let position = head.echo.length;
  for (const command of rest) {
    const typed = renderTyped(command);
    let found: { at: number; prompt: string } | undefined;
    for (let at = screen.indexOf(typed, position); at >= 0; at = screen.indexOf(typed, at + 1)) {
      const lineStart = screen.lastIndexOf('\n', at - 1) + 1;
      const prompt = trailingPrompt(screen.slice(Math.max(lineStart, position), at), setup);
      if (prompt !== undefined) {
        found = { at, prompt };
        break;
      }
    }
    if (found === undefined) break;
    turns.push({ echo, target: screen.slice(position, found.at) });
    echo = `${found.prompt}${typed}`;
    position = found.at + typed.length;
  }
  turns.push({ echo, target: screen.slice(position) });
  return turns;
}

export interface TerminalContext {
  /** The layout turns of the history, oldest first. */
  readonly turns: readonly LayoutTurn[];
  /** The prompt the next command is typed at. */
  readonly prompt: string;
  /** The screen as the agent last saw it (not a completion question). */
  readonly screen: string;
}

function isUnsupportedTurn(turn: Turn): boolean {
  return turn.events.some((event) => event.type === UNSUPPORTED_EVENT);
}

/**
 * Rebuilds the model's view of a session from its history: the layout turns of every simulated command, the
 * current prompt and the last screen. Turns the engine marked unsupported are left out; a screen that does not
 * fit the layout (another engine's answer in an unexpected shape) is left out as well.
 */
export function terminalContext(
  history: readonly Turn[],
  initialScreen: string,
  setup: PromptSetup,
  fallbackPrompt: string,
): TerminalContext {
  const turns: LayoutTurn[] = [];
  let prompt = trailingPrompt(initialScreen, setup) ?? fallbackPrompt;
  let screen = initialScreen;
  for (const turn of history) {
    const plan = planAction(turn.action);
    if (plan.kind === 'completion') continue;
    if (plan.kind === 'commands' && !isUnsupportedTurn(turn)) {
      const parts = splitScreen(turn.observation, plan.commands, setup);
      if (parts !== undefined) turns.push(...parts);
    }
    screen = turn.observation;
    prompt = trailingPrompt(turn.observation, setup) ?? prompt;
  }
  return { turns, prompt, screen };
}
