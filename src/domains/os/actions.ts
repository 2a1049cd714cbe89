import type { z } from 'zod';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  type Computer13Action,
  Computer13ActionSchema,
  parseComputer13Action,
} from './dialects/computer13/index.js';
import { osDialectOf } from './dialects/index.js';
import {
  type PyautoguiAction,
  PyautoguiActionInputSchema,
  parsePyautoguiAction,
} from './dialects/pyautogui/index.js';

/** An action of either os dialect: pyautogui code (or a special token), or a computer13 dict. */
export type OsAction = PyautoguiAction | Computer13Action;

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
