/**
 * One BrowserGym tab in Chromium: carries out browsergym actions through playwright-core and renders what the
 * agent reads by BrowserGym's own rules (ServiceNow/BrowserGym 9e779f08): its numeric bids (browsergym-marks.ts)
 * and its flattening of the CDP accessibility tree (src/domains/web/dialects/browsergym/flatten.ts).
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  browserGymBidNotFoundError,
  flattenBrowserGymAxTree,
} from '../../../domains/web/dialects/browsergym/index.js';
import type { WebBrowserGymAction } from '../../../domains/web/index.js';
import { browserGymAxTree } from './browsergym-marks.js';

/** How long one element action or navigation may take, as the example recordings were made (ms). */
export const BROWSERGYM_ACTION_TIMEOUT_MS = 5000;

/**
 * What the agent reads now: `URL:`/`Title:` lines, a blank line, and the page as BrowserGym flattens it (the
 * page is marked first, so new elements get their bids), after `Last action error: …` when the action failed.
 */
export async function observeBrowserGymPage(page: Page, error?: string): Promise<string> {
  // As BrowserGym's step does (`_wait_dom_loaded` before `_get_obs`): a navigation still committing would
  // otherwise give the URL of one page over the tree of the next. A page that never loads is read as it is.
  let text = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    await page
      .waitForLoadState('domcontentloaded', { timeout: BROWSERGYM_ACTION_TIMEOUT_MS })
      .catch(() => undefined);
    const url = page.url();
    const title = await page.title();
    const tree = flattenBrowserGymAxTree(await browserGymAxTree(page));
    text = [`URL: ${url}`, `Title: ${title}`, '', tree].join('\n');
    if (page.url() === url) break;
  }
  return error === undefined ? text : `Last action error: ${error}\n${text}`;
}

/** A failure BrowserGym itself raises, already written as its `last_action_error` (`<class>: <message>`). */
class BrowserGymError extends Error {}

/**
 * The element BrowserGym names by its bid, found as its `get_elem_by_bid` finds it (core/action/utils.py at
 * 9e779f08): the letters before the digits name the nested frames (`a`, then `aB` inside it …), each must be
 * there, then the element itself; a bid that is not there raises `ValueError: Could not find element with bid
 * "<bid>"` before anything is done (browserGymBidNotFoundError).
 */
async function elemByBid(page: Page, bid: unknown): Promise<Locator> {
  if (typeof bid !== 'string') throw new BrowserGymError(`ValueError: expected a string, got ${String(bid)}`);
  const notFound = () => new BrowserGymError(browserGymBidNotFoundError(bid));
  const byBid = (scope: Page | FrameLocator, value: string) =>
    scope.locator(`[bid=${JSON.stringify(value)}]`);
  let scope: Page | FrameLocator = page;
  let index = 0;
  while (bid.slice(index).length > 0 && !/^[0-9]+$/.test(bid.slice(index))) {
    index += 1;
    while (index < bid.length && /^[A-Z]$/.test(bid[index] as string)) index += 1;
    const frame = byBid(scope, bid.slice(0, index));
    if ((await frame.count()) === 0) throw notFound();
    scope = frame.contentFrame();
  }
  const element = byBid(scope, bid);
  if ((await element.count()) === 0) throw notFound();
  return element;
}

/**
 * Carries out each call of the action in order; the first failure stops it and is returned as the error line
 * the agent reads, as BrowserGym reports `last_action_error`: its own errors as it writes them (a bid the page
 * lacks), Playwright's failures by their first message line.
 */
export async function performBrowserGymAction(
  page: Page,
  action: WebBrowserGymAction,
  timeout = BROWSERGYM_ACTION_TIMEOUT_MS,
): Promise<string | undefined> {
  // BrowserGym failed to turn the code into Python (an unknown function): nothing runs.
  if (action.error !== undefined) return action.error;
  try {
    for (const call of action.calls) {
      const args = call.arguments;
      switch (call.function) {
        case 'click':
          await (await elemByBid(page, args.bid)).click({ timeout });
          break;
        case 'dblclick':
          await (await elemByBid(page, args.bid)).dblclick({ timeout });
          break;
        case 'fill':
          await (await elemByBid(page, args.bid)).fill(String(args.value), { timeout });
          break;
        case 'clear':
          await (await elemByBid(page, args.bid)).clear({ timeout });
          break;
        case 'focus':
          await (await elemByBid(page, args.bid)).focus({ timeout });
          break;
        case 'select_option':
          await (await elemByBid(page, args.bid)).selectOption(args.options as string | string[], {
            timeout,
          });
          break;
        case 'check':
          await (await elemByBid(page, args.bid)).check({ timeout });
          break;
        case 'uncheck':
          await (await elemByBid(page, args.bid)).uncheck({ timeout });
          break;
        case 'hover':
          await (await elemByBid(page, args.bid)).hover({ timeout });
          break;
        case 'press':
          await (await elemByBid(page, args.bid)).press(String(args.key_comb), { timeout });
          break;
        case 'goto':
          await page.goto(String(args.url), { timeout });
          break;
        case 'go_back':
          await page.goBack({ timeout });
          break;
        case 'go_forward':
          await page.goForward({ timeout });
          break;
        case 'keyboard_press':
          await page.keyboard.press(String(args.key));
          break;
        case 'keyboard_type':
          await page.keyboard.type(String(args.text));
          break;
        case 'scroll':
          await page.mouse.wheel(Number(args.delta_x), Number(args.delta_y));
          break;
        case 'mouse_move':
          await page.mouse.move(Number(args.x), Number(args.y));
          break;
        case 'mouse_click':
          await page.mouse.click(Number(args.x), Number(args.y));
          break;
        case 'noop':
          await page.waitForTimeout(Math.min(Number(args.wait_ms ?? 1000), 60_000));
          break;
        case 'send_msg_to_user':
        case 'report_infeasible':
          break;
        default:
          throw new Error(`the real web engine does not carry out ${call.function}`);
      }
    }
    await page.waitForLoadState('load', { timeout });
    return undefined;
  } catch (caught) {
    if (caught instanceof BrowserGymError) return caught.message;
    return (caught instanceof Error ? caught.message : String(caught)).split('\n')[0];
  }
}
