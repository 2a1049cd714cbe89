import { z } from 'zod';
import { PythonSyntaxError, type PythonValue, parsePythonCalls } from '../../../shared/python-calls.js';
import { invalidWebAction } from '../../action-errors.js';
import { isBrowserGymFunction } from '../browsergym/index.js';
import { PLAYWRIGHT_TOOL_NAMES } from './tools.js';

const DIALECT = 'playwright-mcp';

/** One tool call of the Playwright MCP server. */
export interface PlaywrightMcpAction {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** What an agent may send: `{ name, arguments }`, its JSON text, or a call string `browser_click(element="…", target="e3")`. */
export const PlaywrightMcpActionInputSchema = z.union([
  z.object({
    name: z.string().describe('A browser_* tool name'),
    arguments: z.record(z.string(), z.unknown()).default({}),
  }),
  z
    .string()
    .describe('A call string such as browser_click(element="Sign in", target="e12"), or the JSON text'),
]);

export const PlaywrightMcpActionSchema: z.ZodType<PlaywrightMcpAction> = z.object({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});

/** The argument names that hold a snapshot ref (the real server knows no other name for them, e.g. no `ref`). */
const REF_ARGUMENTS = ['target', 'startTarget', 'endTarget'] as const;

function fromCallString(text: string): unknown {
  let calls: ReturnType<typeof parsePythonCalls>;
  try {
    calls = parsePythonCalls(text);
  } catch (error) {
    if (error instanceof PythonSyntaxError) {
      throw invalidWebAction(DIALECT, '$', `malformed tool call: ${error.message}`, {
        line: error.line,
        column: error.column,
      });
    }
    throw error;
  }
  const [call, extra] = calls;
  if (call === undefined) throw invalidWebAction(DIALECT, '$', 'the action is empty');
  if (extra !== undefined)
    throw invalidWebAction(DIALECT, '$', 'one tool call per action, but several were given');
  if (isBrowserGymFunction(call.callee)) {
    throw invalidWebAction(
      DIALECT,
      '$.name',
      `${call.callee} is a browsergym primitive; the playwright-mcp dialect expects browser_* tool calls`,
    );
  }
  const args: Record<string, PythonValue> = {};
  for (const arg of call.args) {
    if (arg.name === undefined) {
      throw invalidWebAction(
        DIALECT,
        '$.arguments',
        `${call.callee}: arguments must be given by name, e.g. ${call.callee}(target="e3")`,
      );
    }
    args[arg.name] = arg.value;
  }
  return { name: call.callee, arguments: args };
}

function toObject(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const text = input.trim();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw invalidWebAction(DIALECT, '$', `the JSON text does not parse: ${(error as Error).message}`);
    }
  }
  return fromCallString(text);
}

/**
 * Parses a Playwright MCP tool call: `{ name, arguments }` with an object of arguments. Whether the server takes
 * it (a tool it lists, arguments that fit the schema) is for `playwrightServerRefusal`, as the real server answers.
 */
export function parsePlaywrightMcpAction(input: unknown): PlaywrightMcpAction {
  const value = toObject(input);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidWebAction(DIALECT, '$', 'expected a tool call { "name": "browser_…", "arguments": { … } }');
  }
  const record = value as Record<string, unknown>;
  if (typeof record.code === 'string') {
    throw invalidWebAction(
      DIALECT,
      '$.code',
      'this looks like browsergym Python code; the playwright-mcp dialect expects a browser_* tool call',
    );
  }
  if (typeof record.name !== 'string')
    throw invalidWebAction(DIALECT, '$.name', 'must be a tool name string');
  const name = record.name;
  if (isBrowserGymFunction(name)) {
    throw invalidWebAction(
      DIALECT,
      '$.name',
      `${name} is a browsergym primitive; the playwright-mcp dialect expects browser_* tools (available: ${PLAYWRIGHT_TOOL_NAMES.join(', ')})`,
    );
  }
  const rawArguments = record.arguments ?? {};
  if (typeof rawArguments !== 'object' || rawArguments === null || Array.isArray(rawArguments)) {
    throw invalidWebAction(DIALECT, '$.arguments', 'must be an object');
  }
  // A tool the server does not list, or arguments against its input schema, are not refused here: the real
  // server answers them with an error result (server-refusal.ts), and so does the world.
  return { name, arguments: { ...(rawArguments as Record<string, unknown>) } };
}

/** The snapshot refs a tool call points at (target, drag ends, form fields). */
export function refsOfToolCall(action: PlaywrightMcpAction): string[] {
  const refs: string[] = [];
  const args = action.arguments;
  for (const name of REF_ARGUMENTS) {
    const value = args[name];
    if (typeof value === 'string') refs.push(value);
  }
  if (Array.isArray(args.fields)) {
    for (const field of args.fields) {
      if (typeof field === 'object' && field !== null) {
        const ref = (field as Record<string, unknown>).target;
        if (typeof ref === 'string') refs.push(ref);
      }
    }
  }
  return refs;
}

function pythonLiteral(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return JSON.stringify(value);
}

/** A tool call as the call string the real rows show: `browser_click(element="Sign in", target="e12")`. */
export function playwrightCallText(action: PlaywrightMcpAction): string {
  const args = Object.entries(action.arguments).map(([key, value]) => `${key}=${pythonLiteral(value)}`);
  return `${action.name}(${args.join(', ')})`;
}
