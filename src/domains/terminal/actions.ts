import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { issuesWithKeys } from './issue-paths.js';

export const DEFAULT_TERMINAL_DURATION_SECONDS = 1;
export const MAX_TERMINAL_DURATION_SECONDS = 600;

/** One Terminus command: raw keystrokes sent to the pane, then a wait before the screen is captured. */
export const TerminalCommandSchema = z.strictObject({
  /** Raw text typed into the pane (`\n` presses Enter), or a whole tmux key name such as `C-c` or `Escape`. */
  keystrokes: z.string().max(100_000),
  /** Seconds to wait before capturing the screen. */
  duration: z.number().min(0).max(MAX_TERMINAL_DURATION_SECONDS).default(DEFAULT_TERMINAL_DURATION_SECONDS),
});

/** The terminus action: commands run in order; `[]` declares the task complete. */
export const TerminalActionSchema = z.array(TerminalCommandSchema).max(100);

/** A full Terminus-2 reply; normalised to its `commands`. */
export const TerminusReplySchema = z.strictObject({
  analysis: z.string().optional(),
  plan: z.string().optional(),
  commands: TerminalActionSchema.optional(),
  task_complete: z.boolean().optional(),
});

export type TerminalCommand = z.output<typeof TerminalCommandSchema>;
export type TerminalAction = z.output<typeof TerminalActionSchema>;
export type TerminusReply = z.output<typeof TerminusReplySchema>;

function invalid(message: string, path = '$'): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid terminal action at ${path}: ${message}`, {
    details: { path, issues: [{ path, message }] },
  });
}

/**
 * Parses with a schema, as `parseWith` does, except that an unknown key is reported at its own path
 * (`$[0].foo`) rather than at the object holding it.
 */
function parseActionValue<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesWithKeys(result.error);
  const first = issues[0] ?? { path: '$', message: 'invalid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AgentWorldError(
    'INVALID_ACTION',
    `Invalid terminal action at ${first.path}: ${first.message}${more}`,
    {
      details: { issues, path: first.path },
    },
  );
}

/** The normalised copy: key order `keystrokes`, `duration`, duration always present. */
function normalise(commands: readonly TerminalCommand[]): TerminalAction {
  return commands.map((command) => ({ keystrokes: command.keystrokes, duration: command.duration }));
}

/**
 * Validates a terminus action given as a JSON value or JSON text: either the command array or a whole
 * Terminus-2 reply `{ analysis, plan, commands, task_complete }`. A reply with `task_complete: true` and no
 * commands becomes `[]` (completion); a reply with an empty command list that does not claim completion only
 * waits, so it becomes one wait command.
 */
export function parseTerminalAction(input: unknown, _spec?: WorldSpec): TerminalAction {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw invalid(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (Array.isArray(value)) return normalise(parseActionValue(TerminalActionSchema, value));
  if (value !== null && typeof value === 'object') {
    const reply = parseActionValue(TerminusReplySchema, value);
    if (reply.commands === undefined) {
      if (reply.task_complete === true) return [];
      throw invalid('a Terminus reply needs "commands" unless "task_complete" is true', '$.commands');
    }
    if (reply.commands.length === 0) {
      return reply.task_complete === true
        ? []
        : [{ keystrokes: '', duration: DEFAULT_TERMINAL_DURATION_SECONDS }];
    }
    return normalise(reply.commands);
  }
  throw invalid(
    `expected an array of {keystrokes, duration} commands or a Terminus reply object, got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value;
}

/** Whether the action declares the task complete. */
export function isTerminalCompletion(action: TerminalAction): boolean {
  return action.length === 0;
}
