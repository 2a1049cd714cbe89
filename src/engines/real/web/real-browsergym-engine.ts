import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import {
  isWebBrowserGymAction,
  parseWebAction,
  type WebBrowserGymAction,
  webDialectOf,
} from '../../../domains/web/index.js';
import { removeTree } from '../sandbox/remove-tree.js';
import { browserGymAxTree } from './browsergym-marks.js';
import {
  BROWSERGYM_ACTION_TIMEOUT_MS,
  observeBrowserGymPage,
  performBrowserGymAction,
} from './browsergym-page.js';
import { browserEnvironment, processesWithHome, requireChromium } from './chromium.js';
import { sameActions, withAbort } from './session-helpers.js';
import { type SiteProxy, startSiteProxy } from './site-proxy.js';
import { webSiteOf } from './web-site.js';

export interface RealBrowserGymEngineOptions {
  /** The Chromium binary (default: `chromium` on PATH, Debian's /usr/bin/chromium). */
  readonly executablePath?: string | undefined;
  /** How long one element action or navigation may take (ms; default 5000, as the examples were recorded). */
  readonly actionTimeoutMs?: number | undefined;
  /** Most sessions (browser contexts) open at once; the least recently used closes first (default 16). */
  readonly maxSessions?: number | undefined;
}

/** The flags the example recordings were made with. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface RunningBrowser {
  readonly browser: Browser;
  /** HOME and XDG folders of the browser, removed when it closes. */
  readonly home: string;
  /** The proxy of requests made outside any session's context (it serves no site: loopback only). */
  readonly proxy: SiteProxy;
  dead: boolean;
}

interface GymSession {
  readonly running: RunningBrowser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly proxy: SiteProxy;
  /** The actions this context answered, as JSON: a session whose history differs gets a fresh context. */
  readonly actions: string[];
}

/**
 * browsergym worlds in Debian's Chromium through playwright-core: one browser per engine (HOME in a temporary
 * directory), one browser context per session, whose every request goes through the session's own proxy
 * (site-proxy.ts: the spec's pages, other loopback hosts, nothing else). A session opens the spec's start URL
 * and BrowserGym marks it (the agent's first view is the spec's `initialState.text`); each action runs in the
 * page and the observation is the page as BrowserGym shows it. A fork or a restored session gets a fresh
 * context that replays its history; a browser that dies is ENGINE_UNAVAILABLE, and the next step starts
 * another.
 */
export class RealBrowserGymEngine implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly sessions = new Map<string, GymSession>();
  private running: Promise<RunningBrowser> | undefined;
  private launches: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: RealBrowserGymEngineOptions = {}) {}

  identity(): Record<string, unknown> {
    return { engine: this.id, executor: 'web', dialect: 'browsergym', browser: 'chromium+playwright-core' };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    checkSpec(spec);
    requireChromium(this.options.executablePath);
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The real web engine is closed.');
    checkSpec(request.spec);
    const action = browserGymActionOf(request.action, request.spec);
    const session = await this.sessionFor(request.spec, request.sessionId, request.history, options);
    try {
      const observation = await this.run(session, action, options.signal);
      session.actions.push(JSON.stringify(request.action));
      return {
        observation,
        provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
        events: [],
      };
    } catch (error) {
      await this.drop(request.sessionId);
      throw error;
    }
  }

  /** Frees the browser context (and proxy) of a closed session. */
  releaseSession(sessionId: string): Promise<void> {
    return this.drop(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.drop(id)));
    const running = this.running;
    this.running = undefined;
    if (running !== undefined) await closeBrowser(await running.catch(() => undefined));
  }

  /** Sessions whose browser context is open. */
  get openSessions(): number {
    return this.sessions.size;
  }

  /** The ids of the browser's processes (for diagnostics and tests); empty before the first step. */
  async browserProcesses(): Promise<number[]> {
    const running = await this.running?.catch(() => undefined);
    return running === undefined || running.dead ? [] : processesWithHome(running.home);
  }

  /** The HOME (and XDG) directory of the running browser; undefined before the first step. */
  async browserHome(): Promise<string | undefined> {
    const running = await this.running?.catch(() => undefined);
    return running === undefined || running.dead ? undefined : running.home;
  }

  /** The hosts a session's browser was refused, oldest first. */
  refusedHostsOf(sessionId: string): readonly string[] {
    return this.sessions.get(sessionId)?.proxy.refused ?? [];
  }

  /**
   * What the agent sees first in a world of this spec (the page a session opens, as the spec's
   * `initialState.text` should show it), from a throwaway session; the example recorder writes specs with it.
   */
  async firstView(spec: WorldSpec, options: CallOptions = {}): Promise<string> {
    checkSpec(spec);
    const sessionId = `first-view-${randomUUID()}`;
    await this.sessionFor(spec, sessionId, [], options);
    try {
      return (await this.observe(sessionId)) ?? '';
    } finally {
      await this.drop(sessionId);
    }
  }

  /** What the session's page shows now, as the agent would read it (undefined when no context is open). */
  async observe(sessionId: string): Promise<string | undefined> {
    const session = this.sessions.get(sessionId);
    return session === undefined ? undefined : observeBrowserGymPage(session.page);
  }

  /** Carries out one action and reads the page; a browser or page that is gone is ENGINE_UNAVAILABLE. */
  private async run(
    session: GymSession,
    action: WebBrowserGymAction,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const work = (async () => {
      const error = await performBrowserGymAction(
        session.page,
        action,
        this.options.actionTimeoutMs ?? BROWSERGYM_ACTION_TIMEOUT_MS,
      );
      if (session.running.dead || session.page.isClosed()) throw unavailable('the browser closed');
      return observeBrowserGymPage(session.page, error);
    })();
    try {
      return await withAbort(work, signal);
    } catch (error) {
      if (isAgentWorldError(error)) throw error;
      throw unavailable(firstLine(error), error);
    }
  }

  private async sessionFor(
    spec: WorldSpec,
    sessionId: string,
    turns: PredictRequest['history'],
    options: CallOptions,
  ): Promise<GymSession> {
    const history = turns.map((turn) => JSON.stringify(turn.action));
    const existing = this.sessions.get(sessionId);
    if (existing !== undefined && !existing.running.dead && sameActions(existing.actions, history)) {
      this.sessions.delete(sessionId);
      this.sessions.set(sessionId, existing);
      return existing;
    }
    await this.drop(sessionId);
    if (existing?.running.dead === true) {
      // The session's world went with its browser: say so once; the next step replays the history afresh.
      throw unavailable('Chromium ended under this session (it starts afresh at the next step)');
    }
    const site = webSiteOf(spec);
    const running = await this.browser();
    const proxy = await startSiteProxy(site);
    let context: BrowserContext | undefined;
    try {
      context = await running.browser.newContext({ proxy: { server: proxy.url } });
      const page = await context.newPage();
      const session: GymSession = { running, context, page, proxy, actions: [] };
      this.sessions.set(sessionId, session);
      const opening = (async () => {
        if (site.startUrl !== undefined) {
          // A start page that does not load is what the agent sees (the browser's error page), not a failure.
          await page.goto(site.startUrl, { timeout: 30_000 }).catch(() => undefined);
        }
        // BrowserGym marks the page before the agent's first view (the spec's initial state) is taken.
        await browserGymAxTree(page);
      })();
      await withAbort(opening, options.signal);
      for (const turn of turns) {
        await this.run(session, browserGymActionOf(turn.action, spec), options.signal);
        session.actions.push(JSON.stringify(turn.action));
      }
    } catch (error) {
      if (this.sessions.has(sessionId)) await this.drop(sessionId);
      else {
        await context?.close().catch(() => undefined);
        await proxy.close();
      }
      if (isAgentWorldError(error)) throw error;
      throw unavailable(firstLine(error), error);
    }
    const limit = this.options.maxSessions ?? 16;
    while (this.sessions.size > limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      await this.drop(oldest);
    }
    return this.sessions.get(sessionId) as GymSession;
  }

  /** The engine's browser, launched at the first step and again after it died (one launch at a time). */
  private browser(): Promise<RunningBrowser> {
    const next = this.launches.then(() => this.runningBrowser());
    this.launches = next.catch(() => undefined);
    return next;
  }

  private async runningBrowser(): Promise<RunningBrowser> {
    const current = await this.running?.catch(() => undefined);
    if (current !== undefined && !current.dead) return current;
    if (current !== undefined) await closeBrowser(current);
    const launching = launchBrowser(this.options.executablePath);
    this.running = launching;
    try {
      return await launching;
    } catch (error) {
      if (this.running === launching) this.running = undefined;
      throw error;
    }
  }

  private async drop(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.sessions.delete(sessionId);
    if (!session.running.dead) await session.context.close().catch(() => undefined);
    await session.proxy.close();
  }
}

/**
 * playwright-core, loaded when the first browser starts: it is an optional dependency of AgentWorld (only the
 * real browsergym engine needs it), so an installation without it still loads and says what to install.
 */
async function loadPlaywrightCore(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      'The real browsergym engine drives Chromium through playwright-core, which is not installed: npm install playwright-core (and apt-get install chromium).',
      { cause: error },
    );
  }
}

async function launchBrowser(executablePath: string | undefined): Promise<RunningBrowser> {
  const path = requireChromium(executablePath);
  const home = mkdtempSync(join(tmpdir(), 'agentworld-real-web-'));
  const proxy = await startSiteProxy({ startUrl: undefined, pages: new Map(), origins: new Set() });
  try {
    const { chromium } = await loadPlaywrightCore();
    const browser = await chromium.launch({
      executablePath: path,
      args: CHROMIUM_ARGS,
      env: browserEnvironment(home),
      proxy: { server: proxy.url },
    });
    const running: RunningBrowser = { browser, home, proxy, dead: false };
    browser.on('disconnected', () => {
      running.dead = true;
    });
    return running;
  } catch (error) {
    await proxy.close();
    removeTree(home);
    throw unavailable(`Chromium did not start: ${firstLine(error)}`, error);
  }
}

async function closeBrowser(running: RunningBrowser | undefined): Promise<void> {
  if (running === undefined) return;
  running.dead = true;
  await running.browser.close().catch(() => undefined);
  await running.proxy.close();
  removeTree(running.home);
}

function checkSpec(spec: WorldSpec): void {
  if (spec.domain !== 'web' || webDialectOf(spec) !== 'browsergym') {
    throw new AgentWorldError(
      'UNSUPPORTED',
      `The real browsergym engine runs web worlds of the browsergym dialect, not ${spec.domain}${spec.domain === 'web' ? ` (${webDialectOf(spec)})` : ''}.`,
    );
  }
  webSiteOf(spec);
}

function browserGymActionOf(input: unknown, spec: WorldSpec): WebBrowserGymAction {
  const action = parseWebAction(input, spec);
  if (!isWebBrowserGymAction(action)) {
    throw new AgentWorldError('INVALID_ACTION', 'The real browsergym engine takes BrowserGym actions only.');
  }
  return action;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function unavailable(reason: string, cause?: unknown): AgentWorldError {
  return new AgentWorldError('ENGINE_UNAVAILABLE', `The real web browser failed: ${reason}`, { cause });
}

/** A real browsergym engine (see RealBrowserGymEngine). */
export function createRealBrowserGymEngine(options: RealBrowserGymEngineOptions = {}): RealBrowserGymEngine {
  return new RealBrowserGymEngine(options);
}
