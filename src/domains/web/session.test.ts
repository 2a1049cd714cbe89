import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { createEnv } from '../../session/create-env.js';
import {
  FORM_ARIA,
  HOME_ARIA,
  SHOP_CART_AXTREE,
  SHOP_HOME_AXTREE,
  SHOP_SEARCH_FILLED_AXTREE,
} from './fixtures.test-data.js';

/** An engine that answers from a fixed list of pages and keeps the messages it was sent. */
function cannedEngine(pages: string[]): Engine & { readonly calls: ChatMessage[][] } {
  const calls: ChatMessage[][] = [];
  return {
    id: 'canned',
    calls,
    identity: () => ({ engine: 'canned' }),
    async predict(request: PredictRequest) {
      calls.push([...request.messages]);
      const observation = pages[request.turnIndex - 1];
      if (observation === undefined) throw new Error(`no canned page for turn ${request.turnIndex}`);
      return {
        observation,
        provenance: { source: 'simulated', engine: 'canned', promptHash: request.promptHash },
        events: [],
      };
    },
    async close() {},
  };
}

describe('web domain in a real Session', () => {
  it('browsergym: each turn carries the page it acts on; the action is python-fenced', async () => {
    const notFound = `Last action error: ValueError: Could not find element with bid "145"\n${SHOP_CART_AXTREE}`;
    const engine = cannedEngine([SHOP_SEARCH_FILLED_AXTREE, SHOP_CART_AXTREE, notFound]);
    const env = await createEnv({ domain: 'web', initialState: { text: SHOP_HOME_AXTREE } }, { engine });
    const reset = await env.reset({ seed: 1 });
    assert.equal(reset.info.dialect, 'browsergym');
    assert.equal(reset.observation, SHOP_HOME_AXTREE);

    const first = await env.step('fill("145", "headphones")');
    const turn1 = `### Turn 1\n**Current State:**\n${SHOP_HOME_AXTREE}\n\n**Action:**\n\`\`\`python\nfill("145", "headphones")\n\`\`\``;
    assert.equal(engine.calls[0]?.[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(
      first.info.turn.checks.every((check) => check.status !== 'fail'),
      JSON.stringify(first.info.turn.checks),
    );

    const second = await env.step({ code: 'click("160")' });
    const turn2 = `### Turn 2\n**Current State:**\n${SHOP_SEARCH_FILLED_AXTREE}\n\n**Action:**\n\`\`\`python\nclick("160")\n\`\`\``;
    const call = engine.calls[1] ?? [];
    assert.equal(call.length, 4);
    assert.equal(call[1]?.content, turn1);
    assert.equal(call[2]?.content, `**Environment Observation:**\n${SHOP_SEARCH_FILLED_AXTREE}`);
    assert.equal(call[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(second.info.turn.checks.every((check) => check.status !== 'fail'));
    assert.equal(second.info.ledger.url, 'http://shop.example.com/cart');
    assert.deepEqual(second.info.ledger.visited, [
      'http://shop.example.com/',
      'http://shop.example.com/cart',
    ]);

    // A bid the page lacks is not refused: BrowserGym runs it and reports the error over the unchanged page.
    const missing = await env.step('click("145")');
    assert.equal(env.turns.length, 3);
    assert.equal(missing.observation, notFound);
    assert.equal(missing.info.turn.checks.find((check) => check.id === 'ref-exists')?.status, 'pass');
    assert.ok(missing.info.turn.checks.every((check) => check.status !== 'fail'));
  });

  it('playwright-mcp: call strings in a plain fence, tool definitions in the system prompt', async () => {
    const notFound =
      '### Error\nError: Ref e3 not found in the current page snapshot. Try capturing new snapshot.';
    const engine = cannedEngine([
      FORM_ARIA,
      notFound,
      FORM_ARIA.replace('textbox "Name" [ref=e5]', 'textbox "Name" [ref=e5]: Ada'),
    ]);
    const env = await createEnv(
      { domain: 'web', dialect: 'playwright-mcp', initialState: { text: HOME_ARIA } },
      { engine },
    );
    await env.reset({ seed: 1 });
    await env.step({ name: 'browser_click', arguments: { element: 'Contact form link', target: 'e3' } });
    const turn1 = `### Turn 1\n**Current State:**\n${HOME_ARIA}\n\n**Action:**\n\`\`\`\nbrowser_click(element="Contact form link", target="e3")\n\`\`\``;
    assert.equal(engine.calls[0]?.[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    // A ref the page lacks is not refused: the real server answers it with its error, and the page stays known.
    const missing = await env.step('browser_click(element="Send", target="e3")');
    assert.equal(missing.observation, notFound);
    assert.equal(missing.info.turn.checks.find((check) => check.id === 'ref-exists')?.status, 'pass');
    const second = await env.step('browser_type(element="Name", target="e5", text="Ada")');
    const turn3 = `### Turn 3\n**Current State:**\n${FORM_ARIA}\n\n**Action:**\n\`\`\`\nbrowser_type(element="Name", target="e5", text="Ada")\n\`\`\``;
    assert.equal(engine.calls[2]?.[5]?.content, `${turn3}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(
      second.info.turn.checks.every((check) => check.status !== 'fail'),
      JSON.stringify(second.info.turn.checks),
    );
    assert.ok(env.systemPrompt.includes('"name": "browser_navigate"'));
    assert.ok(env.systemPrompt.includes('[ref=eN]'));
  });

  it('report_infeasible ends a browsergym episode', async () => {
    const engine = cannedEngine([SHOP_HOME_AXTREE]);
    const env = await createEnv({ domain: 'web', initialState: { text: SHOP_HOME_AXTREE } }, { engine });
    await env.reset({ seed: 1 });
    const done = await env.step('report_infeasible("The shop has no such product")');
    assert.equal(done.terminated, true);
    assert.equal(done.info.ledger.infeasible, 'The shop has no such product');
  });
});
