/**
 * BrowserGym's element marking (ServiceNow/BrowserGym 9e779f08, `core/javascript/frame_mark_elements.js` and
 * `frame_unmark_elements.js`, called from `core/observation.py` _pre_extract/_post_extract), written here in our
 * own code from its rules, for the main frame: every element with a standard HTML tag, in document order
 * (shadow-root content right after its host), gets a `bid` attribute from a per-page counter 0, 1, 2 … (frames
 * would get letters; an element keeps the bid it has); its live `value` and `checked` are written to the DOM;
 * and `browsergym_id_<bid> ` is put in front of its `aria-roledescription` and `aria-description`, where the
 * CDP accessibility tree shows it. Unmarking takes those prefixes off again and keeps the bids.
 */
import type { Page } from 'playwright-core';
import { type CdpAxNode, extractBrowserGymBids } from '../../../domains/web/dialects/browsergym/index.js';

/** The HTML tags BrowserGym marks by default (`tags_to_mark="standard_html"`). */
const STANDARD_TAGS =
  'a abbr acronym address applet area article aside audio b base basefont bdi bdo big blockquote body br button ' +
  'canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed ' +
  'fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i ' +
  'iframe img input ins kbd label legend li link main map mark menu meta meter nav noframes noscript object ol ' +
  'optgroup option output p param picture pre progress q rp rt ruby s samp script search section select small ' +
  'source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title ' +
  'tr track tt u ul var video wbr';

/** Every element of the frame, shadow-root content right after its host (page-side helper, as source text). */
const ALL_ELEMENTS = `const all = [];
  const collect = (root) => {
    for (const element of root.querySelectorAll('*')) {
      all.push(element);
      if (element.shadowRoot !== null) collect(element.shadowRoot);
    }
  };
  collect(document);`;

/** Runs in the page: marks every element (see above). The project's tsconfig has no DOM types: source text. */
const MARK_ELEMENTS = `(tags) => {
  const standard = new Set(tags.split(' '));
  if (window.__agentworldBidCounter === undefined) window.__agentworldBidCounter = 0;
  const seen = new Set();
  ${ALL_ELEMENTS}
  for (const element of all) {
    if (!standard.has(element.tagName.toLowerCase())) continue;
    if (element.value !== undefined) element.setAttribute('value', String(element.value));
    if (element.checked !== undefined) {
      if (element.checked === true) element.setAttribute('checked', '');
      else element.removeAttribute('checked');
    }
    let bid = element.getAttribute('bid');
    if (bid !== null && seen.has(bid)) bid = null;
    if (bid === null) {
      bid = String(window.__agentworldBidCounter++);
      element.setAttribute('bid', bid);
    }
    seen.add(bid);
    for (const attribute of ['aria-roledescription', 'aria-description']) {
      element.setAttribute(attribute, 'browsergym_id_' + bid + ' ' + (element.getAttribute(attribute) ?? ''));
    }
  }
}`;

/** Runs in the page: takes the \`browsergym_id_…\` prefixes off again. */
const UNMARK_ELEMENTS = `() => {
  ${ALL_ELEMENTS}
  for (const element of all) {
    for (const attribute of ['aria-description', 'aria-roledescription']) {
      const content = element.getAttribute(attribute);
      if (content === null) continue;
      const original = content.replace(/^browsergym_id\\S*\\s/, '');
      if (original.length > 0) element.setAttribute(attribute, original);
      else element.removeAttribute(attribute);
    }
  }
}`;

/** Marks the page, reads its CDP accessibility tree with the bids taken out, and unmarks it. */
export async function browserGymAxTree(page: Page): Promise<CdpAxNode[]> {
  await page.evaluate(`(${MARK_ELEMENTS})(${JSON.stringify(STANDARD_TAGS)})`);
  try {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree', {})) as unknown as {
        nodes: CdpAxNode[];
      };
      return extractBrowserGymBids(nodes);
    } finally {
      await cdp.detach();
    }
  } finally {
    await page.evaluate(`(${UNMARK_ELEMENTS})()`);
  }
}
