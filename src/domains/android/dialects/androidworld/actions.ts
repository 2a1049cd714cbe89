import { z } from 'zod';
import { parseWith } from '../../../../core/validation.js';
import { invalidAndroidAction } from '../../action-errors.js';

/** JSONAction's action types (android_world/env/json_action.py `_ACTION_TYPES`, google-research/android_world d9c569f). */
export const ANDROIDWORLD_ACTION_TYPES = [
  'click',
  'double_tap',
  'long_press',
  'input_text',
  'keyboard_enter',
  'navigate_home',
  'navigate_back',
  'scroll',
  'swipe',
  'open_app',
  'wait',
  'status',
  'answer',
  'unknown',
] as const;

export const ANDROIDWORLD_DIRECTIONS = ['up', 'down', 'left', 'right'] as const;

const Coordinate = z.number().int().min(0).max(100_000);

/** `int(index)` as JSONAction does: an integer, or a string holding one (surrounding spaces allowed). */
const Index = z.union(
  [
    z.number().int(),
    z
      .string()
      .regex(/^\s*[+-]?\d+\s*$/, 'index must be an integer or a string holding one')
      .transform((text) => Number.parseInt(text.trim(), 10)),
  ],
  { error: 'index must be an integer or a string holding one (JSONAction reads it with int())' },
);

/** `str(text)` as JSONAction does for the scalar values a JSON reply can hold. */
const Text = z.union(
  [
    z.string().max(10_000),
    z.number().transform((value) => String(value)),
    z.boolean().transform((value) => (value ? 'True' : 'False')),
  ],
  { error: 'text must be a string, a number or a boolean (JSONAction reads it with str())' },
);

/**
 * AndroidWorld's JSONAction: one action per turn, addressed by element index or by screen coordinates. As the
 * real class (json_action.py `__post_init__`), it checks only the type, index versus x/y, the direction and the
 * KEYCODE_ prefix; `index` is read with int(), `text` with str(), `goal_status` is any string.
 */
export const AndroidWorldActionSchema = z
  .strictObject({
    action_type: z.enum(ANDROIDWORLD_ACTION_TYPES).describe('What the agent does.'),
    index: Index.optional().describe('Index of the target in the element list.'),
    x: Coordinate.optional().describe('Screen x in pixels (with y, instead of index).'),
    y: Coordinate.optional().describe('Screen y in pixels (with x, instead of index).'),
    text: Text.optional().describe('Text to type (input_text) or the answer (answer).'),
    direction: z.enum(ANDROIDWORLD_DIRECTIONS).optional().describe('scroll/swipe direction.'),
    goal_status: z.string().optional().describe('status: the verdict on the goal (complete, infeasible).'),
    app_name: z.string().max(200).optional().describe('open_app: the app to launch.'),
    keycode: z
      .string()
      .regex(/^KEYCODE_/, 'a keycode starts with KEYCODE_ (e.g. KEYCODE_ENTER)')
      .optional()
      .describe('An Android key code such as KEYCODE_ENTER.'),
    clear_text: z.boolean().optional().describe('input_text: clear the field before typing.'),
  })
  .superRefine((action, context) => {
    if (action.index !== undefined && (action.x !== undefined || action.y !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['index'],
        message: 'Either an index or a <x, y> should be provided.',
      });
    }
  });

export type AndroidWorldAction = z.output<typeof AndroidWorldActionSchema>;

const KEY_ORDER = [
  'action_type',
  'index',
  'x',
  'y',
  'text',
  'direction',
  'goal_status',
  'app_name',
  'keycode',
  'clear_text',
] as const;

/** The action with its keys in JSONAction order (so the rendered JSON is stable). */
export function orderAndroidWorldAction(action: AndroidWorldAction): AndroidWorldAction {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (action[key] !== undefined) ordered[key] = action[key];
  return ordered as AndroidWorldAction;
}

function looksLikeInvoke(text: string): boolean {
  return /<\s*invoke\b/i.test(text) || /<\s*function_calls\b/i.test(text);
}

/**
 * Parses an androidworld action given as a JSONAction value or its JSON text. A phone-invoke action (`<invoke>`
 * XML, or an object with `action` instead of `action_type`) is refused naming the dialect this world expects.
 */
export function parseAndroidWorldAction(input: unknown): AndroidWorldAction {
  let value = input;
  if (typeof input === 'string') {
    if (looksLikeInvoke(input)) {
      throw invalidAndroidAction(
        'androidworld',
        '$',
        'this world uses the androidworld dialect (a JSONAction such as {"action_type":"click","index":3}); ' +
          'an <invoke name="phone"> call belongs to the phone-invoke dialect',
      );
    }
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw invalidAndroidAction(
        'androidworld',
        '$',
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (!('action_type' in record) && 'action' in record) {
      throw invalidAndroidAction(
        'androidworld',
        '$.action',
        'this world uses the androidworld dialect, whose actions name their type in "action_type"; ' +
          '{"action": …} is the phone-invoke form',
      );
    }
  } else {
    throw invalidAndroidAction(
      'androidworld',
      '$',
      `expected a JSONAction object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    );
  }
  return orderAndroidWorldAction(
    parseWith(AndroidWorldActionSchema, value, 'INVALID_ACTION', 'androidworld action'),
  );
}
