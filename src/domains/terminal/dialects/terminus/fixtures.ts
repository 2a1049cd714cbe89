/**
 * Conformance fixtures for the terminus dialect's harness side, built from Terminus-2's source rules (no harness
 * runs here). Sources:
 * - ethanewer/deepswe-data-gen 677dcd1c086cd48f8c5f33958101bdcf070a04bd:
 *   terminal_bench/agents/terminus_2/terminus_2.py (`_limit_output_length`, `_get_completion_confirmation_message`,
 *   `min(parsed_cmd.duration, 60)`, `_run_agent_loop`) and terminal_bench/agents/terminus_2/terminus_json_plain_parser.py;
 * - finyorko/longcli-bench 82c7eb3b3b1c0d2aff312292575182ab9df03fcf: terminal_bench/terminal/tmux_session.py
 *   (`get_incremental_output`, `_find_new_content`).
 * Expected texts were worked out by hand from those rules (the byte counts were checked by evaluating the
 * rule on the same inputs).
 */

const x = (n: number): string => 'x'.repeat(n);
const marker = (omitted: number): string =>
  `\n[... output limited to 10000 bytes; ${omitted} interior bytes omitted ...]\n`;

export interface LimitFixture {
  readonly name: string;
  readonly source: string;
  readonly input: string;
  readonly expected: string;
}

export const TERMINUS_LIMIT_FIXTURES: readonly LimitFixture[] = [
  {
    name: 'exactly 10000 bytes stays whole',
    source: 'terminus_2.py _limit_output_length (<= max_bytes returns the output)',
    input: x(10_000),
    expected: x(10_000),
  },
  {
    name: '20000 ASCII bytes keep 5000 + 5000',
    source: 'terminus_2.py _limit_output_length',
    input: x(20_000),
    expected: `${x(5000)}${marker(10_000)}${x(5000)}`,
  },
  {
    name: 'a two-byte character split at the head cut is dropped (bytes, not characters)',
    source: 'terminus_2.py _limit_output_length (decode errors="ignore")',
    input: `a${'é'.repeat(6000)}`,
    expected: `a${'é'.repeat(2499)}${marker(2002)}${'é'.repeat(2500)}`,
  },
];

export interface IncrementalFixture {
  readonly name: string;
  readonly previousBuffer: string | undefined;
  readonly currentBuffer: string;
  readonly visibleScreen: string;
  readonly expected: string;
}

/** tmux_session.py get_incremental_output / _find_new_content. */
export const TERMINUS_INCREMENTAL_FIXTURES: readonly IncrementalFixture[] = [
  {
    name: 'first capture shows the visible screen',
    previousBuffer: undefined,
    currentBuffer: 'root@h:/app# ',
    visibleScreen: 'root@h:/app# ',
    expected: 'Current Terminal Screen:\nroot@h:/app# ',
  },
  {
    name: 'a one-line previous buffer: the new part is the whole buffer from where it was found',
    previousBuffer: 'root@h:/app# \n\n',
    currentBuffer: 'root@h:/app# ls\na.txt\nroot@h:/app# \n\n',
    visibleScreen: 'root@h:/app# ls\na.txt\nroot@h:/app# ',
    expected: 'New Terminal Output:\nroot@h:/app# ls\na.txt\nroot@h:/app# \n\n',
  },
  {
    name: 'a multi-line previous buffer: the new part starts at its last newline',
    previousBuffer: 'root@h:/app# cd x\nroot@h:/app/x# \n',
    currentBuffer: 'root@h:/app# cd x\nroot@h:/app/x# pwd\n/app/x\nroot@h:/app/x# \n',
    visibleScreen: 'root@h:/app# cd x\nroot@h:/app/x# pwd\n/app/x\nroot@h:/app/x# ',
    expected: 'New Terminal Output:\n\nroot@h:/app/x# pwd\n/app/x\nroot@h:/app/x# \n',
  },
  {
    name: 'the previous buffer is gone (cleared screen): the visible screen',
    previousBuffer: 'root@h:/app# echo one\none\nroot@h:/app# ',
    currentBuffer: 'root@h:/app# ',
    visibleScreen: 'root@h:/app# ',
    expected: 'Current Terminal Screen:\nroot@h:/app# ',
  },
];

/** terminus_2.py _get_completion_confirmation_message, parser "json". */
export const TERMINUS_CONFIRMATION_FIXTURE = {
  terminalOutput: 'Current Terminal Screen:\nroot@h:/app# ',
  expected:
    'Current terminal state:\nCurrent Terminal Screen:\nroot@h:/app# \n\n' +
    'Are you sure you want to mark the task as complete? This will trigger your solution to be graded and ' +
    'you won\'t be able to make any further corrections. If so, include "task_complete": true in your JSON ' +
    'response again.',
} as const;

/** terminus_2.py _run_agent_loop: the output, already cut once by _execute_commands, is cut again. */
export const TERMINUS_DOUBLE_CUT_FIXTURE = {
  terminalOutput: `New Terminal Output:\n${x(19_979)}`,
  expected: `New Terminal Output:\n${x(4979)}${marker(71)}${x(5000)}`,
} as const;

export interface ReplyFixture {
  readonly name: string;
  readonly reply: string;
  /** The commands and claim the parser yields, or the error text it rejects with. */
  readonly expected:
    | {
        readonly commands: readonly { keystrokes: string; duration: number }[];
        readonly taskComplete: boolean;
        readonly warnings: readonly string[];
      }
    | { readonly error: string };
}

/** terminus_json_plain_parser.py _try_parse_response and terminus_2.py's duration cap. */
export const TERMINUS_REPLY_FIXTURES: readonly ReplyFixture[] = [
  {
    name: 'text before and after the JSON object',
    reply:
      'Here is my answer:\n{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\\n", "duration": 0.1}]}\nDone.',
    expected: {
      commands: [{ keystrokes: 'ls\n', duration: 0.1 }],
      taskComplete: false,
      warnings: ['Extra text detected before JSON object', 'Extra text detected after JSON object'],
    },
  },
  {
    name: 'task_complete as the string "true", with a command that still runs',
    reply:
      '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "sync\\n", "duration": 1}], "task_complete": "true"}',
    expected: { commands: [{ keystrokes: 'sync\n', duration: 1 }], taskComplete: true, warnings: [] },
  },
  {
    name: 'an unknown command field and a missing duration',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "make\\n", "timeout": 5}]}',
    expected: {
      commands: [{ keystrokes: 'make\n', duration: 1 }],
      taskComplete: false,
      warnings: [
        'Command 1: Missing duration field, using default 1.0',
        'Command 1: Unknown fields: timeout',
      ],
    },
  },
  {
    name: 'a duration over 60 runs for 60',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "make\\n", "duration": 300}]}',
    expected: { commands: [{ keystrokes: 'make\n', duration: 60 }], taskComplete: false, warnings: [] },
  },
  {
    name: 'missing analysis and plan',
    reply: '{"commands": [], "task_complete": true}',
    expected: { error: 'Missing required fields: analysis, plan' },
  },
];
