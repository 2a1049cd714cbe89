import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { checkSearchObservation, SEARCH_CHECK_IDS } from './checks.js';
import { parseSearchAction, parseSearchResults, type SearchAction } from './dialects/search/index.js';
import { applySearchTurn, createSearchLedger, type SearchLedger } from './ledger.js';

const spec = WorldSpecSchema.parse({ domain: 'search' });
const call = (name: string, args: Record<string, unknown>, world: WorldSpec = spec): SearchAction =>
  parseSearchAction({ name, arguments: args }, world);

/** A realistic result list: reference pages undated, news dated. */
function resultList(topic: string, count: number, start = 1): string {
  const blocks: string[] = [];
  for (let offset = 0; offset < count; offset += 1) {
    const k = start + offset;
    const news = k % 3 === 0;
    blocks.push(
      [
        `[${k}] https://${news ? 'www.reuters.com/world' : 'en.wikipedia.org/wiki'}/${topic.replaceAll(' ', '_')}_${k}`,
        `Title: ${topic} – part ${k}${news ? ' | Reuters' : ' - Wikipedia'}`,
        `Snippet: ${topic} is discussed here, with background on its history and the figures reported ...`,
        `Date: ${news ? 'Jun 18, 2024' : 'N/A'}`,
      ].join('\n'),
    );
  }
  return blocks.join('\n\n');
}

function statusOf(results: CheckResult[], id: string): CheckResult {
  const found = results.find((result) => result.id === id);
  assert.ok(found, `no ${id} result`);
  return found;
}

function run(
  action: SearchAction,
  observation: string,
  ledger: SearchLedger = createSearchLedger(spec),
  world = spec,
) {
  return checkSearchObservation({ spec: world, turnIndex: ledger.turns + 1, action, ledger, observation });
}

function expectStatus(
  results: CheckResult[],
  id: string,
  status: CheckResult['status'],
  messagePart?: string,
): void {
  const result = statusOf(results, id);
  assert.equal(result.status, status, `${id}: ${result.message ?? ''}`);
  if (messagePart !== undefined) assert.ok(result.message?.includes(messagePart), result.message);
}

describe('checkSearchObservation', () => {
  it('returns every check in a fixed order, and the shared checks run', () => {
    const results = run(call('web_search', { query: 'a' }), `<predicted_observation>${resultList('A', 10)}`);
    assert.deepEqual(
      results.map((result) => result.id),
      [...SEARCH_CHECK_IDS],
    );
    expectStatus(results, 'no-scaffolding', 'fail');
    expectStatus(run(call('web_search', { query: 'a' }), '  \n'), 'non-empty', 'fail');
  });

  it('passes a realistic single-query and batch answer', () => {
    const single = run(call('web_search', { query: 'Burj Khalifa height' }), resultList('Burj Khalifa', 10));
    for (const result of single)
      assert.notEqual(result.status, 'fail', `${result.id}: ${result.message ?? ''}`);
    expectStatus(single, 'search-format', 'pass');
    expectStatus(single, 'search-count', 'pass');
    const batch = run(
      call('web_search', { queries: ['Shanghai Tower', 'Merdeka 118'] }),
      `${resultList('Shanghai Tower', 10)}\n\n${resultList('Merdeka 118', 10, 11)}`,
    );
    expectStatus(batch, 'search-format', 'pass');
    expectStatus(batch, 'search-count', 'pass');
  });

  it('accepts a fenced answer, wrapped snippets and results without a Date line', () => {
    const observation =
      '```\n[1] https://a.org/x\nTitle: A\nSnippet: first line\ncontinues here\n\n[2] b.org/y\nTitle: B\nSnippet: s\n```';
    assert.equal(parseSearchResults(observation).length, 2);
    expectStatus(run(call('web_search', { query: 'q' }), observation), 'search-format', 'pass');
  });

  it('fails broken formats with a message', () => {
    const action = call('web_search', { query: 'q' });
    const gap = resultList('A', 10).replace('[4] ', '[5] ');
    expectStatus(run(action, gap), 'search-format', 'fail', 'expected [4], found [5]');
    const noTitle = resultList('A', 10).replace('Title: A – part 2', 'Heading: A');
    expectStatus(run(action, noTitle), 'search-format', 'fail', 'result [2] has no Title: line');
    const noSnippet = resultList('A', 10).replace(/Snippet: [^\n]*\n(Date: [^\n]*)$/, '$1');
    expectStatus(run(action, noSnippet), 'search-format', 'fail', 'result [10] has no Snippet: line');
    const noUrl = '[1] Burj Khalifa - Wikipedia\nTitle: Burj Khalifa\nSnippet: s';
    expectStatus(run(action, noUrl), 'search-format', 'fail', 'does not start with a URL');
    expectStatus(
      run(action, 'Here are some pages about the tower: Wikipedia, Britannica.'),
      'search-format',
      'fail',
    );
  });

  it('fails more results than ten per query, and passes fewer (a real engine shows fewer when fewer match)', () => {
    const many = run(call('web_search', { queries: ['a', 'b'] }), resultList('A', 21));
    expectStatus(many, 'search-format', 'pass');
    expectStatus(
      many,
      'search-count',
      'fail',
      'expected at most 20 results (10 for each of 2 queries), found 21',
    );
    expectStatus(
      run(call('web_search', { queries: ['a', 'b'] }), resultList('A', 17)),
      'search-count',
      'pass',
    );
    expectStatus(run(call('web_search', { query: 'a' }), resultList('A', 1)), 'search-count', 'pass');
    const custom = WorldSpecSchema.parse({
      domain: 'search',
      initialState: { data: { resultsPerQuery: 5 } },
    });
    expectStatus(
      run(call('web_search', { query: 'a' }, custom), resultList('A', 5), createSearchLedger(custom), custom),
      'search-count',
      'pass',
    );
  });

  it('skips the search checks on no-results and error answers, and on other tools', () => {
    for (const observation of [
      'No results found for query "zzqx".',
      'Error: search backend timed out after 30s.',
    ]) {
      const results = run(call('web_search', { query: 'zzqx' }), observation);
      expectStatus(results, 'search-format', 'skip');
      expectStatus(results, 'search-count', 'skip');
    }
    expectStatus(run(call('web_extractor', { url: 'https://a.org' }), '# A'), 'search-format', 'skip');
  });
});

describe('extract-consistency', () => {
  const seen = applySearchTurn(
    createSearchLedger(spec),
    call('web_search', { query: 'Shanghai Tower' }),
    '[1] https://en.wikipedia.org/wiki/Shanghai_Tower\nTitle: Shanghai Tower - Wikipedia\nSnippet: A megatall skyscraper in Lujiazui.\nDate: N/A\n\n' +
      '[2] https://www.example.cn/news/1\nTitle: 上海中心大厦正式开放\nSnippet: 上海中心大厦……\nDate: Apr 26, 2017',
    spec,
  );

  it('passes a page that agrees with its search title, whatever the URL spelling', () => {
    const page =
      '# Shanghai Tower\n\nThe **Shanghai Tower** is a 128-storey megatall skyscraper in Lujiazui, Pudong, Shanghai.';
    expectStatus(
      run(call('web_extractor', { url: 'https://en.wikipedia.org/wiki/Shanghai_Tower' }), page, seen),
      'extract-consistency',
      'pass',
    );
    expectStatus(
      run(call('web_extractor', { url: 'en.wikipedia.org/wiki/Shanghai_Tower/' }), page, seen),
      'extract-consistency',
      'pass',
    );
    expectStatus(
      run(
        call('web_extractor', { url: 'https://example.cn/news/1' }),
        '# 上海中心大厦\n\n大厦于2017年开放。',
        seen,
      ),
      'extract-consistency',
      'pass',
    );
  });

  it('fails a page about something else', () => {
    const page =
      '# Chocolate cake\n\nA simple recipe with cocoa, flour, sugar and eggs, baked for forty minutes.';
    expectStatus(
      run(call('web_extractor', { url: 'https://en.wikipedia.org/wiki/Shanghai_Tower' }), page, seen),
      'extract-consistency',
      'fail',
      'Shanghai Tower - Wikipedia',
    );
  });

  it('skips URLs no search showed and pages that could not be fetched', () => {
    expectStatus(
      run(call('web_extractor', { url: 'https://other.org/page' }), '# Cake', seen),
      'extract-consistency',
      'skip',
    );
    expectStatus(
      run(
        call('web_extractor', { url: 'https://en.wikipedia.org/wiki/Shanghai_Tower' }),
        'Failed to fetch the page: 403 Forbidden',
        seen,
      ),
      'extract-consistency',
      'skip',
    );
  });
});

describe('memory-consistency', () => {
  let ledger = createSearchLedger(spec);
  ledger = applySearchTurn(
    ledger,
    call('dict_memory', {
      operation: 'add',
      dict: { tower: 'Burj Khalifa', height_m: 828, error_log: ['none yet'] },
    }),
    'Successfully added items of [tower, height_m, error_log] to memory.',
    spec,
  );
  const memory = (args: Record<string, unknown>, observation: string) =>
    run(call('dict_memory', args), observation, ledger);

  it('passes retrieved values in JSON or Python form, and reports absent keys', () => {
    expectStatus(
      memory({ operation: 'retrieve', key_list: ['tower'] }, '{"tower": "Burj Khalifa"}'),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory(
        { operation: 'retrieve', key_list: ['height_m', 'city'] },
        "{'height_m': 828}\nKey not found: city",
      ),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory(
        { operation: 'retrieve_all' },
        "{'tower': 'Burj Khalifa', 'height_m': 828, 'error_log': ['none yet']}",
      ),
      'memory-consistency',
      'pass',
    );
  });

  it('fails wrong values and absent keys answered as if present', () => {
    expectStatus(
      memory({ operation: 'retrieve', key_list: ['height_m'] }, '{"height_m": 830}'),
      'memory-consistency',
      'fail',
      'height_m',
    );
    expectStatus(
      memory({ operation: 'retrieve', key_list: ['city'] }, '{"city": "Dubai"}'),
      'memory-consistency',
      'fail',
      'city',
    );
    expectStatus(
      memory({ operation: 'retrieve_all' }, '{"tower": "Burj Khalifa"}'),
      'memory-consistency',
      'fail',
    );
  });

  it('wants changes confirmed, or absent keys reported', () => {
    expectStatus(
      memory(
        { operation: 'add', dict: { error_count: 0 } },
        "Successfully added items of ['error_count'] to memory.",
      ),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory({ operation: 'add', dict: { o: 'e' } }, 'Successfully stored 1 item.'),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory({ operation: 'add', dict: { a: 1 } }, 'Error: memory is full.'),
      'memory-consistency',
      'fail',
    );
    expectStatus(
      memory({ operation: 'remove', key_list: ['missing_pages'] }, 'Key not found: missing_pages'),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory(
        { operation: 'remove', key_list: ['missing_pages'] },
        "Successfully removed items of ['missing_pages'].",
      ),
      'memory-consistency',
      'fail',
    );
    expectStatus(
      memory({ operation: 'update', dict: { tower: 'Burj' } }, "Successfully updated items of ['tower']."),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory({ operation: 'update', dict: { city: 'Dubai' } }, 'Key not found: city'),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory({ operation: 'update', dict: { city: 'Dubai' } }, "Successfully updated items of ['city']."),
      'memory-consistency',
      'fail',
    );
    expectStatus(
      memory({ operation: 'remove', key_list: ['tower'] }, "Successfully removed items of ['tower']."),
      'memory-consistency',
      'pass',
    );
    expectStatus(
      memory({ operation: 'remove_all' }, 'Successfully cleared all memory.'),
      'memory-consistency',
      'pass',
    );
    expectStatus(memory({ operation: 'remove_all' }, 'Memory contents: tower'), 'memory-consistency', 'fail');
  });

  it('never throws, even on calls to user tools with odd arguments', () => {
    const custom = WorldSpecSchema.parse({
      domain: 'search',
      tools: [{ name: 'dict_memory' }, { name: 'web_search' }, { name: 'web_extractor' }],
    });
    const odd = [
      { name: 'dict_memory', arguments: { operation: 'retrieve', key_list: [1, null] } },
      { name: 'dict_memory', arguments: { operation: 'add', dict: 'x' } },
      { name: 'web_search', arguments: { query: 42 } },
      { name: 'web_extractor', arguments: { url: { href: 'x' } } },
    ];
    for (const action of odd) {
      const results = run(parseSearchAction(action, custom), 'whatever', createSearchLedger(custom), custom);
      assert.equal(results.length, SEARCH_CHECK_IDS.length);
    }
  });
});
