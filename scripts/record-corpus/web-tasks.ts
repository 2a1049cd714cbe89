/**
 * The web corpus' scripted agents, one set per dialect (BrowserGym on Chromium, the real @playwright/mcp server):
 * on real Debian manuals they follow links, scroll, hover, go back and open a page the site lacks; on generated
 * form sites they open the form, fill it in, submit it and report. Element ids (BrowserGym bids, snapshot refs)
 * are assigned by the page at run time, so each action that names an element finds it by role and name in the
 * page the session shows (reactive actions). Some actions name an id no page has (`9999`, `e9999`) on purpose:
 * the harnesses run them, and the corpus keeps their real errors.
 */
import { parseWebPage, type WebDialect, type WebNode, type WebPage } from '../../src/domains/web/index.js';
import type { SeededRandom } from './random.js';
import type { AgentView, CorpusScenario, ReactiveAction } from './scenario.js';
import { type CorpusSite, type FormField, type FormSite, formSite, manualSites } from './web-sites.js';

export interface WebScenario extends CorpusScenario {
  readonly dialect: WebDialect;
  readonly site: CorpusSite;
}

const TEXT_ROLES = ['textbox', 'searchbox', 'spinbutton'];

function pageOf(view: AgentView, dialect: WebDialect): WebPage {
  return parseWebPage(String(view.ledger.page ?? view.observation), dialect);
}

function find(page: WebPage, roles: readonly string[], name: string): WebNode | undefined {
  return page.nodes.find(
    (node) => node.id !== undefined && roles.includes(node.role) && node.name.startsWith(name),
  );
}

/**
 * The links of the page with an id, in page order; on a page without links (Chromium's error page for a site the
 * sandbox cannot reach), its buttons (Reload); on a page without either (a 404), any element with an id.
 */
function linksOf(page: WebPage): WebNode[] {
  const links = page.nodes.filter(
    (node) => node.id !== undefined && node.role === 'link' && node.name.trim() !== '',
  );
  if (links.length > 0) return links;
  const buttons = page.nodes.filter((node) => node.id !== undefined && node.role === 'button');
  return buttons.length > 0 ? buttons : page.nodes.filter((node) => node.id !== undefined);
}

/** One element action, in either dialect: `act(id, label)` for the node found (a missing one stops the recording). */
function onElement(
  dialect: WebDialect,
  pick: (page: WebPage) => WebNode | undefined,
  act: (id: string, label: string) => unknown,
  otherwise?: () => unknown,
): ReactiveAction {
  return {
    react: (view) => {
      const page = pageOf(view, dialect);
      const node = pick(page);
      if (node?.id === undefined) {
        if (otherwise !== undefined) return otherwise();
        throw new Error(
          `the element to act on is not on ${page.url ?? 'the page'}:\n${view.observation.slice(0, 1500)}`,
        );
      }
      return act(node.id, `${node.name} ${node.role}`);
    },
  };
}

const gym = (code: string) => code;
const mcp = (name: string, arguments_: Record<string, unknown> = {}) => ({ name, arguments: arguments_ });

/** Clicks the link `choose` picks; on a page with nothing to click (about:blank after going back), goes to `home`. */
function clickLink(
  dialect: WebDialect,
  choose: (links: WebNode[]) => WebNode | undefined,
  home?: string,
): ReactiveAction {
  return onElement(
    dialect,
    (page) => choose(linksOf(page)),
    (id, label) =>
      dialect === 'browsergym' ? gym(`click("${id}")`) : mcp('browser_click', { element: label, target: id }),
    home === undefined
      ? undefined
      : () => (dialect === 'browsergym' ? gym(`goto("${home}")`) : mcp('browser_navigate', { url: home })),
  );
}

function manualActions(dialect: WebDialect, site: CorpusSite, random: SeededRandom): unknown[] {
  const rank = random.integer(0, 4);
  const second = random.integer(1, 6);
  const nth = (position: number) => (links: WebNode[]) => links[Math.min(position, links.length - 1)];
  if (dialect === 'browsergym') {
    return [
      gym(`scroll(0, ${random.pick([200, 400, 800])})`),
      clickLink(dialect, nth(rank), site.startUrl),
      gym(`scroll(0, ${random.pick([300, 600])})`),
      onElement(
        dialect,
        (page) => linksOf(page)[0],
        (id) => gym(`hover("${id}")`),
        () => gym(`goto("${site.startUrl}")`),
      ),
      gym('go_back()'),
      clickLink(dialect, nth(second), site.startUrl),
      ...(random.next() < 0.5 ? [gym(`goto("${site.origin}/no-such-page.html")`), gym('go_back()')] : []),
      // An element the page does not have: BrowserGym runs it and reports its error over the unchanged page.
      ...(random.next() < 0.4 ? [gym('click("9999")')] : []),
      gym(`send_msg_to_user("I read ${site.name}'s manual pages.")`),
    ];
  }
  return [
    mcp('browser_snapshot'),
    clickLink(dialect, nth(rank), site.startUrl),
    mcp('browser_snapshot'),
    mcp('browser_press_key', { key: random.pick(['End', 'PageDown', 'Home']) }),
    mcp('browser_navigate_back'),
    mcp('browser_snapshot'),
    clickLink(dialect, nth(second), site.startUrl),
    ...(random.next() < 0.5 ? [mcp('browser_navigate', { url: `${site.origin}/no-such-page.html` })] : []),
    ...(random.next() < 0.4 ? [mcp('browser_tabs', { action: 'list' })] : []),
    ...(random.next() < 0.3
      ? [mcp('browser_click', { element: 'a link that is gone', target: 'e9999' })]
      : []),
  ];
}

function fillField(dialect: WebDialect, field: FormField): ReactiveAction {
  if (field.kind === 'checkbox') {
    return onElement(
      dialect,
      (page) => find(page, ['checkbox'], field.label),
      (id, label) =>
        dialect === 'browsergym'
          ? gym(`check("${id}")`)
          : mcp('browser_click', { element: label, target: id }),
    );
  }
  if (field.kind === 'select') {
    return onElement(
      dialect,
      (page) => find(page, ['combobox', 'listbox'], field.label),
      (id, label) =>
        dialect === 'browsergym'
          ? gym(`select_option("${id}", ${JSON.stringify(field.value)})`)
          : mcp('browser_select_option', { element: label, target: id, values: [field.value] }),
    );
  }
  return onElement(
    dialect,
    (page) => find(page, TEXT_ROLES, field.label),
    (id, label) =>
      dialect === 'browsergym'
        ? gym(`fill("${id}", ${JSON.stringify(field.value)})`)
        : mcp('browser_type', { element: label, target: id, text: field.value }),
  );
}

function formActions(dialect: WebDialect, site: FormSite, random: SeededRandom): unknown[] {
  const open = clickLink(dialect, (links) => links.find((link) => link.name === site.formLink));
  const submit = onElement(
    dialect,
    (page) => find(page, ['button'], site.submit),
    (id, label) =>
      dialect === 'browsergym' ? gym(`click("${id}")`) : mcp('browser_click', { element: label, target: id }),
  );
  const fields = site.fields.map((field) => fillField(dialect, field));
  const about = clickLink(dialect, (links) => links.find((link) => link.name === 'About us'));
  if (dialect === 'browsergym') {
    return [
      ...(random.next() < 0.4 ? [about, gym('go_back()')] : []),
      open,
      ...fields,
      ...(random.next() < 0.3 ? [gym('click("9999")')] : []),
      submit,
      gym(`send_msg_to_user("Done: the ${site.name} form was sent.")`),
    ];
  }
  return [
    mcp('browser_snapshot'),
    ...(random.next() < 0.4 ? [about, mcp('browser_navigate_back'), mcp('browser_snapshot')] : []),
    open,
    // @playwright/mcp links each result's snapshot as a file: the agent asks for the page before each element.
    ...fields.flatMap((field) => [mcp('browser_snapshot'), field]),
    mcp('browser_snapshot'),
    submit,
    ...(random.next() < 0.4 ? [mcp('browser_navigate', { url: `${site.origin}/missing.html` })] : []),
  ];
}

/** `perDialect` sessions per dialect: manual sites and form sites in turn. */
export function webScenarios(
  perDialect: number,
  dialect: WebDialect,
  random: (name: string) => SeededRandom,
): WebScenario[] {
  const manuals = manualSites();
  const scenarios: WebScenario[] = [];
  for (let index = 0; index < perDialect; index++) {
    const seeded = random(`web/${dialect}/${index}`);
    const manual = index % 2 === 0 ? manuals[(index / 2) % manuals.length] : undefined;
    if (manual !== undefined) {
      scenarios.push({
        id: `web-${dialect}-${manual.name}-${index + 1}`,
        family: manual.family,
        dialect,
        site: manual,
        task: `Browse ${manual.description}: follow a few links and report what the pages cover.`,
        actions: manualActions(dialect, manual, seeded),
      });
      continue;
    }
    const site = formSite(seeded, index);
    scenarios.push({
      id: `web-${dialect}-${site.name}-${index + 1}`,
      family: site.family,
      dialect,
      site,
      task: `On ${site.origin}, open "${site.formLink}", fill the form in (${site.fields
        .map((field) => (field.kind === 'checkbox' ? field.label : `${field.label}: ${field.value}`))
        .join('; ')}) and send it.`,
      actions: formActions(dialect, site, seeded),
    });
  }
  return scenarios;
}
