import type { z } from 'zod';
import type { WorldSpec } from '../../core/world-spec.js';
import { invalidWebAction } from './action-errors.js';
import {
  type BrowserGymAction,
  BrowserGymActionInputSchema,
  bidsOfCall,
  browserGymSignature,
  parseBrowserGymAction,
} from './dialects/browsergym/index.js';
import { type WebDialect, webDialectOf } from './dialects/index.js';
import {
  type PlaywrightMcpAction,
  PlaywrightMcpActionInputSchema,
  type PlaywrightToolEffect,
  parsePlaywrightMcpAction,
  playwrightToolEffect,
  refsOfToolCall,
} from './dialects/playwright-mcp/index.js';
import { idsOf, type WebPage } from './page.js';
import { parseWebPage } from './page-format.js';

/** An action of either web dialect: BrowserGym code with its calls, or a Playwright MCP tool call. */
export type WebAction = BrowserGymAction | PlaywrightMcpAction;

export function isBrowserGymAction(action: WebAction): action is BrowserGymAction {
  return 'calls' in action;
}

/** The schema of what an agent sends in the spec's dialect. */
export function webActionSchema(spec: WorldSpec): z.ZodType<WebAction> {
  return (webDialectOf(spec) === 'playwright-mcp'
    ? PlaywrightMcpActionInputSchema
    : BrowserGymActionInputSchema) as unknown as z.ZodType<WebAction>;
}

/** The strongest effect of the action on the page: navigate > interact > edit > none. */
export function webActionEffect(action: WebAction): PlaywrightToolEffect {
  const effects: PlaywrightToolEffect[] = isBrowserGymAction(action)
    ? action.calls.map((call) => browserGymSignature(call.function).effect)
    : [playwrightToolEffect(action.name, action.arguments)];
  for (const effect of ['navigate', 'interact', 'edit'] as const) if (effects.includes(effect)) return effect;
  return 'none';
}

/**
 * The element ids the action names on the page it acts on. For BrowserGym code only the calls up to the first
 * one that may change the page count: later calls may name elements that appear after it.
 */
export function referencedIdsOf(action: WebAction): string[] {
  if (!isBrowserGymAction(action)) return refsOfToolCall(action);
  const ids: string[] = [];
  for (const call of action.calls) {
    ids.push(...bidsOfCall(call));
    const effect = browserGymSignature(call.function).effect;
    if (effect === 'navigate' || effect === 'interact') break;
  }
  return ids;
}

/** The URL a navigating action names (`goto`, `browser_navigate`), if any. */
export function navigationTargetOf(action: WebAction): string | undefined {
  if (isBrowserGymAction(action)) {
    const call = action.calls.find((candidate) => candidate.function === 'goto');
    const url = call?.arguments.url;
    return typeof url === 'string' ? url : undefined;
  }
  return action.name === 'browser_navigate' && typeof action.arguments.url === 'string'
    ? action.arguments.url
    : undefined;
}

/** Refuses ids the page lacks: INVALID_ACTION "unknown bid/ref", naming a few the page has. */
export function assertWebIdsOnPage(action: WebAction, page: WebPage, dialect: WebDialect): void {
  const known = idsOf(page);
  if (known.length === 0) return;
  const set = new Set(known);
  for (const id of referencedIdsOf(action)) {
    if (set.has(id)) continue;
    const kind = dialect === 'browsergym' ? 'bid' : 'ref';
    const sample = known.slice(0, 12).join(', ');
    const path = isBrowserGymAction(action) ? '$.code' : refPathOf(action, id);
    throw invalidWebAction(
      dialect,
      path,
      `unknown ${kind} "${id}": the current page has no element with it (it has ${sample}${known.length > 12 ? ', …' : ''})`,
      { [kind]: id },
    );
  }
}

function refPathOf(action: PlaywrightMcpAction, id: string): string {
  const entry = Object.entries(action.arguments).find(([, value]) => value === id);
  return entry === undefined ? '$.arguments' : `$.arguments.${entry[0]}`;
}

/**
 * Parses an action of the spec's dialect. With `currentPage` (the observation the action acts on), a bid or ref
 * that page lacks is INVALID_ACTION.
 */
export function parseWebAction(input: unknown, spec: WorldSpec, currentPage?: string): WebAction {
  const dialect = webDialectOf(spec);
  const action =
    dialect === 'playwright-mcp' ? parsePlaywrightMcpAction(input) : parseBrowserGymAction(input);
  if (currentPage !== undefined) assertWebIdsOnPage(action, parseWebPage(currentPage, dialect), dialect);
  return action;
}

/** `send_msg_to_user` (the answer) and `report_infeasible` end a BrowserGym episode. */
export function isWebCompletion(action: WebAction): boolean {
  return (
    isBrowserGymAction(action) &&
    action.calls.some((call) => call.function === 'send_msg_to_user' || call.function === 'report_infeasible')
  );
}
