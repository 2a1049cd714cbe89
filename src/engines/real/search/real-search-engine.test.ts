/**
 * The real search engine over the shipped Debian documentation corpus: ranked hits that are real corpus
 * documents, every observation passing the search domain's checks, the extractor, memory, and user corpora.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../../core/errors.js';
import type { Turn } from '../../../core/turn.js';
import type { WorldSpecInput } from '../../../core/world-spec.js';
import { parseSearchResults } from '../../../domains/search/index.js';
import { createEnv } from '../../../session/create-env.js';
import type { Session } from '../../../session/session.js';
import { RealSearchEngine } from './real-search-engine.js';

export const DEBIAN_DOCS_SPEC: WorldSpecInput = {
  version: 1,
  id: 'search-debian-docs',
  domain: 'search',
  dialect: 'search',
  task: 'Find out how apt-get installs a package and how Valgrind reports memory leaks.',
  initialState: { text: 'The agent starts with an empty memory.', data: {} },
  seed: 7,
};

/** The turn's check results that failed. */
function failedChecks(turn: Turn): string[] {
  return turn.checks
    .filter((check) => check.status === 'fail')
    .map((check) => `${check.id}: ${check.message}`);
}

async function stepChecked(env: Session, action: unknown): Promise<string> {
  const result = await env.step(action);
  const turn = result.info.turn;
  assert.deepEqual(
    failedChecks(turn),
    [],
    `checks failed for ${JSON.stringify(action)}:\n${turn.observation}`,
  );
  return turn.observation;
}

describe('RealSearchEngine over the shipped corpus', () => {
  let engine: RealSearchEngine;
  before(() => {
    engine = new RealSearchEngine();
  });
  after(() => engine.close());

  it('ranks real corpus documents, ten a query, in the domain format', async () => {
    const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
    await env.reset({ seed: 7 });
    const observation = await stepChecked(env, {
      name: 'web_search',
      arguments: { query: 'apt-get install package' },
    });
    const results = parseSearchResults(observation);
    assert.equal(results.length, 10);
    assert.deepEqual(
      results.map((result) => result.index),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    const corpus = engine.index().corpus;
    for (const result of results) {
      const position = corpus.documents.findIndex((document) => document.url === result.url);
      assert.notEqual(position, -1, `${result.url} is not a corpus document`);
      assert.equal(result.title, corpus.documents[position]?.title);
      assert.equal(result.date, 'N/A');
      assert.ok((result.snippet ?? '').length > 20);
    }
    assert.equal(results[0]?.url, 'https://debian.example/usr/share/man/man8/apt-get.8');
    assert.match(results[0]?.snippet ?? '', /install/i);
    assert.ok(!observation.includes('```'), 'results are not fenced');
  });

  it('answers a batch of queries in query order, numbered straight through', async () => {
    const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
    await env.reset({ seed: 7 });
    const single = await stepChecked(env, {
      name: 'web_search',
      arguments: { query: 'valgrind memcheck leak' },
    });
    const batch = await stepChecked(env, {
      name: 'web_search',
      arguments: { queries: ['valgrind memcheck leak', 'GNU General Public License'] },
    });
    const results = parseSearchResults(batch);
    assert.equal(results.length, 20);
    assert.deepEqual(
      results.slice(0, 10).map((result) => result.url),
      parseSearchResults(single).map((result) => result.url),
    );
    assert.match(results[0]?.title ?? '', /Memcheck|Valgrind/);
    assert.ok(results.slice(10).some((result) => /GPL-3/.test(result.url)));
  });

  it('opens a listed page as Markdown that matches its result', async () => {
    const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
    await env.reset({ seed: 7 });
    const results = parseSearchResults(
      await stepChecked(env, { name: 'web_search', arguments: { query: 'node fs readFile' } }),
    );
    const listed = results.find((result) => result.url.endsWith('/nodejs/api/fs.html'));
    assert.ok(listed, 'the File system page is among the results');
    const page = await stepChecked(env, { name: 'web_extractor', arguments: { url: listed.url } });
    assert.ok(page.startsWith(`# ${listed.title}\n\n`));
    const document = engine.index().corpus.documents.find((candidate) => candidate.url === listed.url);
    assert.ok(document !== undefined && page.includes(document.text.trim().slice(0, 2000)));
    const again = await stepChecked(env, {
      name: 'web_extractor',
      arguments: { url: listed.url.replace('https://', 'http://') },
    });
    assert.equal(again, page, 'the scheme of the URL does not matter');
    assert.equal(env.turns[2]?.checks.find((check) => check.id === 'extract-consistency')?.status, 'pass');
  });

  it('answers a URL the corpus lacks, a query nothing matches and a rare word with observations, not errors', async () => {
    const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
    await env.reset({ seed: 7 });
    const missing = await stepChecked(env, {
      name: 'web_extractor',
      arguments: { url: 'https://debian.example/usr/share/doc/no-such-package/index.html' },
    });
    assert.equal(
      missing,
      'Error: could not fetch https://debian.example/usr/share/doc/no-such-package/index.html: HTTP 404 Not Found. The page does not exist or has moved.',
    );
    const nothing = await stepChecked(env, { name: 'web_search', arguments: { query: 'xyzzyplugh' } });
    assert.equal(nothing, 'No results found for "xyzzyplugh".');
    const rare = parseSearchResults(
      await stepChecked(env, { name: 'web_search', arguments: { query: 'crontab' } }),
    );
    assert.ok(
      rare.length >= 1 && rare.length < 10,
      `a rare word finds only what the corpus has (${rare.length})`,
    );
    const corpus = engine.index().corpus;
    assert.ok(rare.every((result) => corpus.byUrlKey.has(result.url.replace('https://', ''))));
    const batch = await stepChecked(env, {
      name: 'web_search',
      arguments: { queries: ['xyzzyplugh', 'crontab'] },
    });
    assert.ok(batch.startsWith('No results found for "xyzzyplugh".\n\n[1] '));
    assert.equal(parseSearchResults(batch).length, rare.length);
  });

  it('keeps each session its own memory, as the ledger does, and rebuilds it for a fork', async () => {
    const env = await createEnv(
      { ...DEBIAN_DOCS_SPEC, initialState: { text: 'Notes so far.', data: { memory: { seen: 1 } } } },
      { engine },
    );
    await env.reset({ seed: 7 });
    const memory = (args: Record<string, unknown>) =>
      stepChecked(env, { name: 'dict_memory', arguments: args });
    assert.equal(
      await memory({ operation: 'add', dict: { tool: 'apt-get', 'leak checker': 'memcheck' } }),
      "Successfully added items of ['tool', 'leak checker'] to memory.",
    );
    assert.equal(
      await memory({ operation: 'update', dict: { tool: 'apt', ghost: 1 } }),
      "Successfully updated items of ['tool'] in memory.\nKey not found: ['ghost'].",
    );
    assert.equal(
      await memory({ operation: 'retrieve', key_list: ['tool', 'ghost'] }),
      '{\n  "tool": "apt"\n}\nKey not found: [\'ghost\'].',
    );
    const fork = env.fork();
    await memory({ operation: 'remove', key_list: ['seen'] });
    assert.deepEqual(JSON.parse(await memory({ operation: 'retrieve_all' })), {
      tool: 'apt',
      'leak checker': 'memcheck',
    });
    const forked = await fork.step({ name: 'dict_memory', arguments: { operation: 'retrieve_all' } });
    assert.deepEqual(failedChecks(forked.info.turn), []);
    assert.deepEqual(JSON.parse(forked.info.turn.observation), {
      seen: 1,
      tool: 'apt',
      'leak checker': 'memcheck',
    });
    assert.equal(await memory({ operation: 'remove_all' }), 'Successfully cleared all memory.');
    assert.equal(await memory({ operation: 'retrieve_all' }), 'Memory is empty.');
  });

  it('refuses a world with tools it cannot run, and honours an aborted signal', async () => {
    const spec = {
      ...DEBIAN_DOCS_SPEC,
      tools: [{ name: 'submit_answer', description: 'Submits.', inputSchema: { type: 'object' } }],
    };
    const env = await createEnv(spec, { engine });
    await assert.rejects(
      engine.prepare(env.spec),
      (error) => isAgentWorldError(error) && error.code === 'UNSUPPORTED',
    );
    const controller = new AbortController();
    controller.abort();
    const plain = await createEnv(DEBIAN_DOCS_SPEC, { engine });
    await plain.reset({ seed: 7 });
    await assert.rejects(
      plain.step({ name: 'web_search', arguments: { query: 'apt' } }, { signal: controller.signal }),
      (error) => isAgentWorldError(error) && error.code === 'ABORTED',
    );
  });
});

describe('RealSearchEngine over a user corpus', () => {
  const folder = mkdtempSync(join(tmpdir(), 'real-search-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const line = (n: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      url: `https://notes.example/page-${n}`,
      title: `Lighthouse note ${n}`,
      text: `# Lighthouse note ${n}\n\nThe keeper of lighthouse ${n} lights the lamp at dusk and logs the weather.`,
      ...extra,
    });

  it('searches the given JSONL file and shows its dates', async () => {
    const path = join(folder, 'notes.jsonl');
    const lines = Array.from({ length: 12 }, (_, n) => line(n + 1, n === 0 ? { date: 'Mar 3, 2021' } : {}));
    writeFileSync(path, `${lines.join('\n')}\n\n`);
    const engine = new RealSearchEngine({ corpusPath: path });
    try {
      const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
      await env.reset({ seed: 7 });
      const results = parseSearchResults(
        await stepChecked(env, { name: 'web_search', arguments: { query: 'lighthouse keeper lamp' } }),
      );
      assert.equal(results.length, 10);
      assert.ok(results.every((result) => /^https:\/\/notes\.example\/page-\d+$/.test(result.url)));
      assert.equal(results.find((result) => result.url.endsWith('/page-1'))?.date, 'Mar 3, 2021');
      const page = await stepChecked(env, {
        name: 'web_extractor',
        arguments: { url: 'notes.example/page-7/' },
      });
      assert.equal(
        page,
        '# Lighthouse note 7\n\nThe keeper of lighthouse 7 lights the lamp at dusk and logs the weather.',
      );
    } finally {
      await engine.close();
    }
  });

  it('keeps the sections a goal asks for when a page is over the length limit', async () => {
    const path = join(folder, 'long.jsonl');
    const filler = 'Plain words about the weather on the coast. '.repeat(12);
    const text = [
      '# Harbour handbook',
      `The handbook of the harbour. ${filler}`,
      `## Tides\n\n${filler}`,
      `## Fog signals\n\nThe fog horn sounds two blasts every minute. ${filler}`,
      `## Moorings\n\n${filler}`,
    ].join('\n\n');
    writeFileSync(
      path,
      `${JSON.stringify({ url: 'https://harbour.example/handbook', title: 'Harbour handbook', text })}\n`,
    );
    const engine = new RealSearchEngine({ corpusPath: path, maxPageCharacters: 1500 });
    try {
      const env = await createEnv(DEBIAN_DOCS_SPEC, { engine });
      await env.reset({ seed: 7 });
      const url = 'https://harbour.example/handbook';
      const focused = await stepChecked(env, {
        name: 'web_extractor',
        arguments: { url, goal: 'fog horn signals' },
      });
      assert.ok(focused.startsWith('# Harbour handbook\n\nThe handbook of the harbour.'));
      assert.match(focused, /## Fog signals\n\nThe fog horn sounds two blasts every minute\./);
      assert.ok(!focused.includes('## Tides') && !focused.includes('## Moorings'));
      assert.match(focused, /\[…\]/);
      const whole = await stepChecked(env, { name: 'web_extractor', arguments: { url } });
      assert.ok(whole.length < text.length && whole.includes('## Tides'));
      assert.match(whole, /\[Content truncated: \d+ more characters of this page are not shown\.\]$/);
    } finally {
      await engine.close();
    }
  });

  it('names file:line of a damaged line', () => {
    const broken = join(folder, 'broken.jsonl');
    writeFileSync(
      broken,
      [line(1), line(2), '{"url": "https://notes.example/x", "title": ', line(4)].join('\n'),
    );
    const untitled = join(folder, 'untitled.jsonl');
    writeFileSync(
      untitled,
      [line(1), JSON.stringify({ url: 'https://notes.example/y', text: 'no title' })].join('\n'),
    );
    const twice = join(folder, 'twice.jsonl');
    writeFileSync(twice, [line(1), line(2), line(1)].join('\n'));
    const expectDamaged = (path: string, pattern: RegExp) =>
      assert.throws(
        () => new RealSearchEngine({ corpusPath: path }).index(),
        (error) =>
          isAgentWorldError(error) && error.code === 'INVALID_REQUEST' && pattern.test(error.message),
      );
    expectDamaged(broken, new RegExp(`${broken}:3: not valid JSON`));
    expectDamaged(untitled, new RegExp(`${untitled}:2: \\$\\.title: `));
    expectDamaged(
      twice,
      new RegExp(`${twice}:3: url https://notes.example/page-1 was already given on line 1`),
    );
    assert.throws(
      () => new RealSearchEngine({ corpusPath: join(folder, 'absent.jsonl') }),
      (error) =>
        isAgentWorldError(error) && error.code === 'INVALID_REQUEST' && /absent\.jsonl/.test(error.message),
    );
  });
});
