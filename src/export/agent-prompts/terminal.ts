/**
 * Terminus-2 (terminal-bench's reference agent, JSON reply format) from its policy's side.
 *
 * The opening follows the structure of the prompt template terminus_2.py loads for its JSON parser
 * (terminal_bench/agents/terminus_2/terminus_2.py and its `terminus-json-plain` template, as vendored in
 * ethanewer/deepswe-data-gen 677dcd1): who the policy is, the reply format with an example, the required and
 * optional fields, the command object and key rules, then `Task Description:` with the task and
 * `Current terminal state:` with the first capture (`Current Terminal Screen:` and the pane, cut to 10,000
 * bytes). The wording is ours; only the section labels are the harness's. Terminus-2 sends it as the first
 * user message (it has no system message).
 *
 * Each later observation is what `get_incremental_output` returns, computed from the recorded screens: the
 * session records only the new part of the pane per turn (the world-model format), so the pane's scrollback is
 * rebuilt turn by turn and handed with the previous one to the domain's `terminusIncrementalOutput`, then
 * through `presentTerminusTurn` (the 10,000-byte cut and the completion confirmation).
 */
import type { SessionRecord, Turn } from '../../core/turn.js';
import {
  limitTerminusOutput,
  parsePromptLine,
  parseTerminusReply,
  presentTerminusTurn,
  resolveTerminalSetup,
  TERMINAL_PANE_LINES,
  terminusIncrementalOutput,
} from '../../domains/terminal/index.js';
import { type AgentHarness, plainAction, taskText } from './types.js';

/** The Terminus-2 prompt template in our words, filled with the task and the first terminal capture. */
export function terminusOpening(task: string, terminalState: string): string {
  return [
    'You are an AI agent that solves tasks in a Linux shell. Each time, you get the task and what the terminal',
    'shows after your previous commands; you answer with the next batch of keystrokes to send to it.',
    '',
    'Reply with one JSON object shaped like this:',
    '',
    '{',
    '  "analysis": "What the screen shows and what it means for the task: what worked, what failed, what is left.",',
    '  "plan": "What you will do next and why.",',
    '  "commands": [',
    '    {',
    '      "keystrokes": "ls -la\\n",',
    '      "duration": 0.1',
    '    },',
    '    {',
    '      "keystrokes": "cd project\\n",',
    '      "duration": 0.1',
    '    }',
    '  ],',
    '  "task_complete": false',
    '}',
    '',
    'Required fields:',
    '- "analysis": your reading of the current state',
    '- "plan": your next steps',
    '- "commands": the commands to run, in order',
    '',
    'Optional field:',
    '- "task_complete": true once the task is solved (false when left out); you will be asked to confirm',
    '',
    'A command has two fields:',
    '- "keystrokes" (string, required): sent to the terminal exactly as written. End a command line with \\n',
    '  to run it; text without \\n is only typed. Tmux key names such as C-c (interrupt) and C-d (end of input)',
    '  send those keys.',
    '- "duration" (number, optional, default 1.0): seconds to wait before the screen is read again. Use about',
    '  0.1 for instant commands (cd, ls, echo, cat), 1 for compilers and small scripts, longer for downloads and',
    '  builds; never more than 60. Waiting again later is better than a long wait now.',
    '',
    'Notes:',
    '- Commands run in one persistent shell: a cd stays in effect.',
    '- An empty commands array waits without doing anything.',
    '- Keep the reply to that one JSON object, with quotes and special characters escaped; text around it',
    '  draws a warning.',
    '',
    'Task Description:',
    task,
    '',
    'Current terminal state:',
    terminalState,
  ].join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A recorded terminus action as the Terminus-2 reply that produced it: the commands as recorded, `[]` as
 * `task_complete: true`, and `analysis`/`plan` from the action when it was a whole reply (else empty strings).
 */
export function terminusReply(action: unknown): string {
  let parsed: ReturnType<typeof parseTerminusReply>;
  try {
    parsed = parseTerminusReply(action);
  } catch {
    return plainAction(action);
  }
  const source = isRecord(action) ? action : {};
  const reply = {
    analysis: typeof source.analysis === 'string' ? source.analysis : '',
    plan: typeof source.plan === 'string' ? source.plan : '',
    commands: parsed.commands.map(({ keystrokes, duration }) => ({ keystrokes, duration })),
    task_complete: parsed.form === 'reply' ? parsed.taskComplete : parsed.commands.length === 0,
  };
  return JSON.stringify(reply, null, 2);
}

/** Whether the action claims completion (Terminus runs its commands, then asks for confirmation). */
function claimsCompletion(action: unknown): boolean {
  try {
    const parsed = parseTerminusReply(action);
    return parsed.form === 'reply' ? parsed.taskComplete : parsed.commands.length === 0;
  } catch {
    return false;
  }
}

/** The recorded answer to a completion claim (`Current terminal state:` … question): no new screen in it. */
const CONFIRMATION_PREFIX = 'Current terminal state:\n';

/** The shortest end of the previous last line taken as the prompt a screen starts with. */
const MIN_PROMPT_OVERLAP = 3;

/** The last `TERMINAL_PANE_LINES` lines of a scrollback: the visible pane. */
export function visiblePane(buffer: string): string {
  const lines = buffer.split('\n');
  return lines.length > TERMINAL_PANE_LINES ? lines.slice(-TERMINAL_PANE_LINES).join('\n') : buffer;
}

/**
 * The pane's scrollback after a turn, from the one before and the turn's recorded screen (the new part of the
 * pane, world-model format):
 * - a screen that starts with the previous last line (the prompt, now with the typed keystrokes), or with the
 *   end of it (the prompt after output that had no final newline), continues the scrollback from there;
 * - a screen that starts with an earlier line (the line of a command still running, or one shown again under
 *   a pager's prompt) redraws the scrollback from that line;
 * - after a screen that ended with a newline (a program waiting for input), the screen follows it;
 * - a full pane whose top scrolled away (as many lines as the pane), or a screen that starts with a shell
 *   prompt, is new output after the scrollback (lines that scrolled past the pane before it was captured are
 *   not in the record);
 * - anything else replaced the display (an editor, a pager, `clear`): the scrollback is that screen alone.
 */
export function nextScrollback(
  previous: string,
  screen: string,
  isPromptLine: (line: string) => boolean = () => false,
): string {
  const lines = previous.split('\n');
  const last = lines.at(-1) ?? '';
  const kept = lines.slice(0, -1);
  if (last !== '' && screen.startsWith(last)) return [...kept, screen].join('\n');
  // Output without a final newline leaves the prompt after it on the same line; the screen starts at the prompt.
  for (let cut = 1; cut <= last.length - MIN_PROMPT_OVERLAP; cut++) {
    if (screen.startsWith(last.slice(cut))) return [...kept, last.slice(0, cut) + screen].join('\n');
  }
  const screenLines = screen.split('\n');
  const first = screenLines[0] ?? '';
  const at = first.trim() === '' ? -1 : lines.lastIndexOf(first);
  if (at !== -1) return [...lines.slice(0, at), screen].join('\n');
  // The previous screen ended with a newline (a program waiting for input): the screen follows it.
  if (last === '') return [...kept, screen].join('\n');
  if (screenLines.length >= TERMINAL_PANE_LINES || isPromptLine(first)) return `${previous}\n${screen}`;
  return screen;
}

/** Terminus-2 over a terminal session in the terminus dialect. */
export function terminusHarness(record: SessionRecord): AgentHarness {
  const setup = resolveTerminalSetup(record.spec);
  const isPromptLine = (line: string): boolean => parsePromptLine(line, setup) !== undefined;
  let buffer = record.initialObservation;
  let pendingCompletion = false;
  const first = terminusIncrementalOutput({
    previousBuffer: undefined,
    currentBuffer: buffer,
    visibleScreen: visiblePane(buffer),
  });
  return {
    name: 'terminus-2 (json)',
    opening: { system: undefined, user: terminusOpening(taskText(record), limitTerminusOutput(first)) },
    renderAction: terminusReply,
    observe(turn: Turn) {
      const completing = claimsCompletion(turn.action);
      const previousBuffer = buffer;
      if (!(completing && turn.observation.startsWith(CONFIRMATION_PREFIX))) {
        buffer = nextScrollback(buffer, turn.observation, isPromptLine);
      }
      const terminalOutput = terminusIncrementalOutput({
        previousBuffer,
        currentBuffer: buffer,
        visibleScreen: visiblePane(buffer),
      });
      const outcome = presentTerminusTurn({ terminalOutput, taskComplete: completing, pendingCompletion });
      pendingCompletion = outcome.pendingCompletion;
      return outcome.prompt;
    },
  };
}
