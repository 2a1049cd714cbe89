/**
 * A multi-turn search session end to end over examples/search.json, with the lwm engine streaming: the
 * scripted responder acts as the search engine (ten numbered result blocks per query), the page extractor
 * (Markdown pages that match the titles they were listed with) and the key-value memory (replayed from the
 * history it is sent).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { contentHash } from '../../src/core/hash.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../src/core/messages.js';
import { createEnv } from '../../src/session/create-env.js';
import {
  type ReasoningMode,
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import {
  actionOfUserMessage,
  exampleSpec,
  fastLwmEngine,
  observationMessage,
  turnPrompt,
} from '../helpers/index.js';

interface ToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

interface Page {
  readonly url: string;
  readonly title: string;
  readonly snippet: string;
  readonly date: string;
}

const PAGES: readonly Page[] = [
  {
    url: 'https://en.wikipedia.org/wiki/Merdeka_118',
    title: 'Merdeka 118 - Wikipedia',
    snippet:
      'Merdeka 118 is a megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m it is the second tallest building in the world.',
    date: 'N/A',
  },
  {
    url: 'https://www.skyscrapercenter.com/building/merdeka-118/37617',
    title: 'Merdeka 118 - The Skyscraper Center',
    snippet:
      'Official height 678.9 m, 118 floors, completed 2023; data on the tower from the CTBUH database.',
    date: 'N/A',
  },
  {
    url: 'https://www.britannica.com/topic/Merdeka-118',
    title: 'Merdeka 118 | Height, Facts & Completion | Britannica',
    snippet:
      'Merdeka 118, skyscraper in Kuala Lumpur completed in 2023, whose spire brings it to 678.9 metres.',
    date: 'Jan 12, 2024',
  },
  {
    url: 'https://en.wikipedia.org/wiki/Shanghai_Tower',
    title: 'Shanghai Tower - Wikipedia',
    snippet:
      'Shanghai Tower is a 128-storey megatall skyscraper in Lujiazui, Pudong, Shanghai; it is 632 m tall and opened in 2015.',
    date: 'N/A',
  },
  {
    url: 'https://www.skyscrapercenter.com/building/shanghai-tower/56',
    title: 'Shanghai Tower - The Skyscraper Center',
    snippet: 'Height to architectural top 632 m; completion 2015; the tallest building in China.',
    date: 'N/A',
  },
  {
    url: 'https://en.wikipedia.org/wiki/Abraj_Al_Bait',
    title: 'Abraj Al Bait - Wikipedia',
    snippet:
      'Abraj Al-Bait is a complex of seven skyscraper hotels in Mecca; its clock tower reaches 601 m and was completed in 2012.',
    date: 'N/A',
  },
  {
    url: 'https://en.wikipedia.org/wiki/List_of_tallest_buildings',
    title: 'List of tallest buildings - Wikipedia',
    snippet:
      'This list ranks completed buildings by height to the architectural top, led by Burj Khalifa in Dubai at 828 m.',
    date: 'N/A',
  },
  {
    url: 'https://www.ctbuh.org/resource/tallest-buildings',
    title: 'The 100 Tallest Completed Buildings in the World | CTBUH',
    snippet:
      'The Council on Tall Buildings and Urban Habitat ranking of the tallest completed buildings, updated yearly.',
    date: 'May 2, 2025',
  },
  {
    url: 'https://www.reuters.com/world/asia-pacific/malaysias-merdeka-118-tower-2023-12-11/',
    title: "Malaysia's Merdeka 118 opens as world's second-tallest tower | Reuters",
    snippet:
      'The tower in Kuala Lumpur opened its observation deck to visitors, years after construction began in 2014.',
    date: 'Dec 11, 2023',
  },
  {
    url: 'https://www.archdaily.com/1010000/merdeka-118-fender-katsalidis',
    title: 'Merdeka 118 / Fender Katsalidis | ArchDaily',
    snippet: 'The faceted facade of the tower was inspired by patterns in Malaysian art and crafts.',
    date: 'Nov 3, 2023',
  },
  {
    url: 'https://en.wikipedia.org/wiki/Ping_An_Finance_Center',
    title: 'Ping An Finance Center - Wikipedia',
    snippet: 'Ping An International Finance Centre is a 599.1 m skyscraper in Shenzhen, completed in 2017.',
    date: 'N/A',
  },
  {
    url: 'https://www.timeout.com/shanghai/things-to-do/shanghai-tower-observation-deck',
    title: 'Shanghai Tower observation deck | Time Out Shanghai',
    snippet: "Ride one of the world's fastest lifts to the 118th-floor deck of the city's tallest tower.",
    date: 'Mar 20, 2024',
  },
];

const termsOf = (text: string): string[] => text.toLowerCase().match(/[a-z0-9.]+/g) ?? [];

/** The ten pages that share the most words with the query, best first (ties keep catalogue order). */
function rank(query: string): Page[] {
  const terms = new Set(termsOf(query));
  const score = (page: Page): number =>
    termsOf(`${page.title} ${page.snippet}`).filter((term) => terms.has(term)).length;
  return PAGES.map((page, order) => ({ page, order, score: score(page) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, 10)
    .map((entry) => entry.page);
}

function resultBlocks(pages: readonly Page[], numbers: readonly number[]): string {
  return pages
    .map(
      (page, position) =>
        `[${numbers[position]}] ${page.url}\nTitle: ${page.title}\nSnippet: ${page.snippet}\nDate: ${page.date}`,
    )
    .join('\n\n');
}

function searchResults(queries: readonly string[]): string {
  const pages = queries.flatMap(rank);
  return resultBlocks(
    pages,
    pages.map((_, position) => position + 1),
  );
}

function extractedPage(url: string): string {
  const page = PAGES.find((candidate) => candidate.url === url);
  if (page === undefined) return `Error: HTTP 404 Not Found for ${url}`;
  const heading = page.title.replace(/ [-|] .*$/, '');
  return `# ${heading}\n\n${page.snippet}\n\n## Overview\n\n| Field | Value |\n|---|---|\n| Source | ${new URL(url).hostname} |\n| Listed as | ${page.title} |`;
}

/** Replays every dict_memory call of the history and answers the newest one. */
function memoryAnswer(calls: readonly ToolCall[]): string {
  const memory = new Map<string, unknown>();
  let answer = '';
  for (const call of calls) {
    if (call.name !== 'dict_memory') continue;
    const dict = (call.arguments.dict ?? {}) as Record<string, unknown>;
    const keys = (call.arguments.key_list ?? []) as string[];
    switch (call.arguments.operation) {
      case 'add':
        for (const [key, value] of Object.entries(dict)) memory.set(key, value);
        answer = `Added ${Object.keys(dict).length} key(s) to memory: ${Object.keys(dict).join(', ')}.`;
        break;
      case 'retrieve':
        answer = keys
          .map((key) => (memory.has(key) ? `${key}: ${String(memory.get(key))}` : `${key}: Key not found`))
          .join('\n');
        break;
      default:
        answer = `Operation ${String(call.arguments.operation)} done.`;
    }
  }
  return answer;
}

function toolAnswer(calls: readonly ToolCall[]): string {
  const call = calls[calls.length - 1] as ToolCall;
  if (call.name === 'web_search') {
    const queries = (call.arguments.queries as string[] | undefined) ?? [String(call.arguments.query)];
    return searchResults(queries);
  }
  if (call.name === 'web_extractor') return extractedPage(String(call.arguments.url));
  return memoryAnswer(calls);
}

const MODES: readonly ReasoningMode[] = ['think', 'reasoning_content', 'think', 'reasoning_content', 'none'];
const reasoningFor = (turn: number): string =>
  `Turn ${turn}: answer as the search tools would, consistent with earlier pages.`;

function searchResponder(request: ScriptedRequest): ScriptedReply {
  const calls = request.messages
    .filter((message) => message.role === 'user')
    .map((message) => actionOfUserMessage(message.content) as ToolCall);
  const turn = calls.length;
  return {
    type: 'observation',
    observation: toolAnswer(calls),
    reasoning: reasoningFor(turn),
    reasoningMode: MODES[(turn - 1) % MODES.length] ?? 'think',
  };
}

const MERDEKA = PAGES[0] as Page;
const ACTIONS: ToolCall[] = [
  { name: 'web_search', arguments: { query: 'Merdeka 118 height completed' } },
  { name: 'web_extractor', arguments: { url: MERDEKA.url, goal: 'height and completion year' } },
  {
    name: 'dict_memory',
    arguments: { operation: 'add', dict: { merdeka_118: 'Kuala Lumpur, 678.9 m, 2023' } },
  },
  {
    name: 'web_search',
    arguments: { queries: ['Shanghai Tower height', 'Abraj Al Bait clock tower height'] },
  },
  { name: 'dict_memory', arguments: { operation: 'retrieve', key_list: ['merdeka_118', 'shanghai_tower'] } },
];

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ script: searchResponder, streamChunkChars: 64 });
});
after(() => server.close());
beforeEach(() => {
  server.setScript(searchResponder);
  server.resetStats();
});

const statusOf = (checks: ReadonlyArray<{ id: string; status: string }>, id: string) =>
  checks.find((check) => check.id === id)?.status;

describe('search session end to end over the streaming lwm engine', () => {
  it('five calls: exact prompts, byte-stable history, extraction, checks, usage and provenance', async () => {
    const engine = fastLwmEngine(server, { stream: true });
    const env = await createEnv(exampleSpec('search'), { engine });
    await env.reset({ seed: 7 });
    const results = [];
    for (const action of ACTIONS) results.push(await env.step(action));
    const observations = results.map((result) => result.observation);
    const bodies = server.completionBodies as ReadonlyArray<{ messages: unknown; stream: unknown }>;
    assert.equal(bodies.length, 5);
    assert.ok(bodies.every((body) => body.stream === true));

    // Realistic answers, as the responder wrote them.
    assert.equal((observations[0]?.match(/^\[\d+\] https:\/\//gm) ?? []).length, 10);
    assert.match(observations[0] ?? '', /^\[1\] https:\/\/\S+\nTitle: .+\nSnippet: .+\nDate: .+\n\n\[2\] /);
    assert.ok(observations[0]?.includes(`] ${MERDEKA.url}\nTitle: ${MERDEKA.title}\n`));
    assert.ok(observations[1]?.startsWith('# Merdeka 118\n'));
    assert.equal(observations[2], 'Added 1 key(s) to memory: merdeka_118.');
    assert.equal((observations[3]?.match(/^\[\d+\] /gm) ?? []).length, 20);
    assert.ok(observations[3]?.includes('\n\n[20] '));
    assert.equal(observations[4], 'merdeka_118: Kuala Lumpur, 678.9 m, 2023\nshanghai_tower: Key not found');

    const expectedTurnThree = [
      { role: 'system', content: env.systemPrompt },
      { role: 'user', content: turnPrompt(1, ACTIONS[0]) },
      { role: 'assistant', content: observationMessage(observations[0] ?? '') },
      { role: 'user', content: turnPrompt(2, ACTIONS[1]) },
      { role: 'assistant', content: observationMessage(observations[1] ?? '') },
      { role: 'user', content: `${turnPrompt(3, ACTIONS[2])}\n\n${DEFAULT_TURN_INSTRUCTION}` },
    ];
    assert.deepEqual(bodies[2]?.messages, expectedTurnThree);
    const turnTwo = bodies[1]?.messages as Array<{ role: string; content: string }>;
    assert.deepEqual(turnTwo.slice(0, 3), expectedTurnThree.slice(0, 3), 'history re-sent byte for byte');
    assert.equal(turnTwo[3]?.content, `${expectedTurnThree[3]?.content}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(env.systemPrompt.includes('2025-06-01'), 'the current date is in the system prompt');

    results.forEach((result, position) => {
      const turn = result.info.turn;
      const streamedReasoning = MODES[position] !== 'none';
      assert.equal(turn.reasoning, streamedReasoning ? reasoningFor(position + 1) : undefined);
      assert.ok(!turn.observation.includes('<think>') && !turn.observation.includes('Turn '));
      assert.deepEqual(
        turn.checks.filter((check) => check.status === 'fail'),
        [],
      );
      assert.deepEqual(turn.events, []);
      const usage = turn.usage;
      assert.ok(usage !== undefined && usage.promptTokens > 0 && usage.completionTokens > 0);
      assert.equal(usage.totalTokens, usage.promptTokens + usage.completionTokens);
      assert.equal((usage.reasoningTokens ?? 0) > 0, streamedReasoning);
      assert.deepEqual(turn.provenance, {
        source: 'simulated',
        engine: 'lwm',
        model: server.model,
        promptHash: contentHash(bodies[position]?.messages),
      });
    });
    const checks = results.map((result) => result.info.turn.checks);
    for (const searchTurn of [0, 3]) {
      assert.equal(statusOf(checks[searchTurn] ?? [], 'search-format'), 'pass');
      assert.equal(statusOf(checks[searchTurn] ?? [], 'search-count'), 'pass');
    }
    assert.equal(statusOf(checks[1] ?? [], 'extract-consistency'), 'pass');
    assert.equal(statusOf(checks[2] ?? [], 'memory-consistency'), 'pass');
    assert.equal(statusOf(checks[4] ?? [], 'memory-consistency'), 'pass');
    assert.deepEqual(results[4]?.info.ledger.memory, { merdeka_118: 'Kuala Lumpur, 678.9 m, 2023' });
    await engine.close();
  });

  it('results numbered 1, 2, 4 … fail search-format and record a check.failed event', async () => {
    const engine = fastLwmEngine(server, { stream: true });
    const env = await createEnv(exampleSpec('search'), { engine });
    await env.reset({ seed: 7 });
    const pages = rank('Shanghai Tower height');
    server.enqueue({
      type: 'observation',
      observation: resultBlocks(pages, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
      reasoning: 'Ten results.',
    });
    const wrong = await env.step({ name: 'web_search', arguments: { query: 'Shanghai Tower height' } });
    const failed = wrong.info.turn.checks.filter((check) => check.status === 'fail');
    assert.deepEqual(
      failed.map((check) => check.id),
      ['search-format'],
    );
    assert.match(failed[0]?.message ?? '', /expected \[3\], found \[4\]/);
    assert.deepEqual(
      wrong.info.turn.events.filter((event) => event.type === 'check.failed').map((event) => event.data),
      [{ check: 'search-format' }],
    );
    // Eleven results for one query fail search-count (fewer than ten pass: fewer documents may match).
    const eleven = [...pages, ...rank('Burj Khalifa height')].slice(0, 11);
    server.enqueue({
      type: 'observation',
      observation: resultBlocks(
        eleven,
        eleven.map((_, position) => position + 1),
      ),
    });
    const short = await env.step({ name: 'web_search', arguments: { query: 'Shanghai Tower height' } });
    assert.equal(statusOf(short.info.turn.checks, 'search-count'), 'fail');
    assert.ok(short.info.turn.events.some((event) => event.data?.check === 'search-count'));
    // A stored value missing from a retrieve fails memory-consistency.
    await env.step({
      name: 'dict_memory',
      arguments: { operation: 'add', dict: { shanghai_tower: '632 m' } },
    });
    server.enqueue({ type: 'observation', observation: 'shanghai_tower: 601 m' });
    const forgetful = await env.step({
      name: 'dict_memory',
      arguments: { operation: 'retrieve', key_list: ['shanghai_tower'] },
    });
    assert.equal(statusOf(forgetful.info.turn.checks, 'memory-consistency'), 'fail');
    await engine.close();
  });
});
