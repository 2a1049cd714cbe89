import type { PerturbationContext } from '../../../core/perturbation.js';
import { type WebAction, webActionEffect } from '../actions.js';
import { type WebDialect, webDialectOf } from '../dialects/index.js';

/** The action of a perturbation context; undefined at reset (trajectory-level instructions). */
export function webActionOf(context: PerturbationContext): WebAction | undefined {
  const action = context.action as Record<string, unknown> | undefined;
  if (action === undefined || action === null || typeof action !== 'object') return undefined;
  if (Array.isArray(action.calls) && typeof action.code === 'string') return action as unknown as WebAction;
  if (typeof action.name === 'string') {
    const args = action.arguments;
    return {
      name: action.name,
      arguments: args !== null && typeof args === 'object' && !Array.isArray(args) ? args : {},
    } as WebAction;
  }
  return undefined;
}

export function dialectOf(context: PerturbationContext): WebDialect {
  return webDialectOf(context.spec);
}

/** Whether the action may load a page (navigate, click, submit): what a site answers with a new page. */
export function loadsPage(context: PerturbationContext): boolean {
  const action = webActionOf(context);
  if (action === undefined) return false;
  const effect = webActionEffect(action);
  return effect === 'navigate' || effect === 'interact';
}

/** "the page this action leads to" on a turn, or `every` when the rule holds for the whole session. */
export function pageSubject(context: PerturbationContext, every = 'every page the agent opens'): string {
  return webActionOf(context) === undefined ? every : 'the page this action leads to';
}

/** How element ids are called in the spec's dialect. */
export function idWord(context: PerturbationContext): string {
  return dialectOf(context) === 'playwright-mcp' ? 'ref' : 'bid';
}
