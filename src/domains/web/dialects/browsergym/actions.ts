import { z } from 'zod';
import type { AgentWorldError } from '../../../../core/errors.js';
import {
  type PythonCall,
  PythonSyntaxError,
  type PythonValue,
  parsePythonCalls,
} from '../../../shared/python-calls.js';
import { invalidWebAction } from '../../action-errors.js';
import { browserGymUnknownActionError } from './errors.js';
import {
  BROWSERGYM_FUNCTION_NAMES,
  type BrowserGymArgumentKind,
  type BrowserGymFunction,
  browserGymSignature,
  isBrowserGymFunction,
} from './functions.js';

const DIALECT = 'browsergym';

/** One BrowserGym call with its arguments by parameter name (bids always as strings). */
export interface BrowserGymCall {
  readonly function: BrowserGymFunction;
  readonly arguments: Readonly<Record<string, PythonValue>>;
}

/** The Python code the agent sent (the authoritative action) and the calls it makes, in order. */
export interface BrowserGymAction {
  readonly code: string;
  readonly calls: readonly BrowserGymCall[];
  /**
   * The `last_action_error` BrowserGym reports for this code before any call runs (then `calls` is empty): a
   * function its action set lacks (errors.ts `browserGymUnknownActionError`).
   */
  readonly error?: string | undefined;
}

const PythonValueSchema: z.ZodType<PythonValue> = z.lazy(() =>
  z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(PythonValueSchema)]),
);

/** What an agent may send: the code as a string, or `{ code }`. */
export const BrowserGymActionInputSchema = z.union([
  z
    .string()
    .describe(
      'Python code calling BrowserGym primitives, one call per line, e.g. fill("145", "headphones") then click("152")',
    ),
  z.object({ code: z.string() }),
]);

/** The typed action as sessions store it. */
export const BrowserGymActionSchema: z.ZodType<BrowserGymAction> = z.object({
  code: z.string(),
  error: z.string().optional(),
  calls: z.array(
    z.object({
      function: z.enum(BROWSERGYM_FUNCTION_NAMES),
      arguments: z.record(z.string(), PythonValueSchema),
    }),
  ),
});

/** Removes one code fence around the whole text (agents often answer in a ```python block). */
function stripCodeFence(text: string): string {
  const match = /^\s*(`{3,})[A-Za-z0-9_-]*[^\S\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text);
  return match === null ? text : (match[2] as string);
}

function kindProblem(kind: BrowserGymArgumentKind, value: PythonValue): string | undefined {
  switch (kind) {
    case 'bid':
      return (typeof value === 'string' && value.trim().length > 0) ||
        (typeof value === 'number' && Number.isInteger(value))
        ? undefined
        : 'must be an element id (bid) string such as "145"';
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'must be an integer';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be True or False';
    case 'strings':
      return typeof value === 'string' ||
        (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        ? undefined
        : 'must be a string or a list of strings';
  }
}

function callError(call: PythonCall, message: string, extra: Record<string, unknown> = {}): AgentWorldError {
  return invalidWebAction(DIALECT, '$.code', `line ${call.line}, column ${call.column}: ${message}`, {
    line: call.line,
    column: call.column,
    ...extra,
  });
}

/** Names the arguments of one call after the primitive's parameters and checks their kinds. */
function normaliseCall(call: PythonCall): BrowserGymCall {
  const name = call.callee;
  if (!isBrowserGymFunction(name)) {
    const hint = name.startsWith('browser_')
      ? ' (this is a playwright-mcp tool; the browsergym dialect expects BrowserGym primitives)'
      : '';
    throw callError(
      call,
      `unknown function ${name}${hint}; allowed: ${BROWSERGYM_FUNCTION_NAMES.join(', ')}`,
      { function: name },
    );
  }
  const parameters = browserGymSignature(name).parameters;
  const named: Record<string, PythonValue> = {};
  let position = 0;
  for (const arg of call.args) {
    const parameterName = arg.name ?? parameters[position]?.[0];
    if (arg.name === undefined) position += 1;
    if (parameterName === undefined) {
      throw callError(call, `${name}() takes ${parameters.length} argument(s) but more were given`);
    }
    const parameter = parameters.find(([candidate]) => candidate === parameterName);
    if (parameter === undefined) {
      throw callError(call, `${name}() has no parameter "${parameterName}"`);
    }
    if (Object.hasOwn(named, parameterName)) {
      throw callError(call, `${name}() got "${parameterName}" twice`);
    }
    const problem = kindProblem(parameter[1], arg.value);
    if (problem !== undefined) throw callError(call, `${name}(): ${parameterName} ${problem}`);
    named[parameterName] =
      parameter[1] === 'bid' && typeof arg.value === 'number' ? String(arg.value) : arg.value;
  }
  for (const [parameterName, , optional] of parameters) {
    if (optional !== true && !Object.hasOwn(named, parameterName)) {
      throw callError(call, `${name}() is missing its "${parameterName}" argument`);
    }
  }
  return { function: name, arguments: named };
}

function looksLikeToolCall(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'name' in input && !('code' in input);
}

/** Parses BrowserGym Python code (a string or `{ code }`) into typed calls; INVALID_ACTION on any problem. */
export function parseBrowserGymAction(input: unknown): BrowserGymAction {
  if (looksLikeToolCall(input)) {
    throw invalidWebAction(
      DIALECT,
      '$',
      'this looks like a playwright-mcp tool call ({ name, arguments }); the browsergym dialect expects Python code such as click("12")',
    );
  }
  let code: string;
  if (typeof input === 'string') code = input;
  else if (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { code?: unknown }).code === 'string'
  ) {
    code = (input as { code: string }).code;
  } else if (typeof input === 'object' && input !== null && 'code' in input) {
    throw invalidWebAction(DIALECT, '$.code', 'must be a string of Python code');
  } else {
    throw invalidWebAction(DIALECT, '$', 'expected Python code as a string, or { "code": "..." }');
  }
  code = stripCodeFence(code).trim();
  if (code.length === 0) throw invalidWebAction(DIALECT, '$.code', 'the code is empty');
  let calls: PythonCall[];
  try {
    calls = parsePythonCalls(code);
  } catch (error) {
    if (error instanceof PythonSyntaxError) {
      throw invalidWebAction(DIALECT, '$.code', `malformed Python: ${error.message}`, {
        line: error.line,
        column: error.column,
      });
    }
    throw error;
  }
  if (calls.length === 0) throw invalidWebAction(DIALECT, '$.code', 'the code calls no BrowserGym function');
  // BrowserGym turns every call into Python first and runs none when one names a function it lacks: the action
  // is not refused, it fails with that NameError (a playwright-mcp tool name stays refused: the other dialect).
  const unknown = calls.find(
    (call) => !isBrowserGymFunction(call.callee) && !call.callee.startsWith('browser_'),
  );
  if (unknown !== undefined) return { code, calls: [], error: browserGymUnknownActionError(unknown.callee) };
  return { code, calls: calls.map(normaliseCall) };
}

/** The element ids (bids) a call names, in parameter order. */
export function bidsOfCall(call: BrowserGymCall): string[] {
  return browserGymSignature(call.function)
    .parameters.filter(([, kind]) => kind === 'bid')
    .map(([name]) => call.arguments[name])
    .filter((value): value is string => typeof value === 'string');
}
