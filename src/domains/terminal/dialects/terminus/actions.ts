import { z } from 'zod';
import { AgentWorldError } from '../../../../core/errors.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import { issuesWithKeys } from '../../issue-paths.js';
import { locateJsonObject } from './json-object.js';

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

/** What Terminus-2's parser makes of a reply: the commands to run, the completion claim, its warnings. */
export interface TerminusParsedReply {
  /** `array` for the plain `[{keystrokes, duration}]` form, `reply` for a whole Terminus-2 reply. */
  readonly form: 'array' | 'reply';
  readonly commands: TerminalAction;
  readonly taskComplete: boolean;
  /** The parser's warnings, worded as Terminus-2 words them (e.g. `Extra text detected after JSON object`). */
  readonly warnings: readonly string[];
}

function invalid(message: string, path = '$'): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid terminal action at ${path}: ${message}`, {
    details: { path, issues: [{ path, message }] },
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

/** Terminus-2's per-command warnings: unknown fields, a missing duration, a missing newline between commands. */
function commandWarnings(commands: readonly unknown[], warnings: string[]): void {
  commands.forEach((command, i) => {
    if (!isRecord(command)) return;
    const unknown = Object.keys(command).filter((key) => key !== 'keystrokes' && key !== 'duration');
    if (!('duration' in command)) {
      warnings.push(`Command ${i + 1}: Missing duration field, using default 1.0`);
    }
    if (unknown.length > 0) warnings.push(`Command ${i + 1}: Unknown fields: ${unknown.join(', ')}`);
    const keystrokes = command.keystrokes;
    if (i < commands.length - 1 && typeof keystrokes === 'string' && !keystrokes.endsWith('\n')) {
      warnings.push(
        `Command ${i + 1} should end with newline when followed by another command. Otherwise the two ` +
          'commands will be concatenated together on the same line.',
      );
    }
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
    throw invalid(`Missing required fields: ${missing.join(', ')}`, `$.${missing[0]}`);
  }
  if (typeof value.analysis !== 'string') warnings.push("Field 'analysis' should be a string");
  if (typeof value.plan !== 'string') warnings.push("Field 'plan' should be a string");
  if (!Array.isArray(value.commands)) throw invalid("Field 'commands' must be an array", '$.commands');
  const taskComplete = readTaskComplete(value.task_complete, warnings);
  try {
    const commands = normalise(parseActionValue(TerminalActionSchema, value.commands, '$.commands'));
    commandWarnings(value.commands, warnings);
    return { form: 'reply', commands, taskComplete, warnings };
  } catch (error) {
    // Terminus-2 treats a bad command list in a completing reply as a warning and completes with no commands.
    if (!taskComplete || !(error instanceof AgentWorldError)) throw error;
    warnings.push(error.message);
    return { form: 'reply', commands: [], taskComplete, warnings };
  }
}

/**
 * Parses a reply as Terminus-2's JSON parser does (terminus_json_plain_parser.py): `analysis`, `plan` and
 * `commands` are required ("Missing required fields"); text before or after the JSON object, unknown command
 * fields and a string `task_complete` are accepted with warnings; durations above 60 are clamped. The plain
 * `[{keystrokes, duration}]` array (the world-model action form) is accepted too, without a completion claim.
 */
export function parseTerminusReply(input: unknown): TerminusParsedReply {
  const warnings: string[] = [];
  const value = typeof input === 'string' ? decodeText(input, warnings) : input;
  if (Array.isArray(value)) {
    return {
      form: 'array',
      commands: normalise(parseActionValue(TerminalActionSchema, value)),
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
 * Validates a terminus action given as a JSON value or JSON text: either the command array or a whole
 * Terminus-2 reply `{ analysis, plan, commands, task_complete }` (see `parseTerminusReply`). A completing
 * reply with no commands becomes `[]` (completion); a completing reply with commands becomes those commands,
 * which run first — the harness then asks for confirmation over the screen they leave
 * (`presentTerminusTurn`); a reply with no commands that does not claim completion only waits.
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
