import type { z } from 'zod';
import type { WorldSpec } from '../../core/world-spec.js';
import { invalidAndroidAction } from './action-errors.js';
import {
  type AndroidWorldAction,
  AndroidWorldActionSchema,
  parseAndroidWorldAction,
} from './dialects/androidworld/index.js';
import { androidDialectOf, screenFormatOf } from './dialects/index.js';
import {
  type PhoneInvokeAction,
  PhoneInvokeActionSchema,
  parsePhoneInvokeAction,
} from './dialects/phone-invoke/index.js';
import { type AndroidScreen, elementAt, parseAndroidScreen } from './screen.js';

/** An action of either android dialect: a JSONAction (`action_type`) or a phone call (`action`). */
export type AndroidAction = AndroidWorldAction | PhoneInvokeAction;

export function isAndroidWorldAction(action: AndroidAction): action is AndroidWorldAction {
  return 'action_type' in action;
}

/** The schema of the spec's dialect. */
export function androidActionSchema(spec: WorldSpec): z.ZodType<AndroidAction> {
  return androidDialectOf(spec) === 'phone-invoke' ? PhoneInvokeActionSchema : AndroidWorldActionSchema;
}

/** The element index an action targets, if it targets one by index. */
export function targetIndexOf(action: AndroidAction): number | undefined {
  return action.index;
}

/** A neutral name of what the action does, shared by both dialects. */
export type AndroidActionKind =
  | 'tap'
  | 'double_tap'
  | 'long_press'
  | 'type'
  | 'enter'
  | 'home'
  | 'back'
  | 'scroll'
  | 'swipe'
  | 'open_app'
  | 'wait'
  | 'status'
  | 'answer'
  | 'unknown';

export function androidActionKind(action: AndroidAction): AndroidActionKind {
  if (isAndroidWorldAction(action)) {
    switch (action.action_type) {
      case 'click':
        return 'tap';
      case 'input_text':
        return 'type';
      case 'keyboard_enter':
        return 'enter';
      case 'navigate_home':
        return 'home';
      case 'navigate_back':
        return 'back';
      default:
        return action.action_type;
    }
  }
  switch (action.action) {
    case 'click':
      return 'tap';
    case 'system_button':
      return action.button === 'home' ? 'home' : action.button === 'back' ? 'back' : 'enter';
    default:
      return action.action;
  }
}

/** The app an open_app action names. */
export function openedAppOf(action: AndroidAction): string | undefined {
  if (isAndroidWorldAction(action)) return action.action_type === 'open_app' ? action.app_name : undefined;
  return action.action === 'open_app' ? action.text : undefined;
}

/**
 * Refuses an action whose index is not on the screen it acts on: INVALID_ACTION "unknown index", naming the
 * indices the screen has. Screens without any parsed element (unknown representation) are not judged.
 */
export function assertAndroidIndexOnScreen(
  action: AndroidAction,
  screen: AndroidScreen,
  dialect: string,
): void {
  const index = targetIndexOf(action);
  if (index === undefined || screen.elements.length === 0) return;
  if (elementAt(screen, index) !== undefined) return;
  const indices = screen.elements.map((element) => element.index);
  const low = Math.min(...indices);
  const high = Math.max(...indices);
  throw invalidAndroidAction(
    dialect,
    '$.index',
    `unknown index ${index}: the current screen has elements ${low} to ${high}`,
  );
}

/**
 * Parses an action of the spec's dialect. With `currentScreen` (the observation the action acts on), an index
 * that screen lacks is INVALID_ACTION "unknown index".
 */
export function parseAndroidAction(input: unknown, spec: WorldSpec, currentScreen?: string): AndroidAction {
  const dialect = androidDialectOf(spec);
  const action = dialect === 'phone-invoke' ? parsePhoneInvokeAction(input) : parseAndroidWorldAction(input);
  if (currentScreen !== undefined) {
    assertAndroidIndexOnScreen(action, parseAndroidScreen(currentScreen, screenFormatOf(dialect)), dialect);
  }
  return action;
}

/** `status` (androidworld) ends the episode with the agent's verdict. */
export function isAndroidCompletion(action: AndroidAction): boolean {
  return isAndroidWorldAction(action) && action.action_type === 'status';
}
