import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseSearchAction } from './dialects/search/index.js';
import { applySearchTurn, createSearchLedger, type SearchLedger, summarizeSearchLedger } from './ledger.js';

const spec = WorldSpecSchema.parse({
  domain: 'search',
  initialState: { data: { memory: { seed_note: { a: [1] } } } },
});
const call = (name: string, args: Record<string, unknown>) =>
  parseSearchAction({ name, arguments: args }, spec);

function results(pages: ReadonlyArray<readonly [string, string]>): string {
  return pages
    .map(
      ([url, title], index) =>
        `[${index + 1}] ${url}\nTitle: ${title}\nSnippet: Text about ${title}.\nDate: N/A`,
    )
    .join('\n\n');
}

function step(
  ledger: SearchLedger,
  name: string,
  args: Record<string, unknown>,
  observation: string,
): SearchLedger {
  return applySearchTurn(ledger, call(name, args), observation, spec);
}

describe('search ledger', () => {
  it('starts from the memory in initialState.data, as a copy', () => {
    const ledger = createSearchLedger(spec);
    assert.deepEqual(summarizeSearchLedger(ledger), {
      turns: 0,
      queries: [],
      searchCalls: 0,
      resultCounts: [],
      pages: [],
      extracted: [],
      memory: { seed_note: { a: [1] } },
    });
    (ledger.memory.get('seed_note') as { a: number[] }).a.push(2);
    assert.deepEqual(createSearchLedger(spec).memory.get('seed_note'), { a: [1] });
  });

  it('records queries in order, the pages results showed and how many came back', () => {
    let ledger = createSearchLedger(spec);
    ledger = step(
      ledger,
      'web_search',
      { query: 'burj khalifa' },
      results([['https://en.wikipedia.org/wiki/Burj_Khalifa', 'Burj Khalifa - Wikipedia']]),
    );
    ledger = step(
      ledger,
      'web_search',
      { queries: ['shanghai tower', 'merdeka 118'] },
      `\`\`\`\n${results([
        [
          'https://www.skyscrapercenter.com/building/shanghai-tower/56',
          'Shanghai Tower - The Skyscraper Center',
        ],
        ['http://EN.wikipedia.org/wiki/Burj_Khalifa/', 'Burj Khalifa'],
      ])}\n\`\`\``,
    );
    ledger = step(ledger, 'web_search', { query: 'zzqx' }, 'No results found for "zzqx".');
    const summary = summarizeSearchLedger(ledger);
    assert.deepEqual(summary.queries, ['burj khalifa', 'shanghai tower', 'merdeka 118', 'zzqx']);
    assert.equal(summary.searchCalls, 3);
    assert.deepEqual(summary.resultCounts, [1, 2, 0]);
    assert.deepEqual(summary.pages, [
      { url: 'https://en.wikipedia.org/wiki/Burj_Khalifa', title: 'Burj Khalifa - Wikipedia', firstTurn: 1 },
      {
        url: 'https://www.skyscrapercenter.com/building/shanghai-tower/56',
        title: 'Shanghai Tower - The Skyscraper Center',
        firstTurn: 2,
      },
    ]);
    assert.deepEqual(ledger.pages.get('en.wikipedia.org/wiki/Burj_Khalifa')?.titles, [
      'Burj Khalifa - Wikipedia',
      'Burj Khalifa',
    ]);
    assert.equal(ledger.turns, 3);
  });

  it('records each extracted URL once, in the order first opened', () => {
    let ledger = createSearchLedger(spec);
    for (const url of ['https://a.org/1', 'https://b.org/2', 'https://a.org/1']) {
      ledger = step(ledger, 'web_extractor', { url }, '# Page');
    }
    assert.deepEqual(ledger.extracted, ['https://a.org/1', 'https://b.org/2']);
  });

  it('keeps memory exactly as the dict_memory actions say', () => {
    let ledger = createSearchLedger(spec);
    ledger = step(
      ledger,
      'dict_memory',
      { operation: 'add', dict: { tower: 'Burj Khalifa', height: 828 } },
      'Successfully added.',
    );
    ledger = step(
      ledger,
      'dict_memory',
      { operation: 'add', dict: { height: 829.8 } },
      'Successfully added.',
    );
    // update changes existing keys only: "city" is not stored, so it is not created.
    ledger = step(
      ledger,
      'dict_memory',
      { operation: 'update', dict: { tower: 'Burj Khalifa (Dubai)', city: 'Dubai' } },
      'ok',
    );
    const beforeRetrieve = ledger.memory;
    ledger = step(
      ledger,
      'dict_memory',
      { operation: 'retrieve', key_list: ['tower'] },
      'tower: Burj Khalifa (Dubai)',
    );
    assert.equal(ledger.memory, beforeRetrieve, 'retrieve leaves the memory as it is');
    assert.deepEqual(summarizeSearchLedger(ledger).memory, {
      seed_note: { a: [1] },
      tower: 'Burj Khalifa (Dubai)',
      height: 829.8,
    });
    ledger = step(ledger, 'dict_memory', { operation: 'remove', key_list: ['height', 'absent'] }, 'Removed.');
    assert.deepEqual([...ledger.memory.keys()], ['seed_note', 'tower']);
    ledger = step(ledger, 'dict_memory', { operation: 'remove_all' }, 'Successfully cleared all memory.');
    assert.equal(ledger.memory.size, 0);
  });

  it('never changes a ledger it was given (forks share ledgers)', () => {
    const base = step(
      createSearchLedger(spec),
      'dict_memory',
      { operation: 'add', dict: { k: 'v' } },
      'Added.',
    );
    const snapshot = JSON.stringify(summarizeSearchLedger(base));
    const left = step(base, 'dict_memory', { operation: 'remove_all' }, 'Cleared.');
    const right = step(base, 'web_search', { query: 'q' }, results([['https://a.org', 'A page']]));
    const third = step(base, 'web_extractor', { url: 'https://a.org' }, '# A page');
    assert.equal(JSON.stringify(summarizeSearchLedger(base)), snapshot);
    assert.notEqual(left, base);
    assert.equal(left.memory.size, 0);
    assert.equal(right.memory.get('k'), 'v');
    assert.equal(base.pages.size, 0);
    assert.deepEqual(base.extracted, []);
    assert.deepEqual(third.extracted, ['https://a.org']);
  });

  it('summarizes to plain JSON that does not alias the ledger', () => {
    const ledger = step(
      createSearchLedger(spec),
      'dict_memory',
      { operation: 'add', dict: { list: [1, 2] } },
      'Added.',
    );
    const summary = summarizeSearchLedger(ledger);
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    (summary.memory as { list: number[] }).list.push(3);
    assert.deepEqual(ledger.memory.get('list'), [1, 2]);
  });
});
