import type { TerminalAction } from './dialects/terminus/index.js';
import { isTerminalControlKey, isTerminalEnterKey } from './dialects/terminus/index.js';
import { applyShellCommand, type ShellState, type TerminalMode } from './shell-effects.js';
import { type HereDocument, parseShellLine } from './shell-words.js';

/** A command line the shell ran in this batch. */
export interface ShellCommandRun {
  /** The whole logical command (continuation and here-document lines included). */
  readonly text: string;
  /** The line typed right after the prompt: what the screen must echo. */
  readonly firstLine: string;
}

/** What a batch of keystrokes does, as far as it can be followed without running anything. */
export interface BatchAnalysis {
  /** Only empty keystrokes: the agent waits. */
  readonly isWait: boolean;
  /** Key names pressed, in order (raw `\x03` counts as `C-c`). */
  readonly keys: readonly string[];
  /** Command lines the shell ran. */
  readonly shellCommands: readonly ShellCommandRun[];
  /** Lines typed into a program other than the shell (a REPL, an editor, a running command). */
  readonly programInput: readonly string[];
  /** Text typed at the end without pressing Enter. */
  readonly pendingInput: string;
  /** Something made the outcome unpredictable (history keys, tab completion, input to programs …). */
  readonly uncertain: boolean;
  /** A command changed directory (or tried to). */
  readonly changesDirectory: boolean;
  /** The directory after the batch cannot be predicted. */
  readonly directoryUnknown: boolean;
  /** The directories the batch passes through, the starting one first (a failed command may stop early). */
  readonly visitedCwds: readonly string[];
  /** The followed shell state after the batch. */
  readonly state: ShellState;
  /** Which program the batch leaves in the foreground, judging by the commands only. */
  readonly mode: TerminalMode;
}

export interface BatchStart {
  readonly state: ShellState;
  readonly mode: TerminalMode;
  /** Text already typed at the prompt in earlier turns. */
  readonly pendingInput: string;
}

interface Continuation {
  readonly lines: string[];
  /** Index of the first here-document body line, once a here-document has been opened. */
  bodyStart: number | undefined;
  /** Here-documents still waiting for their closing line. */
  readonly openDocuments: HereDocument[];
}

/** Follows a batch of keystrokes from a known start; `screen` is the observation (for failed-command hints). */
export function analyzeBatch(
  action: TerminalAction,
  start: BatchStart,
  context: { readonly home: string; readonly screen?: string },
): BatchAnalysis {
  let state = start.state;
  let mode = start.mode;
  let pending = start.pendingInput;
  let uncertain = false;
  let changesDirectory = false;
  let directoryUnknown = false;
  const keys: string[] = [];
  const shellCommands: ShellCommandRun[] = [];
  const programInput: string[] = [];
  const visitedCwds: string[] = start.state.cwd === null ? [] : [start.state.cwd];
  let continuation: Continuation | undefined;
  // After a line goes to another program we cannot tell when the shell gets the keyboard back.
  let shellLost = mode !== 'shell';

  const run = (text: string): void => {
    if (shellLost) {
      programInput.push(text);
      uncertain = true;
      return;
    }
    if (continuation === undefined) {
      continuation = { lines: [text], bodyStart: undefined, openDocuments: [] };
    } else {
      const open = continuation.openDocuments[0];
      continuation.lines.push(text);
      if (open !== undefined) {
        if ((open.stripTabs ? text.replace(/^\t+/, '') : text) === open.delimiter)
          continuation.openDocuments.shift();
      }
    }
    if (continuation.bodyStart === undefined) {
      const parsed = parseShellLine(continuation.lines.join('\n'), { lookup: () => '', home: context.home });
      if (parsed.hereDocuments.length > 0) {
        continuation.bodyStart = continuation.lines.length;
        continuation.openDocuments.push(...parsed.hereDocuments);
      } else if (parsed.incomplete) return;
    }
    if (continuation.openDocuments.length > 0) return;
    const finished = continuation;
    continuation = undefined;
    const effects = applyShellCommand(state, finished.lines.slice(0, finished.bodyStart).join('\n'), context);
    state = effects.state;
    changesDirectory ||= effects.changesDirectory;
    directoryUnknown ||= effects.directoryUnknown;
    visitedCwds.push(...effects.visited);
    shellCommands.push({ text: finished.lines.join('\n'), firstLine: finished.lines[0] ?? '' });
    if (effects.launches !== undefined) {
      mode = effects.launches;
      shellLost = true;
    }
  };

  for (const command of action) {
    const keystrokes = command.keystrokes;
    if (keystrokes === '') continue;
    if (isTerminalControlKey(keystrokes)) {
      if (isTerminalEnterKey(keystrokes)) {
        run(pending);
        pending = '';
      } else pressKey(keystrokes);
      continue;
    }
    const text = keystrokes.replace(/\r\n/g, '\n');
    for (const char of text) {
      if (char === '\n' || char === '\r') {
        run(pending);
        pending = '';
      } else if (char === '\u0003') pressKey('C-c');
      else if (char === '\u0004') pressKey('C-d');
      else if (char === '\t' || char === '\u001b' || char < ' ') {
        if (!shellLost) uncertain = true;
        pending += char;
      } else pending += char;
    }
  }
  if (continuation !== undefined) {
    // The shell still waits for the rest of a command (PS2 prompt): it has been echoed but has not run.
    shellCommands.push({ text: continuation.lines.join('\n'), firstLine: continuation.lines[0] ?? '' });
    mode = 'running';
    uncertain = true;
  }

  function pressKey(key: string): void {
    keys.push(key);
    if (key === 'C-c') {
      pending = '';
      continuation = undefined;
      // A foreground command stops and the shell takes the keyboard back; REPLs and editors stay.
      if (mode === 'running') {
        mode = 'shell';
        shellLost = false;
      }
    } else if (key === 'C-u') {
      pending = '';
    } else if (key === 'C-l') {
      // Clears the screen; the state is unchanged.
    } else if (key === 'C-d') {
      if (mode === 'shell' && !shellLost && pending === '') {
        // End of input at an empty prompt closes the shell.
        uncertain = true;
        directoryUnknown = true;
      } else if (mode === 'repl' || mode === 'running') {
        mode = 'shell';
        uncertain = true;
      }
    } else if (key === 'C-z') {
      if (mode !== 'shell') mode = 'shell';
      uncertain = true;
    } else if (!shellLost) {
      // Arrows, Tab, Escape … edit or recall the command line in ways we do not follow.
      uncertain = true;
    }
  }

  return {
    isWait: action.length > 0 && action.every((command) => command.keystrokes === ''),
    keys,
    shellCommands,
    programInput,
    pendingInput: pending,
    uncertain,
    changesDirectory,
    directoryUnknown,
    visitedCwds,
    state,
    mode,
  };
}
