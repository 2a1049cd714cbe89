/**
 * Conformance of the playwright-mcp dialect with the real `@playwright/mcp` server, against what
 * scripts/capture-web/playwright-mcp.ts captured from it: its tools/list, and its results on the library site.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseWebAction } from '../../actions.js';
import { checkWebObservation } from '../../checks.js';
import { applyWebTurn, createWebLedger } from '../../ledger.js';
import { parseWebPage } from '../../page-format.js';
import results from './fixtures.json' with { type: 'json' };
import { isPlaywrightErrorResult } from './parse.js';
import { renderPlaywrightResult, splitPlaywrightResult } from './render.js';
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

  it('accepts the calls the real server accepts and refuses those it refuses', () => {
    for (const result of results.results) {
      const action = { name: result.name, arguments: result.arguments };
      if (refusedByServer(result.text)) {
        assert.throws(
          () => parseWebAction(action, spec),
          (error: unknown) => isAgentWorldError(error, 'INVALID_ACTION'),
          JSON.stringify(action),
        );
      } else {
        assert.doesNotThrow(() => parseWebAction(action, spec), JSON.stringify(action));
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
      if (result.isError) continue;
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
