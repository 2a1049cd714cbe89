/**
 * The sites the web corpus' agents browse. Manuals: real HTML manuals this Debian machine ships
 * (/usr/share/doc), served unchanged — a start page and the pages it links to in the same folder (small ones, so
 * observations stay readable). Forms: small generated sites (newsletter sign-up, sign-in, order, site search),
 * each a home page linking to a form whose GET submit leads to a confirmation page.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type SeededRandom, WORDS } from './random.js';

export interface CorpusSite {
  readonly family: string;
  readonly name: string;
  readonly origin: string;
  readonly startUrl: string;
  /** Pages by absolute URL. */
  readonly pages: Record<string, string>;
  /** Link names worth following, as the page's accessible names. */
  readonly description: string;
}

/** A manual folder of this machine and the page to start on. */
const MANUALS = [
  { name: 'libffi', folder: '/usr/share/doc/libffi8/html', start: 'index.html' },
  { name: 'libffi-types', folder: '/usr/share/doc/libffi8/html', start: 'Types.html' },
  { name: 'libffi-using', folder: '/usr/share/doc/libffi8/html', start: 'Using-libffi.html' },
  { name: 'valgrind', folder: '/usr/share/doc/valgrind/html', start: 'index.html' },
  { name: 'valgrind-faq', folder: '/usr/share/doc/valgrind/html', start: 'FAQ.html' },
  { name: 'libxslt', folder: '/usr/share/doc/libxslt1-dev/html', start: 'index.html' },
  { name: 'nodejs', folder: '/usr/share/doc/nodejs/api', start: 'index.html' },
  { name: 'base-passwd', folder: '/usr/share/doc/base-passwd', start: 'users-and-groups.html' },
] as const;

const MAX_PAGE_BYTES = 24_000;
const MAX_PAGES = 8;

/** The manual sites whose start page exists here. */
export function manualSites(): CorpusSite[] {
  const sites: CorpusSite[] = [];
  for (const manual of MANUALS) {
    const startPath = join(manual.folder, manual.start);
    if (!existsSync(startPath)) continue;
    const origin = `http://${manual.name}.docs.test`;
    const start = readFileSync(startPath, 'utf8');
    const pages: Record<string, string> = { [`${origin}/${manual.start}`]: start };
    for (const match of start.matchAll(/href="([A-Za-z0-9._-]+\.html)(?:#[^"]*)?"/g)) {
      const file = match[1] ?? '';
      const path = join(manual.folder, file);
      if (Object.keys(pages).length >= MAX_PAGES) break;
      if (pages[`${origin}/${file}`] !== undefined || !existsSync(path)) continue;
      if (statSync(path).size > MAX_PAGE_BYTES) continue;
      pages[`${origin}/${file}`] = readFileSync(path, 'utf8');
    }
    sites.push({
      family: 'manuals',
      name: manual.name,
      origin,
      startUrl: `${origin}/${manual.start}`,
      pages,
      description: `the ${manual.name} manual as Debian ships it (${manual.folder})`,
    });
  }
  return sites;
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>\n${body}\n</body></html>`;
}

export interface FormSite extends CorpusSite {
  /** The form's fields as the agent fills them: label → value, and how. */
  readonly fields: readonly FormField[];
  readonly formLink: string;
  readonly submit: string;
}

export type FormField =
  | { readonly kind: 'text'; readonly label: string; readonly value: string }
  | { readonly kind: 'select'; readonly label: string; readonly value: string }
  | { readonly kind: 'checkbox'; readonly label: string };

/** A small generated site with one form, drawn from four kinds. */
export function formSite(random: SeededRandom, index: number): FormSite {
  const brand = `${random.pick(WORDS)} ${random.pick(['Books', 'Garden', 'Cycles', 'Tea', 'Tools', 'Music'])}`;
  const title = brand.replace(/^\w/, (letter) => letter.toUpperCase());
  const origin = `http://site${index + 1}.forms.test`;
  const kind = random.pick(['newsletter', 'sign-in', 'order', 'search'] as const);
  const person = random.pick([
    'Ada Lovelace',
    'Grace Hopper',
    'Alan Turing',
    'Katherine Johnson',
    'Edsger Dijkstra',
  ]);
  const items = random
    .sample(WORDS, 4)
    .map((word) => `${word} ${random.pick(['kit', 'set', 'box', 'guide'])}`);
  let fields: FormField[];
  let form: string;
  let formLink: string;
  let submit: string;
  if (kind === 'newsletter') {
    formLink = 'Join the newsletter';
    submit = 'Subscribe';
    const frequency = random.pick(['Weekly', 'Monthly']);
    fields = [
      { kind: 'text', label: 'Email address', value: `${person.split(' ')[0]?.toLowerCase()}@example.org` },
      { kind: 'select', label: 'How often', value: frequency },
      { kind: 'checkbox', label: 'I accept the terms' },
    ];
    form = `<h1>Newsletter</h1>\n<form action="/done.html" method="get">\n<p><label>Email address <input type="email" name="email" required></label></p>\n<p><label>How often <select name="often"><option>Weekly</option><option>Monthly</option></select></label></p>\n<p><label><input type="checkbox" name="terms" required> I accept the terms</label></p>\n<p><button type="submit">${submit}</button></p>\n</form>`;
  } else if (kind === 'sign-in') {
    formLink = 'Sign in';
    submit = 'Sign in now';
    fields = [
      { kind: 'text', label: 'User name', value: person.split(' ')[0]?.toLowerCase() ?? 'ada' },
      { kind: 'text', label: 'Password', value: `${random.pick(WORDS)}-${random.integer(100, 999)}` },
      { kind: 'checkbox', label: 'Keep me signed in' },
    ];
    form = `<h1>Sign in</h1>\n<form action="/done.html" method="get">\n<p><label>User name <input name="user" autocomplete="off"></label></p>\n<p><label>Password <input type="password" name="password"></label></p>\n<p><label><input type="checkbox" name="keep"> Keep me signed in</label></p>\n<p><button type="submit">${submit}</button></p>\n</form>`;
  } else if (kind === 'order') {
    formLink = 'Order online';
    submit = 'Place order';
    const item = random.pick(items);
    fields = [
      { kind: 'select', label: 'Product', value: item },
      { kind: 'text', label: 'Quantity', value: String(random.integer(1, 9)) },
      {
        kind: 'text',
        label: 'Delivery notes',
        value: `Leave it with ${random.pick(['the neighbour', 'reception', 'the porter'])}`,
      },
      { kind: 'checkbox', label: 'Gift wrap' },
    ];
    form = `<h1>Order</h1>\n<form action="/done.html" method="get">\n<p><label>Product <select name="product">${items.map((entry) => `<option>${entry}</option>`).join('')}</select></label></p>\n<p><label>Quantity <input type="number" name="quantity" min="1" max="9" value="1"></label></p>\n<p><label>Delivery notes <textarea name="notes"></textarea></label></p>\n<p><label><input type="checkbox" name="gift"> Gift wrap</label></p>\n<p><button type="submit">${submit}</button></p>\n</form>`;
  } else {
    formLink = 'Search the catalogue';
    submit = 'Search';
    fields = [{ kind: 'text', label: 'Search for', value: random.pick(items) }];
    form = `<h1>Catalogue search</h1>\n<form action="/done.html" method="get" role="search">\n<p><label>Search for <input type="search" name="q"></label></p>\n<p><button type="submit">${submit}</button></p>\n</form>\n<h2>Popular</h2>\n<ul>${items.map((entry) => `<li>${entry}</li>`).join('')}</ul>`;
  }
  const pages = {
    [`${origin}/`]: page(
      title,
      `<h1>${title}</h1>\n<p>Open ${random.integer(7, 10)}:00 to ${random.integer(16, 20)}:00.</p>\n<nav><ul>\n<li><a href="/form.html">${formLink}</a></li>\n<li><a href="/about.html">About us</a></li>\n<li><a href="/missing.html">Old offers</a></li>\n</ul></nav>`,
    ),
    [`${origin}/about.html`]: page(
      `About ${title}`,
      `<h1>About ${title}</h1>\n<p>A small shop run by ${person} since ${random.integer(1990, 2020)}.</p>\n<p><a href="/">Home</a></p>`,
    ),
    [`${origin}/form.html`]: page(`${formLink} - ${title}`, `${form}\n<p><a href="/">Home</a></p>`),
    [`${origin}/done.html`]: page(
      'Thank you',
      `<h1>Thank you</h1>\n<p>We received your request.</p>\n<p><a href="/">Home</a></p>`,
    ),
  };
  return {
    family: `form-${kind}`,
    name: kind,
    origin,
    startUrl: `${origin}/`,
    pages,
    description: `a small ${kind} site`,
    fields,
    formLink,
    submit,
  };
}
