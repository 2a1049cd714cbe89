import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../../core/errors.js';
import type { WorldSpecInput } from '../../../core/world-spec.js';
import { createEnv } from '../../../session/create-env.js';
import { findChromium } from './chromium.js';
import { RealWebEngine } from './real-web-engine.js';
import { webSiteOf } from './web-site.js';

const chromium = findChromium();
// CI installs Chromium (.ci/run), so there a missing browser is a failure; elsewhere the tests say why they skip.
const skip = chromium === undefined && process.env.CI !== 'true' ? 'chromium is not installed' : false;

const ORIGIN = 'http://127.0.0.1:8765';
const PAGES = {
  '/': '<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1><a href="/cart.html">Cart</a></body></html>',
  '/cart.html':
    '<!doctype html><html><head><title>Cart</title></head><body><h1>Your cart is empty</h1><input aria-label="Coupon"></body></html>',
};

function spec(dialect: 'browsergym' | 'playwright-mcp'): WorldSpecInput {
  return {
    domain: 'web',
    dialect,
    task: 'Look at the cart.',
    initialState: { data: { startUrl: `${ORIGIN}/`, pages: PAGES } },
  };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a process runs (a zombie waiting for its parent does not). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** A loopback server of the test (the engine forwards loopback requests that are not the spec's pages). */
let local: Server;
let localOrigin = '';
before(async () => {
  local = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html><head><title>Local</title></head><body><h1>Served on loopback</h1></body></html>',
    );
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  const address = local.address();
  localOrigin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
after(() => new Promise<void>((resolve) => local.close(() => resolve())));

describe('webSiteOf', () => {
  it('reads the start URL and the pages, by path or by absolute URL', () => {
    const site = webSiteOf(
      createEnvSpec({
        startUrl: `${ORIGIN}/`,
        pages: { '/': '<p>home</p>', 'http://shop.test/x': { body: '{}', contentType: 'application/json' } },
      }),
    );
    assert.equal(site.startUrl, `${ORIGIN}/`);
    assert.deepEqual([...site.origins].sort(), [ORIGIN, 'http://shop.test']);
    assert.equal(site.pages.get('http://shop.test/x')?.contentType, 'application/json');
    assert.equal(site.pages.get(`${ORIGIN}/`)?.status, 200);
  });

  it('refuses pages it cannot serve', () => {
    for (const data of [
      { pages: { '/': 'x' } },
      { startUrl: `${ORIGIN}/`, pages: { 'https://shop.test/': 'x' } },
      { startUrl: `${ORIGIN}/`, pages: { '/': 42 } },
      { startUrl: 7 },
    ]) {
      assert.throws(
        () => webSiteOf(createEnvSpec(data)),
        (error: unknown) => isAgentWorldError(error, 'INVALID_SPEC'),
      );
    }
  });
});

function createEnvSpec(data: Record<string, unknown>) {
  return {
    domain: 'web',
    initialState: { data },
  } as unknown as Parameters<typeof webSiteOf>[0];
}

const slowMachine = { browsergym: { actionTimeoutMs: 30_000 } };

describe('real web engine: browsergym in Chromium', { skip, timeout: 600_000 }, () => {
  it('serves the spec pages, reaches loopback, and an outside host fails as an observation', async () => {
    const engine = new RealWebEngine(slowMachine);
    try {
      const env = await createEnv(spec('browsergym'), { engine });
      await env.reset({ seed: 1 });
      const first = await env.step('noop(0)');
      assert.match(first.observation, /^URL: http:\/\/127\.0\.0\.1:8765\/\nTitle: Shop\n/);
      assert.match(first.observation, /\[\d+\] link 'Cart', url='http:\/\/127\.0\.0\.1:8765\/cart\.html'/);
      const missing = await env.step(`goto("${ORIGIN}/nowhere.html")`);
      assert.match(missing.observation, /Title: Not found/);
      const loopback = await env.step(`goto("${localOrigin}/")`);
      assert.match(loopback.observation, /heading 'Served on loopback'/);
      const outside = await env.step('goto("http://example.com/")');
      assert.match(
        outside.observation,
        /^Last action error: page\.goto: net::ERR_[A-Z_]+ at http:\/\/example\.com\//,
      );
      const secure = await env.step('goto("https://example.com/")');
      assert.match(
        secure.observation,
        /^Last action error: page\.goto: net::ERR_[A-Z_]+ at https:\/\/example\.com\//,
      );
      const refused = engine.browsergym.refusedHostsOf(env.id);
      assert.ok(refused.includes('example.com'), refused.join(', '));
      assert.ok(refused.includes('example.com:443'), refused.join(', '));
    } finally {
      await engine.close();
    }
  });

  it('sessions stepped at once each get their own context and their own spec pages at the same origin', async () => {
    const engine = new RealWebEngine(slowMachine);
    try {
      const other: WorldSpecInput = {
        ...spec('browsergym'),
        initialState: {
          data: {
            startUrl: `${ORIGIN}/`,
            pages: {
              '/': '<!doctype html><html><head><title>Bakery</title></head><body><h1>Bread</h1></body></html>',
            },
          },
        },
      };
      const [shop, bakery] = await Promise.all([
        createEnv(spec('browsergym'), { engine }),
        createEnv(other, { engine }),
      ]);
      await Promise.all([shop.reset({ seed: 1 }), bakery.reset({ seed: 1 })]);
      const [one, two] = await Promise.all([shop.step('noop(0)'), bakery.step('noop(0)')]);
      assert.match(one.observation, /Title: Shop/);
      assert.match(two.observation, /Title: Bakery/);
      assert.equal(engine.browsergym.openSessions, 2);
      assert.equal(new Set(await engine.browsergym.browserProcesses()).size > 0, true);
    } finally {
      await engine.close();
    }
  });

  it('a Chromium killed mid-session is ENGINE_UNAVAILABLE, the turns are kept, and the next step replays them', async () => {
    const engine = new RealWebEngine(slowMachine);
    try {
      const env = await createEnv(spec('browsergym'), { engine });
      await env.reset({ seed: 1 });
      const cart = await env.step('noop(0)');
      const bid = /\[(\d+)\] link 'Cart'/.exec(cart.observation)?.[1];
      assert.ok(bid !== undefined);
      const opened = await env.step(`click("${bid}")`);
      assert.match(opened.observation, /Your cart is empty/);
      const processes = await engine.browsergym.browserProcesses();
      assert.ok(processes.length > 0, 'the browser runs');
      for (const pid of processes) process.kill(pid, 'SIGKILL');
      await waitFor(() => processes.every((pid) => !isAlive(pid)), 'the browser to end');
      const before = JSON.stringify(env.toRecord());
      await assert.rejects(env.step('noop(0)'), (error: unknown) =>
        isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
      );
      assert.equal(JSON.stringify(env.toRecord()), before, 'a failed step leaves the session as it was');
      const again = await env.step('noop(0)');
      assert.equal(again.info.turn.index, 3);
      assert.equal(again.observation, opened.observation, 'a fresh browser replayed the history');
    } finally {
      await engine.close();
    }
  });

  it('a released session frees its context; close ends the browser and removes its HOME', async () => {
    const engine = new RealWebEngine(slowMachine);
    const env = await createEnv(spec('browsergym'), { engine });
    await env.reset({ seed: 1 });
    await env.step('noop(0)');
    assert.equal(engine.browsergym.openSessions, 1);
    const processes = await engine.browsergym.browserProcesses();
    const home = await engine.browsergym.browserHome();
    assert.ok(processes.length > 0);
    assert.ok(home !== undefined && existsSync(home));
    await env.close();
    assert.equal(engine.browsergym.openSessions, 0);
    await engine.close();
    assert.equal(existsSync(home), false);
    await waitFor(() => processes.every((pid) => !isAlive(pid)), 'the browser to end');
  });
});

describe('real web engine: the real @playwright/mcp server', { skip, timeout: 600_000 }, () => {
  it('serves the spec pages, keeps the whole result, and an outside host fails as an observation', async () => {
    const engine = new RealWebEngine();
    try {
      const env = await createEnv(spec('playwright-mcp'), { engine });
      await env.reset({ seed: 1 });
      const first = await env.step({ name: 'browser_snapshot', arguments: {} });
      assert.match(first.observation, /- Page URL: http:\/\/127\.0\.0\.1:8765\/\n- Page Title: Shop\n/);
      assert.match(first.observation, /link "Cart" \[ref=e\d+\]/);
      assert.deepEqual(
        (env.turns[0]?.rawResult as { content: Array<{ text: string }> } | undefined)?.content
          .map((part) => part.text)
          .join('\n'),
        first.observation,
      );
      const loopback = await env.step({ name: 'browser_navigate', arguments: { url: `${localOrigin}/` } });
      assert.match(loopback.observation, /Page Title: Local/);
      const outside = await env.step({ name: 'browser_navigate', arguments: { url: 'http://example.com/' } });
      assert.match(outside.observation, /### Error\n.*net::ERR_[A-Z_]+ at http:\/\/example\.com\//);
      assert.equal((env.turns[2]?.rawResult as { isError?: boolean } | undefined)?.isError, true);
      assert.ok(engine.playwrightMcp.refusedHostsOf(env.id).includes('example.com'));
    } finally {
      await engine.close();
    }
  });

  it('a Chromium or server killed mid-session is ENGINE_UNAVAILABLE; the next step starts afresh', async () => {
    const engine = new RealWebEngine();
    try {
      const env = await createEnv(spec('playwright-mcp'), { engine });
      await env.reset({ seed: 1 });
      const first = await env.step({ name: 'browser_snapshot', arguments: {} });
      const processes = engine.playwrightMcp.processesOf(env.id);
      const browser = engine.playwrightMcp.browserOf(env.id);
      assert.ok(browser !== undefined, 'the server runs a browser');
      process.kill(browser, 'SIGKILL');
      await waitFor(
        () => !isAlive(browser) || !engine.playwrightMcp.processesOf(env.id).includes(browser),
        'Chromium to end',
      );
      const before = JSON.stringify(env.toRecord());
      await assert.rejects(env.step({ name: 'browser_snapshot', arguments: {} }), (error: unknown) =>
        isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
      );
      assert.equal(JSON.stringify(env.toRecord()), before);
      await waitFor(() => processes.every((pid) => !isAlive(pid)), 'the dropped server to end');
      const again = await env.step({ name: 'browser_snapshot', arguments: {} });
      assert.equal(again.observation, first.observation, 'a fresh server replayed the history');

      const server = engine.playwrightMcp.serverOf(env.id);
      const survivors = engine.playwrightMcp.processesOf(env.id);
      assert.ok(server !== undefined);
      process.kill(server, 'SIGKILL');
      await assert.rejects(env.step({ name: 'browser_snapshot', arguments: {} }), (error: unknown) =>
        isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
      );
      // The browser of a killed server does not outlive it.
      await waitFor(() => survivors.every((pid) => !isAlive(pid)), "the killed server's browser to end");
      assert.equal(env.turns.length, 2);
      assert.equal((await env.step({ name: 'browser_snapshot', arguments: {} })).info.turn.index, 3);
    } finally {
      await engine.close();
    }
  });

  it('a released session ends its server and browser and removes its temporary directory', async () => {
    const engine = new RealWebEngine();
    try {
      const env = await createEnv(spec('playwright-mcp'), { engine });
      await env.reset({ seed: 1 });
      await env.step({ name: 'browser_snapshot', arguments: {} });
      const processes = engine.playwrightMcp.processesOf(env.id);
      const home = engine.playwrightMcp.homeOf(env.id);
      assert.ok(processes.length >= 2, 'a server and its browser');
      assert.ok(home !== undefined && existsSync(home));
      await env.close();
      assert.equal(engine.playwrightMcp.openSessions, 0);
      assert.equal(existsSync(home), false);
      await waitFor(() => processes.every((pid) => !isAlive(pid)), 'the server and browser to end');
    } finally {
      await engine.close();
    }
  });
});

describe('real web engine: an action naming an element the page lacks', { skip, timeout: 600_000 }, () => {
  it('browsergym: runs it, and reports BrowserGym’s get_elem_by_bid error over the unchanged page', async () => {
    const engine = new RealWebEngine(slowMachine);
    try {
      const env = await createEnv(spec('browsergym'), { engine });
      await env.reset({ seed: 1 });
      const page = await env.step('noop(0)');
      const started = Date.now();
      const missing = await env.step('click("999")');
      // BrowserGym 9e779f08 action/utils.py: the bid is looked up first; no click waits for its timeout.
      assert.ok(Date.now() - started < 30_000);
      assert.equal(
        missing.observation,
        `Last action error: ValueError: Could not find element with bid "999"\n${page.observation}`,
      );
      assert.equal(missing.info.turn.checks.find((check) => check.id === 'ref-exists')?.status, 'pass');
      // A function BrowserGym lacks: nothing runs (highlevel.py to_python_code's NameError).
      const unknown = await env.step('tap("999")');
      assert.equal(
        unknown.observation,
        `Last action error: NameError: Invalid action type 'tap'.\n${page.observation}`,
      );
      assert.equal(unknown.info.turn.checks.find((check) => check.id === 'harness-refusal')?.status, 'pass');
    } finally {
      await engine.close();
    }
  });

  it('playwright-mcp: the real server’s error result, as is', async () => {
    const engine = new RealWebEngine();
    try {
      const env = await createEnv(spec('playwright-mcp'), { engine });
      await env.reset({ seed: 1 });
      await env.step({ name: 'browser_snapshot', arguments: {} });
      const missing = await env.step({
        name: 'browser_click',
        arguments: { element: 'Gone', target: 'e999' },
      });
      assert.equal(
        missing.observation,
        '### Error\nError: Ref e999 not found in the current page snapshot. Try capturing new snapshot.',
      );
      assert.equal(missing.info.turn.checks.find((check) => check.id === 'ref-exists')?.status, 'pass');
      // Calls the server refuses before any tool runs are its error results too (captured in fixtures.json).
      const noTarget = await env.step({ name: 'browser_click', arguments: { element: 'Heading' } });
      assert.equal(
        noTarget.observation,
        '### Error\nInvalid arguments for tool "browser_click":\n✖ Invalid input: expected string, received undefined\n  → at target',
      );
      assert.equal(noTarget.info.turn.checks.find((check) => check.id === 'harness-refusal')?.status, 'pass');
      const unknown = await env.step({ name: 'browser_nope', arguments: {} });
      assert.equal(unknown.observation, '### Error\nTool "browser_nope" not found');
      assert.ok(unknown.info.turn.checks.every((check) => check.status !== 'fail'));
    } finally {
      await engine.close();
    }
  });
});
