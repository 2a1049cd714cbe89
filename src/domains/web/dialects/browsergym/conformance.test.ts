/**
 * Conformance of the browsergym dialect with BrowserGym's own rules (ServiceNow/BrowserGym 9e779f08), against
 * the pages scripts/capture-web/browsergym.ts captured from Chromium: the CDP tree with the bids BrowserGym's
 * marking put there, and the text its flattening gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseWebAction } from '../../actions.js';
import { checkWebObservation } from '../../checks.js';
import { createWebLedger } from '../../ledger.js';
import { nodeById } from '../../page.js';
import {
  browserGymBidNotFoundError,
  browserGymLastActionError,
  browserGymUnknownActionError,
} from './errors.js';
import captured from './fixtures.json' with { type: 'json' };
import { type CdpAxNode, flattenBrowserGymAxTree } from './flatten.js';
import { parseAxTree } from './parse.js';
import { presentBrowserGymObservation } from './presentation.js';
import { renderAxTree } from './render.js';

const pages = captured.pages as unknown as Array<{
  label: string;
  url: string;
  nodes: CdpAxNode[];
  text: string;
}>;

function pageOf(label: string) {
  const page = pages.find((candidate) => candidate.label === label);
  assert.ok(page !== undefined, label);
  return page;
}

describe('browsergym conformance with BrowserGym’s marking and flattening', () => {
  it('names the BrowserGym sources and commit', () => {
    assert.equal(captured.source.repository, 'ServiceNow/BrowserGym');
    assert.match(captured.source.commit, /^9e779f08/);
  });

  it('flattens each captured tree to the captured text', () => {
    for (const page of pages) assert.equal(flattenBrowserGymAxTree(page.nodes), page.text, page.label);
  });

  it('writes the contact page as BrowserGym does: TABs, no bid on the root, reprs, value=, absolute URLs', () => {
    const lines = pageOf('contact').text.split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      "RootWebArea 'Contact the librarian', focused, url='http://127.0.0.1:8765/contact.html'",
      "\t[6] heading 'Contact the librarian'",
      "\t\tInlineTextBox 'Contact the librarian'",
      "\t[7] form ''",
      "\t\t[8] paragraph ''",
      "\t\t\t[9] LabelText ''",
      "\t\t\t\tStaticText 'Your name'",
      "\t\t\t\t\tInlineTextBox 'Your name'",
      "\t\t\t\t[10] textbox 'Your name', required",
    ]);
    const filled = pageOf('contact, filled').text;
    assert.ok(filled.includes("\t\t\t\t[10] textbox 'Your name' value='Ada Lovelace', required"));
    assert.ok(filled.includes("[13] combobox 'Topic' value='Book request', hasPopup='menu', expanded=False"));
    assert.ok(filled.includes("[15] option 'Book request', selected=True"));
    assert.ok(filled.includes("[19] checkbox 'Send me a copy', focused, checked='true'"));
    assert.ok(pageOf('home').text.includes("[11] link 'New books', url='http://127.0.0.1:8765/books.html'"));
  });

  it('parses every captured page and renders it back byte for byte', () => {
    for (const page of pages) {
      const parsed = parseAxTree(page.text);
      assert.deepEqual(parsed.unparsedLines, [], page.label);
      assert.equal(parsed.nodes.length, page.text.split('\n').length, page.label);
      assert.equal(renderAxTree({ tabs: [], nodes: parsed.nodes }), page.text, page.label);
    }
  });

  it('reads `value=` lines, so ref-exists accepts select_option on the real combobox', () => {
    const text = `URL: ${pageOf('contact, filled').url}\nTitle: Contact the librarian\n\n${pageOf('contact, filled').text}`;
    const parsed = parseAxTree(text);
    assert.equal(nodeById(parsed, '10')?.attributes.value, 'Ada Lovelace');
    assert.equal(nodeById(parsed, '13')?.role, 'combobox');
    const spec = WorldSpecSchema.parse({ domain: 'web', initialState: { text } });
    const action = parseWebAction('select_option("13", "Book request")', spec);
    const checks = checkWebObservation({
      spec,
      turnIndex: 1,
      action,
      ledger: createWebLedger(spec),
      observation: text,
    });
    assert.equal(checks.find((check) => check.id === 'ref-exists')?.status, 'pass');
    assert.deepEqual(
      checks.filter((check) => check.status === 'fail'),
      [],
    );
  });

  it('accepts an action naming a bid the page lacks; the observation is BrowserGym’s last_action_error', () => {
    // BrowserGym 9e779f08: env.py `step` runs the action in a try and stores `f"{type(e).__name__}: {e}"` as
    // last_action_error; every element primitive of action/functions.py first calls action/utils.py
    // `get_elem_by_bid`, which raises ValueError(f'Could not find element with bid "{bid}"').
    assert.equal(browserGymBidNotFoundError('999'), 'ValueError: Could not find element with bid "999"');
    const home = `URL: ${pageOf('home').url}\nTitle: Corner Library\n\n${pageOf('home').text}`;
    const spec = WorldSpecSchema.parse({ domain: 'web', initialState: { text: home } });
    for (const code of ['click("999")', 'fill("999", "x")', 'select_option("999", "a")', 'hover("a999")']) {
      const action = parseWebAction(code, spec);
      const bid = /"([^"]+)"/.exec(code)?.[1] ?? '';
      const check = (observation: string) =>
        checkWebObservation({ spec, turnIndex: 1, action, ledger: createWebLedger(spec), observation }).find(
          (result) => result.id === 'ref-exists',
        )?.status;
      const reported = `Last action error: ${browserGymBidNotFoundError(bid)}\n${home}`;
      assert.equal(browserGymLastActionError(reported), browserGymBidNotFoundError(bid));
      assert.equal(parseAxTree(reported).unparsedLines.length, 0);
      assert.equal(check(reported), 'pass', code);
      assert.equal(check(home), 'fail', code);
    }
  });

  it('accepts code calling a function BrowserGym lacks; the observation is its NameError over the same page', () => {
    // BrowserGym 9e779f08 core/action/highlevel.py `to_python_code` (run inside env.py `step`'s try): every call
    // is turned into Python before any runs, and a name outside the action set raises
    // NameError(f"Invalid action type '{function_name}'.").
    const home = `URL: ${pageOf('home').url}\nTitle: Corner Library\n\n${pageOf('home').text}`;
    const spec = WorldSpecSchema.parse({ domain: 'web', initialState: { text: home } });
    const action = parseWebAction('click("11")\ntype_text("11", "x")', spec);
    assert.ok('calls' in action);
    assert.deepEqual(action.calls, []);
    assert.equal(action.error, browserGymUnknownActionError('type_text'));
    assert.equal(action.error, "NameError: Invalid action type 'type_text'.");
    const check = (observation: string) =>
      checkWebObservation({ spec, turnIndex: 1, action, ledger: createWebLedger(spec), observation }).find(
        (result) => result.id === 'harness-refusal',
      )?.status;
    assert.equal(check(`Last action error: ${action.error}\n${home}`), 'pass');
    assert.equal(check(home), 'fail');
    const books = `URL: ${pageOf('home').url}\nTitle: New books\n\n${pageOf('home').text.replace("'New books'", "'Old books'")}`;
    assert.equal(check(`Last action error: ${action.error}\n${books}`), 'fail');
  });

  it('presents an observation as the demo agent shows it (# Currently open tabs, tree, error)', () => {
    // BrowserGym 9e779f08 demo_agent/agent.py get_action: the text parts, joined by "\n" (full_prompt_txt).
    const home = pageOf('home');
    const observation = `Last action error: ${browserGymBidNotFoundError('99')}\nURL: ${home.url}\nTitle: Corner Library\n\n${home.text}`;
    assert.equal(
      presentBrowserGymObservation(observation),
      [
        '# Currently open tabs\n',
        `Tab 0 (active tab)\n  Title: Corner Library\n  URL: ${home.url}\n`,
        `# Current page Accessibility Tree\n\n${home.text}\n\n`,
        '# Error message from last action\n\nValueError: Could not find element with bid "99"\n\n',
      ].join('\n'),
    );
    assert.ok(
      !presentBrowserGymObservation(`URL: ${home.url}\nTitle: Corner Library\n\n${home.text}`).includes(
        '# Error',
      ),
    );
  });
});
