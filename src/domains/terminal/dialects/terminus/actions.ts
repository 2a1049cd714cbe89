import { z } from 'zod';
import { AgentWorldError } from '../../../../core/errors.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import { issuesWithKeys } from '../../issue-paths.js';
import { locateJsonObject } from './json-object.js';
import { looksLikeTerminusXml, parseTerminusXml } from './xml-reply.js';

export const DEFAULT_TERMINAL_DURATION_SECONDS = 1;
/**
 * The longest wait one command gets. Terminus-2 runs every command with `min(duration, 60)` seconds
 * (terminal_bench/agents/terminus_2/terminus_2.py, `_handle_llm_interaction`), so a longer duration is
 * clamped to this, as the harness does, rather than refused: the agent's reply stays valid.
 */
export const MAX_TERMINAL_DURATION_SECONDS = 60;

/** One Terminus command: raw keystrokes sent to the pane, then a wait before the screen is captured. */
export const TerminalCommandSchema = z.object({
  /** Raw text typed into the pane (`\n` presses Enter), or a whole tmux key name such as `C-c` or `Escape`. */
  keystrokes: z.string().max(100_000),
  /** Seconds to wait before capturing the screen; more than 60 is clamped to 60 as Terminus-2 does. */
  duration: z.number().min(0).default(DEFAULT_TERMINAL_DURATION_SECONDS),
});

/** The terminus action: commands run in order; `[]` declares the task complete. */
export const TerminalActionSchema = z.array(TerminalCommandSchema).max(100);

/** A full Terminus-2 reply; normalised to its `commands`. */
export const TerminusReplySchema = z.object({
  analysis: z.string(),
  plan: z.string(),
  commands: TerminalActionSchema,
  task_complete: z.union([z.boolean(), z.string()]).optional(),
});

export type TerminalCommand = z.output<typeof TerminalCommandSchema>;
export type TerminalAction = z.output<typeof TerminalActionSchema>;
export type TerminusReply = z.output<typeof TerminusReplySchema>;

/**
 * Terminus-2's two reply parsers. The harness uses one per run (`Terminus2(parser_name="json" | "xml")`,
 * terminus_2.py `_get_parser`), with a prompt template, parse-error ending and completion question of its own.
 */
export type TerminusParserName = 'json' | 'xml';

export interface TerminusParseOptions {
  /**
   * Pins the parser as a Terminus-2 run does. Left out, a text reply goes to the XML parser when a `<response>`
   * tag comes before any `{`, to the JSON parser otherwise.
   */
  readonly parser?: TerminusParserName | undefined;
}

/** What Terminus-2's parser makes of a reply: the commands to run, the completion claim, its warnings. */
export interface TerminusParsedReply {
  /** `array` for the plain `[{keystrokes, duration}]` form, `reply` for a whole Terminus-2 reply. */
  readonly form: 'array' | 'reply';
  /** Which of Terminus-2's parsers read it. */
  readonly parser: TerminusParserName;
  readonly commands: TerminalAction;
  readonly taskComplete: boolean;
  /** The parser's warnings, worded as Terminus-2 words them (e.g. `Extra text detected after JSON object`). */
  readonly warnings: readonly string[];
}

function invalid(message: string, path = '$', warnings: readonly string[] = []): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid terminal action at ${path}: ${message}`, {
    details: {
      path,
      issues: [{ path, message }],
      ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
    },
  });
}

/** Parses with a schema; an unknown key is reported at its own path (`$[0].foo`). */
function parseActionValue<T extends z.ZodType>(schema: T, value: unknown, prefix = '$'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesWithKeys(result.error).map((issue) => ({
    path: prefix + issue.path.slice(1),
    message: issue.message,
  }));
  const first = issues[0] ?? { path: prefix, message: 'invalid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AgentWorldError(
    'INVALID_ACTION',
    `Invalid terminal action at ${first.path}: ${first.message}${more}`,
    { details: { issues, path: first.path } },
  );
}

/** The normalised copy: key order `keystrokes`, `duration`, duration present and at most 60. */
function normalise(commands: readonly TerminalCommand[]): TerminalAction {
  return commands.map((command) => ({
    keystrokes: command.keystrokes,
    duration: Math.min(command.duration, MAX_TERMINAL_DURATION_SECONDS),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON text to a value; text around one JSON object is tolerated with Terminus-2's warnings. */
function decodeText(text: string, warnings: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonObject(text);
    if (located === undefined) {
      throw invalid(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(located.json);
    } catch (inner) {
      throw invalid(`not valid JSON (${inner instanceof Error ? inner.message : String(inner)})`);
    }
    if (located.before.trim() !== '') warnings.push('Extra text detected before JSON object');
    if (located.after.trim() !== '') warnings.push('Extra text detected after JSON object');
    return value;
  }
}

/**
 * Terminus-2's `_parse_commands` over the raw command list, before the schema: a command that is not an object,
 * lacks `keystrokes` or has non-string keystrokes is refused with the parser's own message; a duration that is
 * not a number (a string, even `"2"`, or null) warns `Invalid duration value, using default 1.0` and becomes 1.0
 * (a boolean counts as the number Python sees: true 1, false 0); a missing duration, unknown fields and a missing
 * newline before the next command warn. Returns the commands with their durations replaced where the parser
 * replaces them.
 */
function readCommands(commands: readonly unknown[], prefix: string, warnings: string[]): unknown[] {
  return commands.map((command, i) => {
    const n = i + 1;
    const path = `${prefix}[${i}]`;
    if (!isRecord(command)) throw invalid(`Command ${n} must be an object`, path, warnings);
    if (!('keystrokes' in command)) {
      throw invalid(`Command ${n} missing required 'keystrokes' field`, `${path}.keystrokes`, warnings);
    }
    const keystrokes = command.keystrokes;
    if (typeof keystrokes !== 'string') {
      throw invalid(`Command ${n} 'keystrokes' must be a string`, `${path}.keystrokes`, warnings);
    }
    let duration: unknown = DEFAULT_TERMINAL_DURATION_SECONDS;
    if ('duration' in command) {
      duration = command.duration;
      if (typeof duration === 'boolean') duration = duration ? 1 : 0;
      if (typeof duration !== 'number') {
        warnings.push(`Command ${n}: Invalid duration value, using default 1.0`);
        duration = DEFAULT_TERMINAL_DURATION_SECONDS;
      }
    } else {
      warnings.push(`Command ${n}: Missing duration field, using default 1.0`);
    }
    const unknown = Object.keys(command).filter((key) => key !== 'keystrokes' && key !== 'duration');
    if (unknown.length > 0) warnings.push(`Command ${n}: Unknown fields: ${unknown.join(', ')}`);
    if (i < commands.length - 1 && !keystrokes.endsWith('\n')) {
      warnings.push(
        `Command ${n} should end with newline when followed by another command. Otherwise the two ` +
          'commands will be concatenated together on the same line.',
      );
    }
    return { keystrokes, duration };
  });
}

/** `task_complete` as Terminus-2 reads it: a string counts when it is `true`, `1` or `yes` (any case). */
function readTaskComplete(value: unknown, warnings: string[]): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return ['true', '1', 'yes'].includes(value.toLowerCase());
  if (typeof value !== 'boolean') warnings.push("Field 'task_complete' should be a boolean or string");
  return Boolean(value);
}

const REQUIRED_REPLY_FIELDS = ['analysis', 'plan', 'commands'] as const;

function parseReplyObject(value: Record<string, unknown>, warnings: string[]): TerminusParsedReply {
  const missing = REQUIRED_REPLY_FIELDS.filter((field) => !(field in value));
  if (missing.length > 0) {
    throw invalid(`Missing required fields: ${missing.join(', ')}`, `$.${missing[0]}`, warnings);
  }
  if (typeof value.analysis !== 'string') warnings.push("Field 'analysis' should be a string");
  if (typeof value.plan !== 'string') warnings.push("Field 'plan' should be a string");
  if (!Array.isArray(value.commands)) {
    throw invalid("Field 'commands' must be an array", '$.commands', warnings);
  }
  const taskComplete = readTaskComplete(value.task_complete, warnings);
  const commandWarnings: string[] = [];
  try {
    const read = readCommands(value.commands, '$.commands', commandWarnings);
    const commands = normalise(parseActionValue(TerminalActionSchema, read, '$.commands'));
    warnings.push(...commandWarnings);
    return { form: 'reply', parser: 'json', commands, taskComplete, warnings };
  } catch (error) {
    // Terminus-2 treats a bad command list in a completing reply as a warning and completes with no commands.
    warnings.push(...commandWarnings);
    if (!taskComplete || !(error instanceof AgentWorldError)) {
      if (error instanceof AgentWorldError && warnings.length > 0) {
        throw new AgentWorldError('INVALID_ACTION', error.message, {
          details: { ...error.details, warnings: [...warnings] },
        });
      }
      throw error;
    }
    const issues = error.details.issues;
    const first = Array.isArray(issues) ? (issues[0] as { message?: unknown } | undefined) : undefined;
    warnings.push(typeof first?.message === 'string' ? first.message : error.message);
    return { form: 'reply', parser: 'json', commands: [], taskComplete, warnings };
  }
}

/** A reply in Terminus-2's XML form, read by its XML parser; its error is refused with the parser's words. */
function parseXmlReply(text: string): TerminusParsedReply {
  const result = parseTerminusXml(text);
  if (result.error !== '') throw invalid(result.error, '$', result.warnings);
  const commands = normalise(
    parseActionValue(
      TerminalActionSchema,
      result.commands.map((command) => ({ ...command })),
      '$.commands',
    ),
  );
  return {
    form: 'reply',
    parser: 'xml',
    commands,
    taskComplete: result.taskComplete,
    warnings: [...result.warnings],
  };
}

/**
 * Parses a reply as Terminus-2's parsers do. The JSON form (terminus_json_plain_parser.py): `analysis`, `plan`
 * and `commands` are required ("Missing required fields"); text before or after the JSON object, unknown command
 * fields, a string `task_complete` and a duration that is not a number (1.0 instead) are accepted with warnings;
 * durations above 60 are clamped. The XML form `<response>…</response>` (terminus_xml_plain_parser.py, see
 * xml-reply.ts) is read by the XML parser, with its own leniencies and errors. The plain
 * `[{keystrokes, duration}]` array (the world-model action form) is accepted too, without a completion claim.
 * `options.parser` pins one parser, as a Terminus-2 run does.
 */
export function parseTerminusReply(input: unknown, options: TerminusParseOptions = {}): TerminusParsedReply {
  if (typeof input === 'string') {
    const xml = options.parser === 'xml' || (options.parser === undefined && looksLikeTerminusXml(input));
    if (xml) return parseXmlReply(input);
  } else if (options.parser === 'xml') {
    throw invalid(`expected the text of a <response>…</response> reply, got ${describe(input)}`);
  }
  const warnings: string[] = [];
  const value = typeof input === 'string' ? decodeText(input, warnings) : input;
  if (Array.isArray(value)) {
    const read = readCommands(value, '$', warnings);
    return {
      form: 'array',
      parser: 'json',
      commands: normalise(parseActionValue(TerminalActionSchema, read)),
      taskComplete: false,
      warnings,
    };
  }
  if (isRecord(value)) return parseReplyObject(value, warnings);
  throw invalid(
    `expected an array of {keystrokes, duration} commands or a Terminus reply object, got ${describe(value)}`,
  );
}

/**
 * Validates a terminus action given as a JSON value, JSON text or XML reply text: the command array or a whole
 * Terminus-2 reply (see `parseTerminusReply`). A completing reply with no commands becomes `[]` (completion); a
 * completing reply with commands becomes those commands, which run first — the harness then asks for
 * confirmation over the screen they leave (`presentTerminusTurn`); a reply with no commands that does not claim
 * completion only waits.
 */
export function parseTerminalAction(input: unknown, _spec?: WorldSpec): TerminalAction {
  const parsed = parseTerminusReply(input);
  if (parsed.form === 'array' || parsed.commands.length > 0) return parsed.commands;
  return parsed.taskComplete ? [] : [{ keystrokes: '', duration: DEFAULT_TERMINAL_DURATION_SECONDS }];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value;
}

/** Whether the action declares the task complete. */
export function isTerminalCompletion(action: TerminalAction): boolean {
  return action.length === 0;
}
