import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { firstMissingWebId, isWebCompletion, parseWebAction, referencedIdsOf } from './actions.js';
import { parseAxTree } from './dialects/browsergym/index.js';
import { SHOP_HOME_AXTREE } from './fixtures.test-data.js';
import { renderWebAction } from './render.js';

const gym = WorldSpecSchema.parse({ domain: 'web' });
const mcp = WorldSpecSchema.parse({ domain: 'web', dialect: 'playwright-mcp' });

function expectInvalid(run: () => unknown, path: string, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isAgentWorldError(error, 'INVALID_ACTION'), String(error));
    assert.equal(error.details.path, path);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('browsergym actions', () => {
  it('parses several calls into typed calls with arguments named after the parameters', () => {
    const action = parseWebAction(
      '```python\nfill("145", "wireless headphones")\nclick(152, button="left")\n```',
      gym,
    );
    assert.ok('calls' in action);
    assert.deepEqual(action.calls, [
      { function: 'fill', arguments: { bid: '145', value: 'wireless headphones' } },
      { function: 'click', arguments: { bid: '152', button: 'left' } },
    ]);
    assert.equal(
      renderWebAction(action),
      '```python\nfill("145", "wireless headphones")\nclick(152, button="left")\n```',
    );
    assert.deepEqual(referencedIdsOf(action), ['145', '152']);
  });

  it('accepts { code } and recognises the ending primitives', () => {
    const action = parseWebAction({ code: "send_msg_to_user('It costs $12')" }, gym);
    assert.equal(isWebCompletion(action), true);
    assert.equal(isWebCompletion(parseWebAction('noop(500)', gym)), false);
  });

  it('accepts a function BrowserGym lacks: it runs nothing and reports a NameError', () => {
    assert.deepEqual(parseWebAction('click("12")\ntap("12")', gym), {
      code: 'click("12")\ntap("12")',
      calls: [],
      error: "NameError: Invalid action type 'tap'.",
    });
  });

  it('names the dialect and the bad part', () => {
    expectInvalid(() => parseWebAction('click("12"', gym), '$.code', /browsergym.*malformed Python/);
    expectInvalid(() => parseWebAction('fill("12")', gym), '$.code', /missing its "value"/);
    expectInvalid(() => parseWebAction('scroll("down", 3)', gym), '$.code', /delta_x must be a number/);
    expectInvalid(() => parseWebAction(42, gym), '$', /browsergym/);
  });

  it('refuses an action of the other dialect, naming the expected one', () => {
    expectInvalid(
      () => parseWebAction({ name: 'browser_click', arguments: { target: 'e3' } }, gym),
      '$',
      /browsergym expects|browsergym dialect expects/,
    );
    expectInvalid(
      () => parseWebAction('browser_navigate(url="http://x")', gym),
      '$.code',
      /playwright-mcp tool/,
    );
  });

  it('accepts a bid the page lacks (BrowserGym runs it and reports the error); later calls after a click are not judged', () => {
    const page = parseAxTree(SHOP_HOME_AXTREE);
    const missing = parseWebAction('click("999")', gym);
    assert.deepEqual(firstMissingWebId(missing, page), { id: '999', call: 0 });
    assert.deepEqual(firstMissingWebId(parseWebAction('fill("145", "x")\nclick("998")', gym), page), {
      id: '998',
      call: 1,
    });
    assert.equal(firstMissingWebId(parseWebAction('click("160")\nclick("210")', gym), page), undefined);
  });
});

describe('playwright-mcp actions', () => {
  it('parses objects, JSON text and call strings; `target` names the element', () => {
    const fromObject = parseWebAction(
      { name: 'browser_click', arguments: { element: 'Sign in', target: 'e12' } },
      mcp,
    );
    const fromText = parseWebAction(
      '{"name":"browser_click","arguments":{"element":"Sign in","target":"e12"}}',
      mcp,
    );
    const fromCall = parseWebAction('browser_click(element="Sign in", target="e12")', mcp);
    assert.deepEqual(fromObject, fromText);
    assert.deepEqual(fromCall, { name: 'browser_click', arguments: { element: 'Sign in', target: 'e12' } });
    assert.deepEqual(referencedIdsOf(fromCall), ['e12']);
    assert.equal(renderWebAction(fromObject), '```\nbrowser_click(element="Sign in", target="e12")\n```');
    const typed = parseWebAction(
      { name: 'browser_type', arguments: { target: 'e5', text: 'Ada', submit: true } },
      mcp,
    );
    assert.equal(renderWebAction(typed), '```\nbrowser_type(target="e5", text="Ada", submit=True)\n```');
  });

  it('accepts calls the real server answers with an error (unknown tool, arguments against the schema)', () => {
    for (const call of [
      { name: 'browser_fly', arguments: {} },
      { name: 'browser_click', arguments: { element: 'x' } },
      { name: 'browser_navigate', arguments: { url: 3 } },
      { name: 'browser_navigate', arguments: { href: 'x' } },
    ]) {
      assert.deepEqual(parseWebAction(call, mcp), call);
    }
  });

  it('names the dialect and the bad part of what is no tool call at all', () => {
    expectInvalid(() => parseWebAction('browser_click("e3")', mcp), '$.arguments', /by name/);
    expectInvalid(
      () => parseWebAction({ name: 'browser_click', arguments: [] }, mcp),
      '$.arguments',
      /object/,
    );
    expectInvalid(() => parseWebAction({ name: 7 }, mcp), '$.name', /tool name/);
  });

  it('refuses browsergym code, naming the expected dialect', () => {
    expectInvalid(
      () => parseWebAction('click("12")', mcp),
      '$.name',
      /browsergym primitive.*playwright-mcp dialect expects/,
    );
    expectInvalid(
      () => parseWebAction({ code: 'click("12")' }, mcp),
      '$.code',
      /playwright-mcp dialect expects/,
    );
  });
});
