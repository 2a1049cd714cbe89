/**
 * Conformance fixtures for the terminus dialect's harness side, built from Terminus-2's source rules (no harness
 * runs here). Sources:
 * - ethanewer/deepswe-data-gen 677dcd1c086cd48f8c5f33958101bdcf070a04bd:
 *   terminal_bench/agents/terminus_2/terminus_2.py (`_limit_output_length`, `_get_completion_confirmation_message`,
 *   `min(parsed_cmd.duration, 60)`, `_run_agent_loop`) and terminal_bench/agents/terminus_2/terminus_json_plain_parser.py;
 * - finyorko/longcli-bench 82c7eb3b3b1c0d2aff312292575182ab9df03fcf: terminal_bench/terminal/tmux_session.py
 *   (`get_incremental_output`, `_find_new_content`).
 * - ethanewer/deepswe-data-gen bd0105d71b9a12d9c66e0d3f270aebcd1bdeeb20: eval/terminal_bench/agents/terminus_2/
 *   terminus_xml_plain_parser.py and terminus_2.py (`_get_error_response_type`, the XML confirmation); its
 *   terminus_json_plain_parser.py is byte-identical to 677dcd1's.
 * The reply fixtures (JSON, duration and XML) were also checked by running those two Python parsers, unchanged,
 * over the same replies (under several PYTHONHASHSEED values, since the XML parser walks sets).
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

/**
 * terminus_json_plain_parser.py `_parse_commands` (ethanewer/deepswe-data-gen 677dcd1, the same text at bd0105d
 * eval/terminal_bench/agents/terminus_2/): a present `duration` that is not an int or float (a string, even one
 * that reads as a number, or null) warns and becomes 1.0; a boolean is an int to Python, so it passes as 1 or 0.
 */
export const TERMINUS_DURATION_FIXTURES: readonly ReplyFixture[] = [
  {
    name: 'a word as duration waits the default 1.0, with the warning',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\\n", "duration": "soon"}]}',
    expected: {
      commands: [{ keystrokes: 'ls\n', duration: 1 }],
      taskComplete: false,
      warnings: ['Command 1: Invalid duration value, using default 1.0'],
    },
  },
  {
    name: 'a numeric string is not a number to the JSON parser either',
    reply:
      '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "make\\n", "duration": "2"}, ' +
      '{"keystrokes": "ls\\n", "duration": null}]}',
    expected: {
      commands: [
        { keystrokes: 'make\n', duration: 1 },
        { keystrokes: 'ls\n', duration: 1 },
      ],
      taskComplete: false,
      warnings: [
        'Command 1: Invalid duration value, using default 1.0',
        'Command 2: Invalid duration value, using default 1.0',
      ],
    },
  },
  {
    name: 'a boolean duration passes as a number',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\\n", "duration": true}]}',
    expected: { commands: [{ keystrokes: 'ls\n', duration: 1 }], taskComplete: false, warnings: [] },
  },
  {
    name: 'a command without keystrokes is refused outright',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"duration": 1}]}',
    expected: { error: "Command 1 missing required 'keystrokes' field" },
  },
  {
    name: 'keystrokes that are not a string are refused outright',
    reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": 42, "duration": 1}]}',
    expected: { error: "Command 1 'keystrokes' must be a string" },
  },
];

/**
 * The XML form, terminus_xml_plain_parser.py in ethanewer/deepswe-data-gen bd0105d71b9a12d9c66e0d3f270aebcd1bdeeb20
 * (eval/terminal_bench/agents/terminus_2/), with terminus_2.py's `min(duration, 60)`. Keystrokes are the element's
 * text byte for byte (a real line break presses Enter); `parser: 'xml'` pins the parser as `parser_name="xml"`
 * does, where the reply alone would not route to it.
 */
export interface XmlReplyFixture extends ReplyFixture {
  readonly parser?: 'xml';
}

const xmlReply = (commands: string, extra = '<task_complete>false</task_complete>\n'): string =>
  `<response>\n<analysis>a</analysis>\n<plan>p</plan>\n<commands>\n${commands}</commands>\n${extra}</response>`;

export const TERMINUS_XML_REPLY_FIXTURES: readonly XmlReplyFixture[] = [
  {
    name: 'the prompt template example: verbatim keystrokes with their line breaks and durations',
    reply: xmlReply(
      '<keystrokes duration="0.1">ls -la\n</keystrokes>\n<keystrokes duration="1.0">cd project\n</keystrokes>\n',
    ),
    expected: {
      commands: [
        { keystrokes: 'ls -la\n', duration: 0.1 },
        { keystrokes: 'cd project\n', duration: 1 },
      ],
      taskComplete: false,
      warnings: [],
    },
  },
  {
    name: 'attribute leniencies: no duration, single quotes, no quotes, an unknown attribute',
    reply: xmlReply(
      "<keystrokes>C-c</keystrokes>\n<keystrokes duration='2'>make\n</keystrokes>\n" +
        '<keystrokes duration=5>ls\n</keystrokes>\n<keystrokes duration="0.5" timeout="3">pwd\n</keystrokes>\n',
    ),
    expected: {
      commands: [
        { keystrokes: 'C-c', duration: 1 },
        { keystrokes: 'make\n', duration: 2 },
        { keystrokes: 'ls\n', duration: 1 },
        { keystrokes: 'pwd\n', duration: 0.5 },
      ],
      taskComplete: false,
      warnings: [
        'Command 1: Missing duration attribute, using default 1.0',
        'Command 1 should end with newline when followed by another command. Otherwise the two commands will be concatenated together on the same line.',
        'Command 2: Use double quotes for attribute \'duration\': duration="2"',
        'Command 3: Attribute \'duration\' value should be quoted: duration="5"',
        'Command 3: Missing duration attribute, using default 1.0',
        "Command 4: Unknown attribute 'timeout' - known attributes are: duration",
      ],
    },
  },
  {
    name: 'durations are Python floats: a word warns and waits 1.0, "2", " 1e1 " and "1_5" are numbers, 120 runs for 60',
    reply: xmlReply(
      '<keystrokes duration="soon">a\n</keystrokes>\n<keystrokes duration="2">b\n</keystrokes>\n' +
        '<keystrokes duration=" 1e1 ">c\n</keystrokes>\n<keystrokes duration="1_5">d\n</keystrokes>\n' +
        '<keystrokes duration="120">e\n</keystrokes>\n',
    ),
    expected: {
      commands: [
        { keystrokes: 'a\n', duration: 1 },
        { keystrokes: 'b\n', duration: 2 },
        { keystrokes: 'c\n', duration: 10 },
        { keystrokes: 'd\n', duration: 15 },
        { keystrokes: 'e\n', duration: 60 },
      ],
      taskComplete: false,
      warnings: ["Command 1: Invalid duration value 'soon', using default 1.0"],
    },
  },
  {
    name: 'entities are read verbatim, with a warning; surrounding spaces are kept',
    reply: xmlReply('<keystrokes duration="0.1">  echo a &amp;&amp; echo b &gt; c\n</keystrokes>\n'),
    expected: {
      commands: [{ keystrokes: '  echo a &amp;&amp; echo b &gt; c\n', duration: 0.1 }],
      taskComplete: false,
      warnings: [
        'Warning: &gt; is read verbatim and not converted to >. NEVER USE &gt;, unless you want these exact characters to appear directly in the output.',
        'Warning: &amp; is read verbatim and not converted to &. NEVER USE &amp;, unless you want these exact characters to appear directly in the output.',
      ],
    },
  },
  {
    name: 'text around the response and a second response block',
    reply: `Sure.\n${xmlReply('<keystrokes duration="0.1">ls\n</keystrokes>\n')}\n${xmlReply('<keystrokes duration="0.1">pwd\n</keystrokes>\n')}`,
    expected: {
      commands: [{ keystrokes: 'ls\n', duration: 0.1 }],
      taskComplete: false,
      warnings: [
        'Extra text detected before <response> tag',
        'Extra text detected after </response> tag',
        'IMPORTANT: Only issue one <response> block at a time. You issued 2 and only the first was executed.',
      ],
    },
  },
  {
    name: 'a missing analysis only warns (the JSON parser refuses it)',
    reply:
      '<response>\n<plan>p</plan>\n<commands>\n<keystrokes duration="0.1">ls\n</keystrokes>\n</commands>\n</response>',
    expected: {
      commands: [{ keystrokes: 'ls\n', duration: 0.1 }],
      taskComplete: false,
      warnings: ['Missing <analysis> section'],
    },
  },
  {
    name: 'sections out of order, an unknown tag and two commands blocks',
    reply:
      '<response>\n<plan>p</plan>\n<analysis>a</analysis>\n<note>n</note>\n' +
      '<commands><keystrokes duration="1">ls\n</keystrokes></commands>\n' +
      '<commands><keystrokes duration="1">pwd\n</keystrokes></commands>\n</response>',
    expected: {
      commands: [{ keystrokes: 'ls\n', duration: 1 }],
      taskComplete: false,
      warnings: [
        'Unknown tag found: <note>, expected analysis/plan/commands/task_complete',
        'IMPORTANT: Only issue one <commands> block at a time. You issued 2 and only the first was executed.',
        'Sections appear in wrong order. Found: plan → analysis → commands, expected: analysis → plan → commands',
      ],
    },
  },
  {
    name: 'task_complete true in any case and spacing, no closing </response>: the commands still run',
    reply:
      '<response>\n<analysis>a</analysis>\n<plan>p</plan>\n<commands>\n<keystrokes duration="0.1">sync\n</keystrokes>\n</commands>\n<task_complete> TRUE </task_complete>\n',
    expected: { commands: [{ keystrokes: 'sync\n', duration: 0.1 }], taskComplete: true, warnings: [] },
  },
  {
    name: 'an empty commands section that does not complete warns and waits',
    reply: xmlReply('', ''),
    expected: {
      commands: [],
      taskComplete: false,
      warnings: [
        "Commands section is empty; not taking any action. If you want to wait a specific amount of time please use `sleep`, but if you're waiting for a command to finish then continue to wait.",
      ],
    },
  },
  {
    name: 'a completing reply needs no commands section',
    reply:
      '<response>\n<analysis>done</analysis>\n<plan>none</plan>\n<task_complete>true</task_complete>\n</response>',
    expected: { commands: [], taskComplete: true, warnings: ['Missing <commands> section'] },
  },
  {
    name: 'a missing commands section is refused when the task is not complete',
    reply: '<response>\n<analysis>a</analysis>\n<plan>p</plan>\n</response>',
    expected: { error: 'Missing <commands> section' },
  },
  {
    name: 'no <response> tag is refused',
    parser: 'xml',
    reply:
      '<analysis>a</analysis><plan>p</plan><commands><keystrokes duration="1">ls\n</keystrokes></commands>',
    expected: { error: 'No <response> tag found' },
  },
];

/** terminus_2.py `_run_agent_loop`: the parser's warnings lead the next observation. */
export const TERMINUS_WARNING_PROMPT_FIXTURE = {
  reply: '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\\n", "duration": "soon"}]}',
  terminalOutput: 'New Terminal Output:\nroot@h:/app# ls\na.txt\nroot@h:/app# ',
  expected:
    'Previous response had warnings:\nWARNINGS: - Command 1: Invalid duration value, using default 1.0\n\n' +
    'New Terminal Output:\nroot@h:/app# ls\na.txt\nroot@h:/app# ',
} as const;

/** terminus_2.py `_run_agent_loop` and `_get_error_response_type` for parser "xml": nothing ran. */
export const TERMINUS_XML_ERROR_PROMPT_FIXTURE = {
  reply: 'Thinking...\n<response>\n<analysis>a</analysis>\n<plan>p</plan>\n</response>',
  expected:
    'Previous response had parsing errors:\nERROR: Missing <commands> section\n' +
    'WARNINGS: - Extra text detected before <response> tag\n- Missing <commands> section\n\n' +
    'Please fix these issues and provide a proper response.',
} as const;

/** terminus_2.py `_get_completion_confirmation_message`, parser "xml". */
export const TERMINUS_XML_CONFIRMATION_FIXTURE = {
  terminalOutput: 'Current Terminal Screen:\nroot@h:/app# ',
  expected:
    'Current terminal state:\nCurrent Terminal Screen:\nroot@h:/app# \n\n' +
    'Are you sure you want to mark the task as complete? This will trigger your solution to be graded and ' +
    "you won't be able to make any further corrections. If so, include <task_complete>true</task_complete> " +
    'again.',
} as const;
