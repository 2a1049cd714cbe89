import type { z } from 'zod';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  type BrowserGymAction,
  BrowserGymActionInputSchema,
  bidsOfCall,
  browserGymSignature,
  parseBrowserGymAction,
} from './dialects/browsergym/index.js';
import { webDialectOf } from './dialects/index.js';
import {
  type PlaywrightMcpAction,
  PlaywrightMcpActionInputSchema,
  type PlaywrightToolEffect,
  parsePlaywrightMcpAction,
  playwrightToolEffect,
  refsOfToolCall,
} from './dialects/playwright-mcp/index.js';
import { idsOf, type WebPage } from './page.js';

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

/** An element id the action names that the page lacks, and the index of the BrowserGym call naming it. */
export interface MissingWebId {
  readonly id: string;
  /** The call that fails on it (always 0 for a Playwright MCP tool call). */
  readonly call: number;
}

/**
 * The first element id the action names (as `referencedIdsOf` reads them) that the page it acts on lacks:
 * the element the real harness fails to find and reports (BrowserGym's `last_action_error`, the MCP server's
 * `### Error`). Undefined when every id is there, or the page shows no ids at all.
 */
export function firstMissingWebId(action: WebAction, page: WebPage): MissingWebId | undefined {
  const known = new Set(idsOf(page));
  if (known.size === 0) return undefined;
  if (!isBrowserGymAction(action)) {
    const id = refsOfToolCall(action).find((candidate) => !known.has(candidate));
    return id === undefined ? undefined : { id, call: 0 };
  }
  for (const [index, call] of action.calls.entries()) {
    const id = bidsOfCall(call).find((candidate) => !known.has(candidate));
    if (id !== undefined) return { id, call: index };
    const effect = browserGymSignature(call.function).effect;
    if (effect === 'navigate' || effect === 'interact') break;
  }
  return undefined;
}

/**
 * Parses an action of the spec's dialect. A syntactically valid action that names an element the current page
 * lacks is accepted, as the real harnesses accept it: BrowserGym runs it and reports the missing bid as
 * `last_action_error`, the Playwright MCP server answers `### Error` (checks.ts `ref-exists` holds a predicted
 * observation to that).
 */
export function parseWebAction(input: unknown, spec: WorldSpec): WebAction {
  return webDialectOf(spec) === 'playwright-mcp'
    ? parsePlaywrightMcpAction(input)
    : parseBrowserGymAction(input);
}

/** `send_msg_to_user` (the answer) and `report_infeasible` end a BrowserGym episode. */
export function isWebCompletion(action: WebAction): boolean {
  return (
    isBrowserGymAction(action) &&
    action.calls.some((call) => call.function === 'send_msg_to_user' || call.function === 'report_infeasible')
  );
}
