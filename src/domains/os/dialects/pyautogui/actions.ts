import { z } from 'zod';
import type { AgentWorldError } from '../../../../core/errors.js';
import {
  type PythonArgument,
  type PythonCall,
  PythonSyntaxError,
  type PythonValue,
  parsePythonCalls,
} from '../../../shared/python-calls.js';
import { invalidOsAction } from '../../action-errors.js';
import {
  isPyautoguiFunction,
  kindProblem,
  PYAUTOGUI_FUNCTION_NAMES,
  type PyautoguiFunction,
  signatureOf,
} from './functions.js';

export const PYAUTOGUI_SPECIAL_TOKENS = ['WAIT', 'FAIL', 'DONE'] as const;
export type PyautoguiSpecialToken = (typeof PYAUTOGUI_SPECIAL_TOKENS)[number];

/** One pyautogui call with its arguments by name (positional ones named after the function's parameters). */
export interface PyautoguiCall {
  readonly function: PyautoguiFunction;
  readonly arguments: Readonly<Record<string, PythonValue>>;
}

/** Python code (the authoritative action) with the calls it makes. */
export interface PyautoguiCodeAction {
  readonly type: 'code';
  readonly code: string;
  readonly calls: readonly PyautoguiCall[];
}

/** `WAIT`, `FAIL` (the task cannot be done) or `DONE` (the task is done). */
export interface PyautoguiSpecialAction {
  readonly type: PyautoguiSpecialToken;
}

export type PyautoguiAction = PyautoguiCodeAction | PyautoguiSpecialAction;

const DIALECT = 'pyautogui';

const PythonValueSchema: z.ZodType<PythonValue> = z.lazy(() =>
  z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(PythonValueSchema)]),
);

/** What an agent may send: the code (or special token) as a string, or `{ code }` / `{ type }` objects. */
export const PyautoguiActionInputSchema = z.union([
  z
    .string()
    .describe('Python code calling pyautogui (statements separated by newlines or ";"), or WAIT, FAIL, DONE'),
  z.object({ type: z.literal('code').optional(), code: z.string() }),
  z.object({ type: z.enum(PYAUTOGUI_SPECIAL_TOKENS) }),
]);

/** The typed action, as sessions store it. */
export const PyautoguiActionSchema: z.ZodType<PyautoguiAction> = z.union([
  z.object({
    type: z.literal('code'),
    code: z.string(),
    calls: z.array(
      z.object({
        function: z.enum(PYAUTOGUI_FUNCTION_NAMES),
        arguments: z.record(z.string(), PythonValueSchema),
      }),
    ),
  }),
  z.object({ type: z.enum(PYAUTOGUI_SPECIAL_TOKENS) }),
]);

/** Removes one code fence around the whole text (agents often answer in a ```python block). */
export function stripCodeFence(text: string): string {
  const match = /^\s*(`{3,})[A-Za-z0-9_-]*[^\S\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text);
  return match === null ? text : (match[2] as string);
}

function argumentError(
  call: PythonCall,
  arg: PythonArgument,
  message: string,
  path: string,
): AgentWorldError {
  return invalidOsAction(
    DIALECT,
    `line ${arg.line}, column ${arg.column}: ${call.callee}: ${message}`,
    path,
    { line: arg.line, column: arg.column },
  );
}

function isPoint(value: PythonValue): value is readonly [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((item) => typeof item === 'number');
}

/** Names the arguments of one call after the function's parameters and checks their types. */
function normaliseCall(call: PythonCall, path: string): PyautoguiCall {
  if (!isPyautoguiFunction(call.callee)) {
    const near =
      call.callee.startsWith('pyautogui.') || call.callee.startsWith('time.')
        ? ''
        : ' (the action must call pyautogui)';
    throw invalidOsAction(
      DIALECT,
      `line ${call.line}, column ${call.column}: unknown function ${call.callee}${near}; allowed: ${PYAUTOGUI_FUNCTION_NAMES.join(', ')}`,
      path,
      { line: call.line, column: call.column, function: call.callee },
    );
  }
  const signature = signatureOf(call.callee);
  const kinds = new Map(signature.parameters.map(([name, kind]) => [name, kind] as const));
  const named: Record<string, PythonValue> = {};
  const positional = call.args.filter((arg) => arg.name === undefined);
  if (signature.variadicKeys === true) {
    const keys: string[] = [];
    for (const arg of positional) {
      const values = Array.isArray(arg.value) && positional.length === 1 ? arg.value : [arg.value];
      for (const value of values) {
        if (typeof value !== 'string' || value.length === 0)
          throw argumentError(call, arg, 'every key must be a key name string', path);
        keys.push(value);
      }
    }
    named.keys = keys;
  } else {
    // `click((100, 200))`: a point given as one tuple fills x and y.
    const values: Array<{ readonly arg: PythonArgument; readonly value: PythonValue }> = [];
    positional.forEach((arg, index) => {
      if (index === 0 && signature.parameters[0]?.[0] === 'x' && isPoint(arg.value)) {
        values.push({ arg, value: arg.value[0] }, { arg, value: arg.value[1] });
      } else values.push({ arg, value: arg.value });
    });
    values.forEach(({ arg, value }, index) => {
      const name = signature.parameters[index]?.[0];
      if (name === undefined) {
        throw argumentError(
          call,
          arg,
          `takes at most ${signature.parameters.length} positional arguments`,
          path,
        );
      }
      named[name] = value;
    });
  }
  for (const arg of call.args) {
    if (arg.name === undefined) continue;
    if (signature.variadicKeys === true && arg.name === 'keys') {
      throw argumentError(call, arg, 'pass the keys as positional arguments', path);
    }
    if (!kinds.has(arg.name)) {
      throw argumentError(call, arg, `unexpected keyword argument ${arg.name}`, path);
    }
    if (Object.hasOwn(named, arg.name))
      throw argumentError(call, arg, `got multiple values for ${arg.name}`, path);
    named[arg.name] = arg.value;
  }
  for (const [name, value] of Object.entries(named)) {
    const kind = kinds.get(name);
    if (kind === undefined) continue;
    const problem = kindProblem(kind, value);
    if (problem !== undefined) {
      const arg = call.args.find((item) => item.name === name) ?? call.args[0];
      throw invalidOsAction(
        DIALECT,
        `line ${arg?.line ?? call.line}, column ${arg?.column ?? call.column}: ${call.callee}: ${name}: ${problem}`,
        path,
        { line: arg?.line ?? call.line, column: arg?.column ?? call.column, argument: name },
      );
    }
  }
  for (const name of signature.required) {
    const value = named[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw invalidOsAction(
        DIALECT,
        `line ${call.line}, column ${call.column}: ${call.callee} needs ${name === 'keys' && signature.variadicKeys ? 'at least one key' : `the argument ${name}`}`,
        path,
        { line: call.line, column: call.column, argument: name },
      );
    }
  }
  return { function: call.callee, arguments: named };
}

function isSpecialToken(text: string): text is PyautoguiSpecialToken {
  return (PYAUTOGUI_SPECIAL_TOKENS as readonly string[]).includes(text);
}

/** Parses code (or a special token) into the typed action; `path` is where the code sits in the input. */
function parseCode(source: string, path: string): PyautoguiAction {
  // OSWorld's prompt asks for the special codes on one line, ```WAIT```, which has no newline to strip at.
  const inline = /^\s*```\s*(WAIT|FAIL|DONE)\s*```\s*$/.exec(source)?.[1];
  if (inline !== undefined && isSpecialToken(inline)) return { type: inline };
  const code = stripCodeFence(source)
    .replace(/\s+$/, '')
    .replace(/^\s*\n/, '');
  const trimmed = code.trim();
  if (isSpecialToken(trimmed)) return { type: trimmed };
  if (trimmed.length === 0) throw invalidOsAction(DIALECT, 'the code is empty', path);
  let calls: PythonCall[];
  try {
    calls = parsePythonCalls(code);
  } catch (error) {
    if (error instanceof PythonSyntaxError) {
      throw invalidOsAction(DIALECT, `not valid Python for an action: ${error.message}`, path, {
        line: error.line,
        column: error.column,
      });
    }
    throw error;
  }
  if (calls.length === 0) throw invalidOsAction(DIALECT, 'the code makes no pyautogui call', path);
  return { type: 'code', code, calls: calls.map((call) => normaliseCall(call, path)) };
}

function looksLikeComputer13(value: object): boolean {
  return 'action_type' in value;
}

/**
 * Validates a pyautogui action: Python code calling pyautogui (and `time.sleep`), or `WAIT`/`FAIL`/`DONE`, given
 * as a string, as `{ code }` or as the typed action. JSON text of those objects is accepted too. A computer13
 * action dict is refused with a message naming the expected dialect.
 */
export function parsePyautoguiAction(input: unknown): PyautoguiAction {
  let value = input;
  if (typeof input === 'string' && /^\s*[{[]/.test(input)) {
    try {
      value = JSON.parse(input);
    } catch {
      value = input;
    }
  }
  if (typeof value === 'string') return parseCode(value, '$');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (looksLikeComputer13(value)) {
      throw invalidOsAction(
        DIALECT,
        'this world speaks the pyautogui dialect (Python code or WAIT/FAIL/DONE), but the action is a computer13 action dict',
        '$.action_type',
        { expectedDialect: DIALECT },
      );
    }
    const record = value as Record<string, unknown>;
    if (typeof record.code === 'string') {
      if (record.type !== undefined && record.type !== 'code')
        throw invalidOsAction(DIALECT, 'type must be "code" when code is given', '$.type');
      return parseCode(record.code, '$.code');
    }
    if (typeof record.type === 'string' && isSpecialToken(record.type)) return { type: record.type };
    if ('code' in record) throw invalidOsAction(DIALECT, 'code must be a string of Python', '$.code');
    throw invalidOsAction(
      DIALECT,
      'expected Python code as a string, { code }, or one of WAIT, FAIL, DONE',
      '$',
    );
  }
  throw invalidOsAction(
    DIALECT,
    `expected Python code as a string or one of WAIT, FAIL, DONE, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
  );
}
