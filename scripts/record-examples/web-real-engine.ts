/**
 * `real-web`: an Engine that carries out browsergym actions in Debian's Chromium through playwright-core and
 * renders the accessibility tree the agent would read by BrowserGym's own rules (ServiceNow/BrowserGym 9e779f08):
 * its numeric bids (web-browsergym-marks.ts) and its flattening of the CDP accessibility tree
 * (src/domains/web/browsergym-flatten.ts). The playwright-mcp dialect is recorded from the real server instead
 * (web-playwright-mcp-engine.ts). It exists to record example sessions; only scripted actions may be given to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type CallOptions, throwIfAborted } from '../../src/core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import { flattenBrowserGymAxTree } from '../../src/domains/web/browsergym-flatten.js';
import { parseWebAction, type WebAction, webDialectOf } from '../../src/domains/web/index.js';
import { browserGymAxTree } from './web-browsergym-marks.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class RealWebEngine implements Engine {
  readonly id = 'real-web';
  readonly model = undefined;

  private constructor(
    private readonly browser: Browser,
    private page: Page,
    private readonly home: string,
  ) {}

  /** Launches Chromium (HOME and XDG folders in a temporary directory) and opens `startUrl`. */
  static async start(spec: WorldSpec, startUrl: string): Promise<RealWebEngine> {
    const home = mkdtempSync(join(tmpdir(), 'agentworld-real-web-'));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    });
    const page = await browser.newPage();
    await page.goto(startUrl);
    // BrowserGym marks the page before the agent's first view (the spec's initial state) is taken.
    await browserGymAxTree(page);
    if (webDialectOf(spec) !== 'browsergym') throw new Error('real-web records the browsergym dialect only');
    return new RealWebEngine(browser, page, home);
  }

  identity(): Record<string, unknown> {
    return { engine: this.id };
  }

  /**
   * What the agent reads now: `URL:`/`Title:` lines, a blank line, and the page as BrowserGym flattens it
   * (web-browsergym-marks.ts marks the bids, browsergym-flatten.ts writes the tree).
   */
  async observe(error?: string): Promise<string> {
    const url = this.page.url();
    const title = await this.page.title();
    const tree = flattenBrowserGymAxTree(await browserGymAxTree(this.page));
    const page = [`URL: ${url}`, `Title: ${title}`, '', tree].join('\n');
    return error === undefined ? page : `Last action error: ${error}\n${page}`;
  }

  /** The element BrowserGym names by its bid (it locates by the `bid` test-id attribute). */
  private locate(bid: unknown) {
    return this.page.locator(`[bid=${JSON.stringify(String(bid))}]`);
  }

  private async perform(action: WebAction): Promise<void> {
    const timeout = 5000;
    if ('calls' in action) {
      for (const call of action.calls) {
        const args = call.arguments;
        switch (call.function) {
          case 'click':
            await this.locate(args.bid).click({ timeout });
            break;
          case 'fill':
            await this.locate(args.bid).fill(String(args.value), { timeout });
            break;
          case 'select_option':
            await this.locate(args.bid).selectOption(args.options as string | string[], { timeout });
            break;
          case 'check':
            await this.locate(args.bid).check({ timeout });
            break;
          case 'uncheck':
            await this.locate(args.bid).uncheck({ timeout });
            break;
          case 'hover':
            await this.locate(args.bid).hover({ timeout });
            break;
          case 'press':
            await this.locate(args.bid).press(String(args.key_comb), { timeout });
            break;
          case 'goto':
            await this.page.goto(String(args.url), { timeout });
            break;
          case 'go_back':
            await this.page.goBack({ timeout });
            break;
          case 'go_forward':
            await this.page.goForward({ timeout });
            break;
          case 'keyboard_press':
            await this.page.keyboard.press(String(args.key));
            break;
          case 'noop':
          case 'send_msg_to_user':
          case 'report_infeasible':
            break;
          default:
            throw new Error(`the recorder does not carry out ${call.function}`);
        }
      }
    } else {
      throw new Error('real-web carries out browsergym actions only');
    }
    await this.page.waitForLoadState('load', { timeout });
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const action = parseWebAction(request.action, request.spec);
    let error: string | undefined;
    try {
      await this.perform(action);
    } catch (caught) {
      error = (caught instanceof Error ? caught.message : String(caught)).split('\n')[0];
    }
    const observation = await this.observe(error);
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}
