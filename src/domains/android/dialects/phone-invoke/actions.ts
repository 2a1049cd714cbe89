import { z } from 'zod';
import { parseWith } from '../../../../core/validation.js';
import { invalidAndroidAction } from '../../action-errors.js';
import { type InvokeBlock, parseInvokeBlocks, renderInvokeBlock } from './invoke-xml.js';

export const PHONE_ACTIONS = ['click', 'long_press', 'type', 'swipe', 'open_app', 'system_button'] as const;
export const PHONE_BUTTONS = ['back', 'home', 'enter'] as const;

const DIALECT = 'phone-invoke';
const PointSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** One phone call (`<invoke name="phone">`), with the parameters of an optional `remember` call before it. */
export const PhoneInvokeActionSchema = z
  .strictObject({
    action: z.enum(PHONE_ACTIONS).describe('What the agent does on the phone.'),
    index: z.number().int().min(0).optional().describe('Index of the target in the clickable-element list.'),
    text: z.string().max(10_000).optional().describe('Text to type (type) or the app to open (open_app).'),
    coordinate: PointSchema.optional().describe('[x, y] of a tap, or the start of a swipe.'),
    coordinate2: PointSchema.optional().describe('[x, y] where a swipe ends.'),
    duration: z.number().min(0).max(60_000).optional().describe('Milliseconds a swipe or long press lasts.'),
    button: z.enum(PHONE_BUTTONS).optional().describe('system_button: back, home or enter.'),
    remember: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'Parameters of a remember call made before the phone call; it changes nothing on the device.',
      ),
  })
  .superRefine((action, context) => {
    const issue = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message });
    };
    const kind = action.action;
    const target = action.index !== undefined || action.coordinate !== undefined;
    if (action.index !== undefined && action.coordinate !== undefined) {
      issue('index', 'use either index or coordinate, not both');
    }
    if ((kind === 'click' || kind === 'long_press') && !target)
      issue('index', `${kind} needs an index or a coordinate`);
    if ((kind === 'type' || kind === 'open_app') && action.text === undefined)
      issue('text', `${kind} needs text`);
    if (kind !== 'type' && kind !== 'open_app' && action.text !== undefined) {
      issue('text', `text belongs to type or open_app, not ${kind}`);
    }
    if (kind === 'swipe') {
      if (action.coordinate === undefined) issue('coordinate', 'swipe needs coordinate (its start)');
      if (action.coordinate2 === undefined) issue('coordinate2', 'swipe needs coordinate2 (its end)');
      if (action.index !== undefined) issue('index', 'swipe takes coordinates, not an index');
    } else if (action.coordinate2 !== undefined) {
      issue('coordinate2', `coordinate2 belongs to swipe, not ${kind}`);
    }
    if (kind === 'system_button' && action.button === undefined) {
      issue('button', 'system_button needs button (back, home or enter)');
    }
    if (kind !== 'system_button' && action.button !== undefined) {
      issue('button', `button belongs to system_button, not ${kind}`);
    }
    if (kind === 'open_app' || kind === 'system_button') {
      if (target) issue(action.index !== undefined ? 'index' : 'coordinate', `${kind} takes no target`);
    }
    if (action.duration !== undefined && kind !== 'swipe' && kind !== 'long_press') {
      issue('duration', `duration belongs to swipe or long_press, not ${kind}`);
    }
  });

export type PhoneInvokeAction = z.output<typeof PhoneInvokeActionSchema>;

const KEY_ORDER = ['action', 'index', 'text', 'coordinate', 'coordinate2', 'duration', 'button'] as const;

function ordered(action: PhoneInvokeAction): PhoneInvokeAction {
  const result: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (action[key] !== undefined) result[key] = action[key];
  if (action.remember !== undefined) result.remember = action.remember;
  return result as PhoneInvokeAction;
}

function parsePoint(name: string, raw: string): unknown {
  const numbers = raw.match(/-?\d+(?:\.\d+)?/g);
  if (numbers === null || numbers.length !== 2 || !/^[\s[(]*-?[\d.]+\s*,\s*-?[\d.]+[\s\])]*$/.test(raw)) {
    throw invalidAndroidAction(DIALECT, `$.${name}`, `expected "[x, y]", got "${raw}"`);
  }
  return numbers.map(Number);
}

function parseNumber(name: string, raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw invalidAndroidAction(DIALECT, `$.${name}`, `expected a number, got "${raw}"`);
  }
  return value;
}

function phoneCallValue(block: InvokeBlock): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, raw] of block.parameters) {
    if (name in value) throw invalidAndroidAction(DIALECT, `$.${name}`, `parameter "${name}" appears twice`);
    if (name === 'index' || name === 'duration') value[name] = parseNumber(name, raw);
    else if (name === 'coordinate' || name === 'coordinate2') value[name] = parsePoint(name, raw);
    else value[name] = name === 'text' ? raw : raw.trim();
  }
  return value;
}

/** Reads the `<invoke>` XML form into the canonical JSON form (not yet validated). */
function invokeTextToValue(text: string): Record<string, unknown> {
  const parsed = parseInvokeBlocks(text);
  if (!parsed.ok) throw invalidAndroidAction(DIALECT, '$', parsed.message);
  let remember: Record<string, string> | undefined;
  let phone: Record<string, unknown> | undefined;
  for (const block of parsed.blocks) {
    if (block.name === 'remember') {
      if (phone !== undefined) {
        throw invalidAndroidAction(DIALECT, '$.remember', 'a remember call must come before the phone call');
      }
      if (remember !== undefined)
        throw invalidAndroidAction(DIALECT, '$.remember', 'only one remember call is allowed');
      remember = Object.fromEntries(block.parameters);
    } else if (block.name === 'phone') {
      if (phone !== undefined) throw invalidAndroidAction(DIALECT, '$', 'one phone call per action');
      phone = phoneCallValue(block);
    } else {
      throw invalidAndroidAction(
        DIALECT,
        '$',
        `unknown invoke "${block.name}"; expected "phone" (and optionally "remember")`,
      );
    }
  }
  if (phone === undefined) throw invalidAndroidAction(DIALECT, '$', 'no <invoke name="phone"> call');
  return remember === undefined ? phone : { ...phone, remember };
}

/**
 * Parses a phone-invoke action: `<invoke name="phone">` XML text (optionally after a `remember` call), or the
 * canonical JSON form as a value or JSON text. An androidworld JSONAction is refused naming the expected dialect.
 */
export function parsePhoneInvokeAction(input: unknown): PhoneInvokeAction {
  let value = input;
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith('<')) value = invokeTextToValue(text);
    else {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw invalidAndroidAction(
          DIALECT,
          '$',
          `expected <invoke name="phone"> XML or JSON (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidAndroidAction(
      DIALECT,
      '$',
      `expected a phone call object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    );
  }
  if ('action_type' in value) {
    throw invalidAndroidAction(
      DIALECT,
      '$.action_type',
      'this world uses the phone-invoke dialect (<invoke name="phone"> with an "action" parameter); ' +
        'an action_type JSONAction belongs to the androidworld dialect',
    );
  }
  return ordered(parseWith(PhoneInvokeActionSchema, value, 'INVALID_ACTION', 'phone-invoke action'));
}

function pointText(point: readonly [number, number]): string {
  return `[${point[0]}, ${point[1]}]`;
}

/** The action as the agent wrote it: an optional remember call, then the phone call. */
export function phoneInvokeActionText(action: PhoneInvokeAction): string {
  const blocks: string[] = [];
  if (action.remember !== undefined) {
    blocks.push(renderInvokeBlock({ name: 'remember', parameters: Object.entries(action.remember) }));
  }
  const parameters: Array<readonly [string, string]> = [['action', action.action]];
  if (action.index !== undefined) parameters.push(['index', String(action.index)]);
  if (action.text !== undefined) parameters.push(['text', action.text]);
  if (action.coordinate !== undefined) parameters.push(['coordinate', pointText(action.coordinate)]);
  if (action.coordinate2 !== undefined) parameters.push(['coordinate2', pointText(action.coordinate2)]);
  if (action.duration !== undefined) parameters.push(['duration', String(action.duration)]);
  if (action.button !== undefined) parameters.push(['button', action.button]);
  blocks.push(renderInvokeBlock({ name: 'phone', parameters }));
  return blocks.join('\n');
}
