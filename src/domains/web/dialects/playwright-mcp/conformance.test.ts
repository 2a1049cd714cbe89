/**
 * Conformance of the playwright-mcp dialect with the real `@playwright/mcp` server, against what
 * scripts/capture-web/playwright-mcp.ts captured from it: its tools/list, and its results on the library site.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseWebAction } from '../../actions.js';
import { checkWebObservation } from '../../checks.js';
import { applyWebTurn, createWebLedger } from '../../ledger.js';
import { parseWebPage } from '../../page-format.js';
import { parsePlaywrightMcpAction } from './actions.js';
import { playwrightErrorText, playwrightRefNotFoundError } from './errors.js';
import results from './fixtures.json' with { type: 'json' };
import { isPlaywrightErrorResult } from './parse.js';
import { renderPlaywrightResult, splitPlaywrightResult } from './render.js';
import { playwrightServerRefusal } from './server-refusal.js';
import { PLAYWRIGHT_MCP_VERSION, PLAYWRIGHT_TOOLS } from './tools.js';
import tools from './tools.json' with { type: 'json' };

const spec = WorldSpecSchema.parse({ domain: 'web', dialect: 'playwright-mcp' });

/** A result in which the real server refused the call itself (unknown tool, arguments against the schema). */
function refusedByServer(text: string): boolean {
  return /^### Error\n(?:Invalid arguments for tool "|Tool "[^"]+" not found$)/.test(text);
}

describe('playwright-mcp conformance with the real @playwright/mcp server', () => {
  it('lists the real server’s tools, unchanged, with no `ref` argument anywhere', () => {
    assert.equal(PLAYWRIGHT_MCP_VERSION, '0.0.86');
    assert.equal(results.version, PLAYWRIGHT_MCP_VERSION);
    assert.equal(PLAYWRIGHT_TOOLS.length, 25);
    assert.deepEqual(PLAYWRIGHT_TOOLS, tools.tools);
    for (const tool of PLAYWRIGHT_TOOLS) {
      assert.ok(tool.annotations !== undefined, `${tool.name} has annotations`);
      assert.doesNotMatch(JSON.stringify(tool.inputSchema), /"ref"/, tool.name);
    }
  });

  it('renders every captured result back byte for byte from its sections', () => {
    for (const result of results.results) {
      const sections = splitPlaywrightResult(result.text);
      assert.ok(sections !== undefined, result.text);
      assert.equal(renderPlaywrightResult(sections), result.text);
    }
  });

  it('accepts every captured call, and answers those the server refuses with its exact error', () => {
    // The real server answers an unknown tool and arguments against the schema with an isError result, not a
    // protocol error (captured; playwright-core coreBundle.js `formatError`, zod `prettifyError`).
    for (const result of results.results) {
      const action = parseWebAction({ name: result.name, arguments: result.arguments }, spec);
      const refusal = playwrightServerRefusal(parsePlaywrightMcpAction(action));
      if (refusedByServer(result.text)) {
        assert.equal(`### Error\n${refusal}`, result.text, JSON.stringify(action));
      } else {
        assert.equal(refusal, undefined, JSON.stringify(action));
      }
    }
  });

  it('parses every captured result, and every one passes the domain’s checks in call order', () => {
    let ledger = createWebLedger(spec);
    for (const [index, result] of results.results.entries()) {
      const label = `${index}: ${result.name} ${JSON.stringify(result.arguments)}`;
      const page = parseWebPage(result.text, 'playwright-mcp');
      assert.deepEqual(page.unparsedLines, [], label);
      assert.equal(isPlaywrightErrorResult(result.text), result.isError, label);
      const action = parseWebAction({ name: result.name, arguments: result.arguments }, spec);
      const checks = checkWebObservation({
        spec,
        turnIndex: index + 1,
        action,
        ledger,
        observation: result.text,
      });
      assert.deepEqual(
        checks.filter((check) => check.status === 'fail'),
        [],
        label,
      );
      ledger = applyWebTurn(ledger, action, result.text, spec);
    }
  });

  it('accepts a call naming a ref the page lacks; the real server’s error is what ref-exists wants', () => {
    // Captured: `browser_click` with `e7` (the home page's link) right after the contact page's snapshot.
    const index = results.results.findIndex(
      (result) => result.name === 'browser_click' && result.arguments.target === 'e7' && result.isError,
    );
    const stale = results.results[index];
    assert.ok(stale !== undefined);
    assert.equal(stale.text, `### Error\n${playwrightRefNotFoundError('e7')}`);
    assert.equal(playwrightErrorText(stale.text), playwrightRefNotFoundError('e7'));
    const contact = results.results[index - 1];
    assert.equal(contact?.name, 'browser_snapshot');
    const action = parseWebAction({ name: stale.name, arguments: stale.arguments }, spec);
    let ledger = createWebLedger(spec);
    ledger = applyWebTurn(ledger, action, contact?.text ?? '', spec);
    const check = (observation: string) =>
      checkWebObservation({ spec, turnIndex: 2, action, ledger, observation }).find(
        (result) => result.id === 'ref-exists',
      )?.status;
    assert.equal(check(stale.text), 'pass');
    // A predicted page, or another error, is not what the server answers.
    assert.equal(check(contact?.text ?? ''), 'fail');
    assert.equal(check('### Error\nError: Element not found'), 'fail');
    // The result carries no page: the known page stays the contact page.
    assert.equal(applyWebTurn(ledger, action, stale.text, spec).page, contact?.text);
  });

  it('a ref that is not a string is the server’s schema error; harness-refusal holds a prediction to it', () => {
    const typed = results.results.find((result) => result.name === 'browser_hover');
    assert.ok(typed !== undefined && refusedByServer(typed.text));
    const action = parseWebAction({ name: typed.name, arguments: typed.arguments }, spec);
    const check = (observation: string) =>
      checkWebObservation({ spec, turnIndex: 1, action, ledger: createWebLedger(spec), observation }).find(
        (result) => result.id === 'harness-refusal',
      )?.status;
    assert.equal(check(typed.text), 'pass');
    assert.equal(
      check('### Error\nError: Ref 2 not found in the current page snapshot. Try capturing new snapshot.'),
      'fail',
    );
    const fine = parseWebAction(
      { name: 'browser_hover', arguments: { element: 'Heading', target: 'e2' } },
      spec,
    );
    assert.equal(playwrightServerRefusal(parsePlaywrightMcpAction(fine)), undefined);
    // Keys the schema does not name are dropped by the server (the captured `ref` call fails on `target` only).
    assert.equal(
      playwrightServerRefusal({
        name: 'browser_hover',
        arguments: { element: 'Heading', target: 'e2', ref: 'e2' },
      }),
      undefined,
    );
  });

  it('reads URL, title, tabs and the snapshot as the real results give them', () => {
    const byCall = (name: string, args: Record<string, unknown>) =>
      results.results.filter(
        (result) => result.name === name && JSON.stringify(result.arguments) === JSON.stringify(args),
      );
    const [firstSnapshot] = byCall('browser_snapshot', {});
    const home = parseWebPage(firstSnapshot?.text ?? '', 'playwright-mcp');
    assert.equal(home.url, 'http://127.0.0.1:8765/');
    assert.equal(home.title, 'Corner Library');
    assert.ok(home.hasSnapshot);
    assert.equal(home.nodes.find((node) => node.name === 'New books')?.id, 'e7');
    const [opened] = byCall('browser_tabs', { action: 'new', url: 'http://127.0.0.1:8765/books.html' });
    const tabs = parseWebPage(opened?.text ?? '', 'playwright-mcp');
    assert.deepEqual(
      tabs.tabs.map((tab) => [tab.index, tab.title, tab.active]),
      [
        [0, 'Message sent', false],
        [1, 'New books', true],
      ],
    );
    assert.match(tabs.snapshotFile ?? '', /^\.playwright-mcp\/page-.+\.yml$/);
    const [typed] = byCall('browser_type', {
      element: 'Your name field',
      target: 'f3e6',
      text: 'Grace',
    });
    const typedPage = parseWebPage(typed?.text ?? '', 'playwright-mcp');
    assert.equal(typedPage.url, undefined);
    assert.equal(typedPage.hasSnapshot, false);
  });
});
