import type { z } from 'zod';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  type Computer13Action,
  Computer13ActionSchema,
  parseComputer13Action,
} from './computer13-actions.js';
import {
  type PyautoguiAction,
  PyautoguiActionInputSchema,
  parsePyautoguiAction,
} from './pyautogui-actions.js';

export const OS_DIALECTS = ['pyautogui', 'computer13'] as const;
export type OsDialect = (typeof OS_DIALECTS)[number];
export const DEFAULT_OS_DIALECT: OsDialect = 'pyautogui';

/** An action of either os dialect: pyautogui code (or a special token), or a computer13 dict. */
export type OsAction = PyautoguiAction | Computer13Action;

export function osDialectOf(spec: WorldSpec): OsDialect {
  return spec.dialect === 'computer13' ? 'computer13' : 'pyautogui';
}

export function isComputer13Action(action: OsAction): action is Computer13Action {
  return 'action_type' in action;
}

export function isPyautoguiAction(action: OsAction): action is PyautoguiAction {
  return !('action_type' in action);
}

/** Validates an action of the spec's dialect; an action of the other dialect is INVALID_ACTION naming the right one. */
export function parseOsAction(input: unknown, spec: WorldSpec): OsAction {
  return osDialectOf(spec) === 'computer13' ? parseComputer13Action(input) : parsePyautoguiAction(input);
}

/** The schema of what an agent sends in the spec's dialect (the source of the action JSON Schema). */
export function osActionSchema(spec: WorldSpec): z.ZodType<OsAction> {
  return (osDialectOf(spec) === 'computer13'
    ? Computer13ActionSchema
    : PyautoguiActionInputSchema) as unknown as z.ZodType<OsAction>;
}

/** `DONE` and `FAIL` end the episode (OSWorld scores `FAIL` as the answer to an infeasible task). */
export function isOsCompletion(action: OsAction): boolean {
  const type = isComputer13Action(action) ? action.action_type : action.type;
  return type === 'DONE' || type === 'FAIL';
}
