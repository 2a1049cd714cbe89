/**
 * The search corpus' scripted agents, over the real search engine's document corpus (Debian's manuals, man
 * pages and licenses): each session researches one document's subject — searches built from words of its title,
 * a batch of related queries, a page opened from what the search returned (chosen from the results it sees), a
 * note kept in memory, and sometimes a query nothing matches or a URL the corpus lacks.
 */
import type { CorpusDocument } from '../../src/engines/real/search/index.js';
import type { SeededRandom } from './random.js';
import type { CorpusScenario, ReactiveAction } from './scenario.js';

const call = (name: string, arguments_: Record<string, unknown>) => ({ name, arguments: arguments_ });

const STOP_WORDS = new Set(
  'a an and are as at be by for from how in into is it its of on or the to with manual page license debian'.split(
    ' ',
  ),
);

/** Words of a title worth searching for (letters, three or more, no stop words). */
function titleWords(title: string): string[] {
  return [...new Set(title.toLowerCase().match(/[a-z][a-z0-9+-]{2,}/g) ?? [])].filter(
    (word) => !STOP_WORDS.has(word),
  );
}

/** The result URLs a search observation shows, in order. */
export function resultUrls(observation: string): string[] {
  return [...observation.matchAll(/https?:\/\/[^\s)\]>"']+/g)].map((match) => match[0]);
}

/** Opens the `rank`-th URL the last search showed (the first when there are fewer), with a goal. */
function openResult(rank: number, goal: string): ReactiveAction {
  return {
    react: ({ observation }) => {
      const urls = resultUrls(observation);
      const url = urls[Math.min(rank, urls.length - 1)] ?? 'https://debian.example/usr/share/doc/none';
      return call('web_extractor', { url, goal });
    },
  };
}

function research(random: SeededRandom, document: CorpusDocument): { task: string; actions: unknown[] } {
  const words = titleWords(document.title);
  const query =
    random.sample(words, Math.min(words.length, random.integer(1, 3))).join(' ') || document.title;
  const subject = document.title.replace(/\s+/g, ' ').trim();
  const related = [
    `${words[0] ?? query} example`,
    `${words[words.length - 1] ?? query} options`,
    `${query} documentation`,
  ];
  const actions: unknown[] = [
    call('web_search', { query }),
    openResult(random.integer(0, 2), `What does the page say about ${query}?`),
    call('web_search', { queries: random.sample(related, random.integer(2, 3)) }),
    call('dict_memory', { operation: 'add', dict: { [words[0] ?? 'topic']: subject } }),
  ];
  if (random.next() < 0.35)
    actions.push(
      call('web_search', {
        query: `${random.pick(['zyxq', 'qwvx', 'xjkz'])}${random.integer(10, 99)} flurble`,
      }),
    );
  if (random.next() < 0.35)
    actions.push(
      call('web_extractor', {
        url: `https://debian.example/usr/share/doc/${words[0] ?? 'none'}-missing/index.html`,
      }),
    );
  actions.push(call('web_search', { query: document.title }));
  actions.push(openResult(0, `Summarise ${subject}.`));
  actions.push(call('dict_memory', { operation: 'retrieve', key_list: [words[0] ?? 'topic'] }));
  return { task: `Using the documentation search, find out what "${subject}" covers and note it.`, actions };
}

/** `count` sessions, each on a different document drawn from the corpus. */
export function searchScenarios(
  count: number,
  documents: readonly CorpusDocument[],
  random: (name: string) => SeededRandom,
): CorpusScenario[] {
  const usable = documents.filter((document) => titleWords(document.title).length > 0);
  const chosen = random('search/documents').sample(usable, count);
  return chosen.map((document, index) => {
    const { task, actions } = research(random(`search/${index}`), document);
    const family = new URL(document.url).pathname
      .split('/')
      .filter(Boolean)
      .slice(0, 3)
      .join('/')
      .includes('common-licenses')
      ? 'licenses'
      : /\/man\//.test(document.url)
        ? 'man-pages'
        : 'manuals';
    return { id: `search-${index + 1}`, family, task, actions };
  });
}
