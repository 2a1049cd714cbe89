import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAxTree, renderAxTree } from './dialects/browsergym/index.js';
import { parseAriaSnapshot } from './dialects/playwright-mcp/index.js';
import { FORM_ARIA, HOME_ARIA, SHOP_HOME_AXTREE, SHOP_SEARCH_FILLED_AXTREE } from './fixtures.test-data.js';
import { idsOf } from './page.js';
import { diffWebPages } from './page-diff.js';

describe('accessibility tree text', () => {
  it('parses the header and one typed node per line', () => {
    const page = parseAxTree(SHOP_HOME_AXTREE);
    assert.equal(page.url, 'http://shop.example.com/');
    assert.equal(page.title, 'Shop');
    assert.deepEqual(idsOf(page), ['1', '12', '145', '152', '160']);
    assert.deepEqual(page.nodes[4], {
      id: '160',
      role: 'link',
      name: 'Cart (2)',
      attributes: { url: 'http://shop.example.com/cart' },
      depth: 1,
      line: 8,
    });
    assert.deepEqual(page.nodes[5]?.role, 'StaticText');
    assert.equal(page.nodes[5]?.id, undefined);
    assert.deepEqual(page.nodes[0]?.attributes, { focused: true });
    assert.deepEqual(page.unparsedLines, []);
    // Rendered back in BrowserGym's form: one TAB per level.
    assert.equal(renderAxTree(page), SHOP_HOME_AXTREE.replaceAll('\n  ', '\n\t'));
  });

  it('reads tab lines, tab indentation and BrowserGym-style roots without a bid', () => {
    const page = parseAxTree(
      "Tab 0: Docs\nTab 1 (active tab): Mail\nURL: https://mail.example.com/\n\nRootWebArea 'Mail', focused\n\t[a3] button 'Compose'\n\t\t[a4] StaticText 'New'",
    );
    assert.equal(page.tabs.length, 2);
    assert.equal(page.tabs[1]?.active, true);
    assert.equal(page.title, 'Mail');
    assert.equal(page.nodes[2]?.depth, 2);
  });
});

describe('ARIA snapshot results', () => {
  it('parses URL, title, refs, properties and inline text', () => {
    const page = parseAriaSnapshot(HOME_ARIA);
    assert.equal(page.url, 'http://127.0.0.1:8080/');
    assert.equal(page.title, 'Home');
    assert.deepEqual(idsOf(page), ['e1', 'e2', 'e3', 'e4']);
    assert.deepEqual(page.nodes[2], {
      id: 'e3',
      role: 'link',
      name: 'Contact form',
      attributes: { cursor: 'pointer', url: '/form.html' },
      depth: 1,
      line: 8,
    });
    assert.equal(page.nodes[1]?.attributes.level, '1');
    assert.equal(page.nodes[3]?.attributes.text, 'Pick a page.');
    assert.deepEqual(page.unparsedLines, []);
  });

  it('reads a bare snapshot, quoted YAML keys and tab lists', () => {
    const page = parseAriaSnapshot(
      `- 'button "a: b" [ref=e7]'\n- text: hello\n### Open tabs\n- 0: (current) [Home](http://h/)\n- 1: [Other](http://o/)`,
    );
    assert.equal(page.nodes[0]?.name, 'a: b');
    assert.equal(page.nodes[0]?.id, 'e7');
    assert.equal(page.nodes[1]?.role, 'text');
    assert.equal(page.tabs.length, 2);
    assert.equal(page.tabs[0]?.active, true);
  });
});

describe('page diff', () => {
  it('finds the one changed node of a local edit', () => {
    const diff = diffWebPages(parseAxTree(SHOP_HOME_AXTREE), parseAxTree(SHOP_SEARCH_FILLED_AXTREE));
    assert.equal(diff.identical, false);
    assert.equal(diff.urlChanged, false);
    assert.deepEqual(diff.added, []);
    assert.equal(diff.changed.length, 1);
    assert.deepEqual(diff.changed[0]?.fields, ['attributes.focused', 'attributes.value']);
  });

  it('sees a navigation and an identical page', () => {
    const diff = diffWebPages(parseAriaSnapshot(HOME_ARIA), parseAriaSnapshot(FORM_ARIA));
    assert.equal(diff.urlChanged, true);
    assert.deepEqual(
      diff.added.map((node) => node.id),
      ['e5', 'e6'],
    );
    assert.equal(diffWebPages(parseAriaSnapshot(HOME_ARIA), parseAriaSnapshot(HOME_ARIA)).identical, true);
  });
});
