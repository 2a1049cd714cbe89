import { z } from 'zod';
import { formatPath, type Issue } from '../../../../core/validation.js';
import { invalidOsAction } from '../../action-errors.js';
import { OSWORLD_KEYBOARD_KEYS, OSWORLD_X_MAX, OSWORLD_Y_MAX } from './keyboard-keys.js';

const DIALECT = 'computer13';

/** Zod issues as `$.a.b` paths; an unknown key is reported at its own path, not its parent's. */
function issuesWithKeys(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const extra = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    return {
      path: formatPath(extra === undefined ? issue.path : [...issue.path, extra]),
      message: issue.message,
    };
  });
}

const x = z.number().min(0).max(OSWORLD_X_MAX, `x must be between 0 and ${OSWORLD_X_MAX}`);
const y = z.number().min(0).max(OSWORLD_Y_MAX, `y must be between 0 and ${OSWORLD_Y_MAX}`);
const button = z.enum(['left', 'right', 'middle']);
const key = z.enum(OSWORLD_KEYBOARD_KEYS, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not one of OSWorld's KEYBOARD_KEYS (pyautogui key names such as "enter", "ctrl", "a")`,
});
const none = z.strictObject({}).default({});

function typed<const T extends string, P extends z.ZodType>(type: T, parameters: P) {
  return z.strictObject({ action_type: z.literal(type), parameters });
}

/** The thirteen computer actions plus WAIT/FAIL/DONE, each with its own parameters. */
export const Computer13ActionSchema = z.discriminatedUnion('action_type', [
  typed('MOVE_TO', z.strictObject({ x, y })),
  typed(
    'CLICK',
    z
      .strictObject({
        button: button.optional(),
        x: x.optional(),
        y: y.optional(),
        num_clicks: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
      })
      .default({}),
  ),
  typed('MOUSE_DOWN', z.strictObject({ button: button.optional() }).default({})),
  typed('MOUSE_UP', z.strictObject({ button: button.optional() }).default({})),
  typed('RIGHT_CLICK', z.strictObject({ x: x.optional(), y: y.optional() }).default({})),
  typed('DOUBLE_CLICK', z.strictObject({ x: x.optional(), y: y.optional() }).default({})),
  typed('DRAG_TO', z.strictObject({ x, y })),
  typed('SCROLL', z.strictObject({ dx: z.number().int(), dy: z.number().int() })),
  typed('TYPING', z.strictObject({ text: z.string() })),
  typed('PRESS', z.strictObject({ key })),
  typed('KEY_DOWN', z.strictObject({ key })),
  typed('KEY_UP', z.strictObject({ key })),
  typed('HOTKEY', z.strictObject({ keys: z.array(key).min(1) })),
  typed('WAIT', none),
  typed('FAIL', none),
  typed('DONE', none),
]);

export type Computer13Action = z.output<typeof Computer13ActionSchema>;
export type Computer13ActionType = Computer13Action['action_type'];

export const COMPUTER13_ACTION_TYPES = Computer13ActionSchema.options.map(
  (option) => option.shape.action_type.value,
) as Computer13ActionType[];

const BARE_TOKENS = new Set(['WAIT', 'FAIL', 'DONE']);

/**
 * Validates a computer13 action: `{ action_type, parameters }` as a value or JSON text (a bare `WAIT`, `FAIL`
 * or `DONE` string is accepted too). Python code is refused with a message naming the expected dialect.
 */
export function parseComputer13Action(input: unknown): Computer13Action {
  let value = input;
  if (typeof input === 'string') {
    const text = input.trim();
    if (BARE_TOKENS.has(text)) return Computer13ActionSchema.parse({ action_type: text });
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (/\bpyautogui\s*\.|^\s*import\s/m.test(text)) {
        throw invalidOsAction(
          DIALECT,
          'this world speaks the computer13 dialect ({"action_type": ..., "parameters": {...}}), but the action is pyautogui Python code',
          '$',
          { expectedDialect: DIALECT },
        );
      }
      throw invalidOsAction(
        DIALECT,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidOsAction(DIALECT, 'expected an object {"action_type": ..., "parameters": {...}}');
  }
  const record = value as Record<string, unknown>;
  if (!('action_type' in record) && ('code' in record || 'calls' in record)) {
    throw invalidOsAction(
      DIALECT,
      'this world speaks the computer13 dialect, but the action is a pyautogui code action',
      '$.code',
      { expectedDialect: DIALECT },
    );
  }
  if (
    typeof record.action_type === 'string' &&
    !(COMPUTER13_ACTION_TYPES as string[]).includes(record.action_type)
  ) {
    throw invalidOsAction(
      DIALECT,
      `unknown action_type "${record.action_type}"; expected one of ${COMPUTER13_ACTION_TYPES.join(', ')}`,
      '$.action_type',
    );
  }
  const result = Computer13ActionSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesWithKeys(result.error);
  const first = issues[0] ?? { path: '$', message: 'invalid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const error = invalidOsAction(DIALECT, `${first.message}${more}`, first.path);
  error.details.issues = issues;
  throw error;
}
