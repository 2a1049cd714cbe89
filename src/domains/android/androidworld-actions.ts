import { z } from 'zod';
import { parseWith } from '../../core/validation.js';
import { invalidAndroidAction } from './action-errors.js';

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
] as const;

export const ANDROIDWORLD_DIRECTIONS = ['up', 'down', 'left', 'right'] as const;

const TAP_TYPES: ReadonlySet<string> = new Set(['click', 'double_tap', 'long_press']);
const DIRECTION_TYPES: ReadonlySet<string> = new Set(['scroll', 'swipe']);

const Coordinate = z.number().int().min(0).max(100_000);

/** AndroidWorld's JSONAction: one action per turn, addressed by element index or by screen coordinates. */
export const AndroidWorldActionSchema = z
  .strictObject({
    action_type: z.enum(ANDROIDWORLD_ACTION_TYPES).describe('What the agent does.'),
    index: z.number().int().min(0).optional().describe('Index of the target in the element list.'),
    x: Coordinate.optional().describe('Screen x in pixels (with y, instead of index).'),
    y: Coordinate.optional().describe('Screen y in pixels (with x, instead of index).'),
    text: z.string().max(10_000).optional().describe('Text to type (input_text) or the answer (answer).'),
    direction: z.enum(ANDROIDWORLD_DIRECTIONS).optional().describe('scroll/swipe direction.'),
    goal_status: z.enum(['complete', 'infeasible']).optional().describe('status: the verdict on the goal.'),
    app_name: z.string().min(1).max(200).optional().describe('open_app: the app to launch.'),
    keycode: z
      .string()
      .regex(/^KEYCODE_[A-Z0-9_]+$/, 'a keycode starts with KEYCODE_ (e.g. KEYCODE_ENTER)')
      .optional()
      .describe('An Android key code such as KEYCODE_ENTER.'),
    clear_text: z.boolean().optional().describe('input_text: clear the field before typing.'),
  })
  .superRefine((action, context) => {
    const issue = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message });
    };
    const hasX = action.x !== undefined;
    const hasY = action.y !== undefined;
    if (hasX !== hasY) issue(hasX ? 'y' : 'x', 'x and y go together');
    if (action.index !== undefined && (hasX || hasY)) {
      issue('index', 'use either index or x/y, not both');
    }
    const type = action.action_type;
    if (TAP_TYPES.has(type) && action.index === undefined && !hasX) {
      issue('index', `${type} needs an index or x/y`);
    }
    if ((type === 'input_text' || type === 'answer') && action.text === undefined) {
      issue('text', `${type} needs text`);
    }
    if (type !== 'input_text' && type !== 'answer' && action.text !== undefined) {
      issue('text', `text belongs to input_text or answer, not ${type}`);
    }
    if (DIRECTION_TYPES.has(type) && action.direction === undefined) {
      issue('direction', `${type} needs a direction (up, down, left or right)`);
    }
    if (!DIRECTION_TYPES.has(type) && action.direction !== undefined) {
      issue('direction', `direction belongs to scroll or swipe, not ${type}`);
    }
    if (type === 'open_app' && action.app_name === undefined) issue('app_name', 'open_app needs app_name');
    if (type !== 'open_app' && action.app_name !== undefined) {
      issue('app_name', `app_name belongs to open_app, not ${type}`);
    }
    if (type === 'status' && action.goal_status === undefined) {
      issue('goal_status', 'status needs goal_status (complete or infeasible)');
    }
    if (type !== 'status' && action.goal_status !== undefined) {
      issue('goal_status', `goal_status belongs to status, not ${type}`);
    }
    if (type !== 'input_text' && action.clear_text !== undefined) {
      issue('clear_text', `clear_text belongs to input_text, not ${type}`);
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
