import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { actionTexts, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import {
  firstMissingWebId,
  isBrowserGymAction,
  navigationTargetOf,
  referencedIdsOf,
  type WebAction,
  webActionEffect,
} from './actions.js';
import { browserGymBidNotFoundError, browserGymLastActionError } from './dialects/browsergym/index.js';
import {
  isPlaywrightErrorResult,
  playwrightErrorText,
  playwrightRefNotFoundError,
  playwrightServerRefusal,
  splitPlaywrightResult,
} from './dialects/playwright-mcp/index.js';
import type { WebLedger } from './ledger.js';
import { idsOf, nodeById, type WebPage } from './page.js';
import { diffWebPages } from './page-diff.js';
import { parseWebPage } from './page-format.js';

export type WebCheckContext = CheckContext<WebAction, WebLedger>;

interface Facts {
  readonly context: WebCheckContext;
  readonly before: WebPage;
  readonly after: WebPage;
}

const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const skip = (id: string, message: string): CheckResult => ({ id, status: 'skip', message });
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

const FAILURE_SIGN = /\b(?:ERR_[A-Z_]+|404|not found|can(?:no|')t be reached|unable to|timed? ?out|error)\b/i;

/**
 * `ref-exists`: an action naming an element the page it acted on lacks is not refused by the real harnesses;
 * they run it and report the missing element. The observation for such an action must be that report, as the
 * harness writes it: browsergym `Last action error: ValueError: Could not find element with bid "<bid>"` over the
 * page (unchanged when the failing call is the first; BrowserGym env.py / action/utils.py), playwright-mcp the
 * server's `### Error` result `Error: Ref <ref> not found in the current page snapshot. Try capturing new
 * snapshot.` (captured from @playwright/mcp 0.0.86).
 */
export function refExistsCheck(facts: Facts): CheckResult {
  const id = 'ref-exists';
  const { context, before, after } = facts;
  if (referencedIdsOf(context.action).length === 0) return skip(id, 'the action names no element');
  if (!isBrowserGymAction(context.action) && playwrightServerRefusal(context.action) !== undefined) {
    return skip(id, 'the server refuses the call before it looks for the element');
  }
  if (idsOf(before).length === 0) return skip(id, 'the current page shows no element ids');
  const missing = firstMissingWebId(context.action, before);
  const browserGym = context.ledger.dialect === 'browsergym';
  const reported = browserGym
    ? browserGymLastActionError(context.observation)
    : playwrightErrorText(context.observation);
  if (missing === undefined) {
    if (!browserGym || reported === undefined) return pass(id);
    // A bid that is on the page is found: BrowserGym may still fail later (a timeout), but never on finding it.
    const lost = /^ValueError: Could not find element with bid "([^"]*)"$/.exec(reported)?.[1];
    return lost !== undefined && nodeById(before, lost) !== undefined
      ? fail(id, `the error says bid "${lost}" is not found, but the page the action acted on has it`)
      : pass(id);
  }
  const expected = browserGym
    ? browserGymBidNotFoundError(missing.id)
    : playwrightRefNotFoundError(missing.id);
  const harness = browserGym ? 'BrowserGym reports' : 'the Playwright MCP server answers';
  if (reported !== expected) {
    return fail(
      id,
      `the action names "${missing.id}", not on the current page: ${harness} ${JSON.stringify(expected)}, ` +
        (reported === undefined
          ? 'but the observation shows no error'
          : `not ${JSON.stringify(clip(reported))}`),
    );
  }
  if (browserGym && missing.call === 0 && !diffWebPages(before, after).identical) {
    return fail(
      id,
      `the action failed on its first call (bid "${missing.id}" not found), yet the page changed`,
    );
  }
  return pass(id);
}

/**
 * `harness-refusal`: an action the real harness fails before running anything must be answered with the harness's
 * own error: playwright-mcp, the server's `### Error` result for a tool it does not list or arguments against the
 * tool's input schema, byte for byte (server-refusal.ts); browsergym, `Last action error: NameError: Invalid
 * action type '…'.` over the unchanged page for a function BrowserGym lacks (errors.ts).
 */
export function harnessRefusalCheck(facts: Facts): CheckResult {
  const id = 'harness-refusal';
  const { context, before, after } = facts;
  const action = context.action;
  if (isBrowserGymAction(action)) {
    if (action.error === undefined) return skip(id, 'BrowserGym runs the code');
    const reported = browserGymLastActionError(context.observation);
    if (reported !== action.error) {
      return fail(
        id,
        `BrowserGym runs none of this code and reports ${JSON.stringify(action.error)}, ` +
          (reported === undefined
            ? 'but the observation shows no error'
            : `not ${JSON.stringify(clip(reported))}`),
      );
    }
    return before.nodes.length > 0 && !diffWebPages(before, after).identical
      ? fail(id, 'nothing ran, yet the page changed')
      : pass(id);
  }
  const refusal = playwrightServerRefusal(action);
  if (refusal === undefined) return skip(id, 'the server takes the call');
  const expected = `### Error\n${refusal}`;
  if (context.observation.trim() === expected) return pass(id);
  return fail(
    id,
    `the real server refuses this call with ${JSON.stringify(expected)}, not ${JSON.stringify(clip(context.observation))}`,
  );
}

/** `page-format`: the observation keeps the dialect's page representation. */
export function pageFormatCheck(facts: Facts): CheckResult {
  const id = 'page-format';
  const { after, context } = facts;
  if (after.format === 'aria-snapshot') {
    if (isPlaywrightErrorResult(context.observation)) return pass(id);
    if (after.unparsedLines.length > 0) {
      return fail(
        id,
        `${after.unparsedLines.length} line(s) are neither result sections nor ARIA nodes, first: "${clip(after.unparsedLines[0] ?? '')}"`,
      );
    }
    // A sectioned result (`### Ran Playwright code`, `### Result` …) is whole even without a page section.
    if (after.hasSnapshot || splitPlaywrightResult(context.observation) !== undefined) return pass(id);
    return webActionEffect(context.action) === 'none' || after.url !== undefined
      ? pass(id)
      : fail(id, 'the result has neither a page snapshot, a "Page URL:" line nor an error');
  }
  if (after.nodes.length === 0) {
    return fail(id, 'no line has the accessibility-tree form "[bid] role \'name\', attributes"');
  }
  // An empty document (about:blank after going back past the first page) has its root and nothing to act on.
  if (idsOf(after).length === 0 && after.nodes.length > 1) {
    return fail(id, 'no node carries a [bid] the agent could act on');
  }
  return pass(id);
}

/** `unique-ids`: no two nodes share a bid or ref. */
export function uniqueIdsCheck(facts: Facts): CheckResult {
  const id = 'unique-ids';
  const ids = idsOf(facts.after);
  if (ids.length === 0) return skip(id, 'the observation shows no element ids');
  const seen = new Set<string>();
  for (const value of ids) {
    if (seen.has(value)) return fail(id, `"${value}" is given to more than one node`);
    seen.add(value);
  }
  return pass(id);
}

function sameUrl(left: string, right: string): boolean {
  const strip = (url: string) => url.replace(/\/+$/, '');
  return strip(left) === strip(right);
}

/** `url-kept`: an action that cannot navigate leaves the ledger's URL in place. */
export function urlKeptCheck(facts: Facts): CheckResult {
  const id = 'url-kept';
  const effect = webActionEffect(facts.context.action);
  if (effect === 'navigate' || effect === 'interact') return skip(id, 'the action may navigate');
  const before = facts.context.ledger.url;
  const after = facts.after.url;
  if (before === null || after === undefined) return skip(id, 'the URL is not shown');
  if (sameUrl(before, after)) return pass(id);
  // Chromium shows its error page when an earlier navigation fails, which may be after that action's turn.
  if (after.startsWith('chrome-error://')) return skip(id, 'a failed navigation turned into the error page');
  return fail(id, `the URL changed from ${before} to ${after}, but the action does not navigate`);
}

/** Why the action must show another page, or undefined when an unchanged page is plausible. */
function pageChangeReason(context: WebCheckContext, before: WebPage): string | undefined {
  const action = context.action;
  const target = navigationTargetOf(action);
  const current = context.ledger.url;
  if (target !== undefined) {
    return current !== null &&
      sameUrl(new URL(target, current === 'about:blank' ? undefined : current).href, current)
      ? undefined
      : `navigating to ${target}`;
  }
  if (webActionEffect(action) === 'navigate') {
    const name = isBrowserGymAction(action)
      ? action.calls.map((call) => call.function).join(', ')
      : action.name;
    if ((name === 'go_back' || name === 'browser_navigate_back') && context.ledger.visited.length < 2)
      return undefined;
    if (name === 'browser_close') return undefined;
    return name;
  }
  const ids = referencedIdsOf(action);
  const clicked = isBrowserGymAction(action)
    ? action.calls.some((call) => call.function === 'click')
    : action.name === 'browser_click';
  if (!clicked) return undefined;
  for (const value of ids) {
    const node = nodeById(before, value);
    const href = node?.attributes.url;
    if (node?.role === 'link' && typeof href === 'string' && href.length > 0 && !href.startsWith('#')) {
      try {
        if (current !== null && sameUrl(new URL(href, current).href, current)) continue;
      } catch {
        // A URL that does not resolve still names another page.
      }
      return `following the link "${node.name}"`;
    }
  }
  return undefined;
}

/** `stale-page`: a navigating action must not give back the very page it acted on. */
export function stalePageCheck(facts: Facts): CheckResult {
  const id = 'stale-page';
  const { context, before, after } = facts;
  let reason: string | undefined;
  try {
    reason = pageChangeReason(context, before);
  } catch {
    reason = undefined;
  }
  if (reason === undefined) return skip(id, 'the action may leave the page as it was');
  if (
    after.format === 'aria-snapshot' &&
    (!after.hasSnapshot || isPlaywrightErrorResult(context.observation))
  ) {
    return skip(id, 'the result shows no page snapshot');
  }
  if (FAILURE_SIGN.test(after.title ?? '')) return skip(id, 'the page reports a failure');
  const unchanged =
    before.nodes.length === 0 || after.nodes.length === 0
      ? context.observation.trim() === context.ledger.page.trim()
      : diffWebPages(before, after).identical;
  if (!unchanged) return pass(id);
  return fail(id, `the page after ${reason} is identical to the page before it`);
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed;
}

const WEB_CHECKS: ReadonlyArray<readonly [string, (facts: Facts) => CheckResult]> = [
  ['ref-exists', refExistsCheck],
  ['harness-refusal', harnessRefusalCheck],
  ['page-format', pageFormatCheck],
  ['unique-ids', uniqueIdsCheck],
  ['url-kept', urlKeptCheck],
  ['stale-page', stalePageCheck],
];

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `success-claim` (shared): the action's text must not talk the screen into a success token. */
function successClaim(context: WebCheckContext): CheckResult {
  return successClaimCheck({
    actionTexts: actionTexts(context.action),
    observation: context.observation,
    knownTexts: [...specKnownTexts(context.spec), context.ledger.page, context.ledger.previousPage],
  });
}

/** The web domain's deterministic checks of one predicted page; never throws. */
export function checkWebObservation(context: WebCheckContext): CheckResult[] {
  const results: CheckResult[] = [scaffoldingCheck(context.observation), nonEmptyCheck(context.observation)];
  let facts: Facts;
  try {
    facts = {
      context,
      before: parseWebPage(context.ledger.page, context.ledger.dialect),
      after: parseWebPage(context.observation, context.ledger.dialect),
    };
  } catch (error) {
    for (const [id] of WEB_CHECKS) results.push(skip(id, `check could not run: ${describeError(error)}`));
    results.push(successClaim(context));
    return results;
  }
  for (const [id, check] of WEB_CHECKS) {
    try {
      results.push(check(facts));
    } catch (error) {
      results.push(skip(id, `check could not run: ${describeError(error)}`));
    }
  }
  results.push(successClaim(context));
  return results;
}
