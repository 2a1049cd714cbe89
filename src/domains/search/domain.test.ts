import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { type WorldSpec, type WorldSpecInput, WorldSpecSchema } from '../../core/world-spec.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { createEnv } from '../../session/create-env.js';
import { Session } from '../../session/session.js';
import { searchDomain } from './domain.js';

const EXAMPLE_PATH = new URL('../../../examples/search.json', import.meta.url);
const example = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as WorldSpecInput;

function specOf(extra: Partial<WorldSpecInput> = {}): WorldSpec {
  return WorldSpecSchema.parse({ domain: 'search', ...extra });
}

async function expectSpecError(spec: WorldSpec, code: string, path: string): Promise<void> {
  await assert.rejects(searchDomain.prepare(spec), (error: unknown) => {
    assert.ok(error instanceof AgentWorldError);
    assert.equal(error.code, code, error.message);
    assert.equal(error.details.path, path, error.message);
    assert.ok(error.message.includes(path), error.message);
    return true;
  });
}

/** An engine written for this test: answers each turn from a script and keeps the messages it was sent. */
function scriptedEngine(observations: readonly string[]): Engine & { readonly requests: PredictRequest[] } {
  const requests: PredictRequest[] = [];
  return {
    id: 'scripted',
    model: 'script',
    requests,
    identity: () => ({ engine: 'scripted' }),
    async predict(request) {
      requests.push(request);
      const observation = observations[request.turnIndex - 1];
      if (observation === undefined)
        throw new AgentWorldError('ENGINE_ERROR', `no scripted turn ${request.turnIndex}`);
      return {
        observation,
        provenance: {
          source: 'simulated',
          engine: 'scripted',
          model: 'script',
          promptHash: request.promptHash,
        },
        events: [],
      };
    },
    async close() {},
  };
}

const GENERAL_RESULTS = [
  ['https://en.wikipedia.org/wiki/List_of_tallest_buildings', 'List of tallest buildings - Wikipedia', 'N/A'],
  ['https://www.skyscrapercenter.com/buildings', 'Tallest Buildings - The Skyscraper Center', 'N/A'],
  [
    'https://www.britannica.com/topic/tallest-buildings-in-the-world-2226971',
    'Tallest Buildings in the World | Britannica',
    'N/A',
  ],
  [
    'https://www.cnn.com/travel/worlds-tallest-buildings',
    "The world's tallest buildings | CNN Travel",
    'Feb 12, 2024',
  ],
  [
    'https://www.guinnessworldrecords.com/world-records/tallest-building-in-the-world',
    'Tallest building in the world | Guinness World Records',
    'N/A',
  ],
  ['https://www.ctbuh.org/resource/height', 'Height criteria | CTBUH', 'N/A'],
  [
    'https://www.statista.com/statistics/tallest-buildings-worldwide',
    'Tallest buildings worldwide 2024 | Statista',
    'Jan 5, 2024',
  ],
  [
    'https://www.architecturaldigest.com/story/tallest-buildings-in-the-world',
    'The 20 Tallest Buildings in the World | Architectural Digest',
    'Aug 21, 2023',
  ],
  [
    'https://simple.wikipedia.org/wiki/List_of_tallest_buildings',
    'List of tallest buildings - Simple English Wikipedia',
    'N/A',
  ],
  [
    'https://www.quora.com/What-is-the-tallest-building-in-the-world',
    'What is the tallest building in the world? - Quora',
    'N/A',
  ],
];
const MERDEKA_RESULTS = [
  ['https://en.wikipedia.org/wiki/Merdeka_118', 'Merdeka 118 - Wikipedia', 'N/A'],
  [
    'https://www.skyscrapercenter.com/building/merdeka-118/11950',
    'Merdeka 118 - The Skyscraper Center',
    'N/A',
  ],
  [
    'https://www.reuters.com/world/asia-pacific/merdeka-118-opens',
    'Malaysia opens Merdeka 118 tower | Reuters',
    'Jan 10, 2024',
  ],
  [
    'https://www.thestar.com.my/news/nation/merdeka-118',
    'Merdeka 118 reaches its full height | The Star',
    'Nov 30, 2021',
  ],
  ['https://www.pnb.com.my/merdeka118', 'Merdeka 118 | PNB', 'N/A'],
  ['https://www.britannica.com/topic/Merdeka-118', 'Merdeka 118 | Facts & Height | Britannica', 'N/A'],
  ['https://www.fender-katsalidis.com/projects/merdeka-118', 'Merdeka 118 | Fender Katsalidis', 'N/A'],
  ['https://www.samsungcnt.com/merdeka-118', 'Merdeka 118 project | Samsung C&T', 'N/A'],
  [
    'https://www.bbc.com/news/world-asia-merdeka-118',
    "Malaysia's Merdeka 118 becomes the world's second-tallest building | BBC",
    'Dec 1, 2021',
  ],
  [
    'https://www.reddit.com/r/skyscrapers/merdeka_118',
    'Merdeka 118 from the ground : r/skyscrapers',
    'Mar 3, 2023',
  ],
];
const SEARCH_OBSERVATION = [...GENERAL_RESULTS, ...MERDEKA_RESULTS]
  .map(
    ([url, title, date], index) =>
      `[${index + 1}] ${url}\nTitle: ${title}\nSnippet: About ${title}.\nDate: ${date}`,
  )
  .join('\n\n');

describe('searchDomain.prepare', () => {
  it('accepts the example spec unchanged', async () => {
    const spec = WorldSpecSchema.parse(example);
    assert.equal(await searchDomain.prepare(spec), spec);
  });

  it("has a demonstration that passes the domain's own checks", () => {
    const spec = WorldSpecSchema.parse(example);
    const turn = spec.demonstrations[0]?.turns[0];
    assert.ok(turn);
    const checks = searchDomain.check({
      spec,
      turnIndex: 1,
      action: searchDomain.parseAction(turn.action, spec),
      ledger: searchDomain.createLedger(spec),
      observation: turn.observation,
    });
    assert.deepEqual(
      checks.map((check) => `${check.id}:${check.status}`),
      [
        'no-scaffolding:pass',
        'non-empty:pass',
        'search-format:pass',
        'search-count:pass',
        'extract-consistency:skip',
        'memory-consistency:skip',
        'success-claim:skip',
      ],
    );
  });

  it('rejects bad initialState.data with its path', async () => {
    await expectSpecError(
      specOf({ initialState: { data: { currentDate: '1 June 2025' } } }),
      'INVALID_SPEC',
      '$.initialState.data.currentDate',
    );
    await expectSpecError(
      specOf({ initialState: { data: { memory: ['a'] } } }),
      'INVALID_SPEC',
      '$.initialState.data.memory',
    );
    await expectSpecError(
      specOf({ initialState: { data: { resultsPerQuery: 0 } } }),
      'INVALID_SPEC',
      '$.initialState.data.resultsPerQuery',
    );
    await expectSpecError(
      specOf({ initialState: { data: { completionTools: ['submit'] } } }),
      'INVALID_SPEC',
      '$.initialState.data.completionTools[0]',
    );
  });

  it('rejects broken tool lists and demonstrations, and a tool server it cannot use', async () => {
    await expectSpecError(specOf({ tools: [] }), 'INVALID_SPEC', '$.tools');
    await expectSpecError(
      specOf({ tools: [{ name: 'a' }, { name: 'a' }] }),
      'INVALID_SPEC',
      '$.tools[1].name',
    );
    await expectSpecError(
      specOf({ tools: [{ name: 'a', inputSchema: { type: 'nonsense' } }] }),
      'INVALID_SPEC',
      '$.tools[0].inputSchema',
    );
    await expectSpecError(
      specOf({
        demonstrations: [{ turns: [{ action: { name: 'web_search', arguments: {} }, observation: 'x' }] }],
      }),
      'INVALID_SPEC',
      '$.demonstrations[0].turns[0].action',
    );
    await expectSpecError(specOf({ toolsFrom: { command: 'some-server' } }), 'UNSUPPORTED', '$.toolsFrom');
  });

  it('ends the episode only on completion tools', () => {
    const spec = specOf({
      tools: [{ name: 'web_search' }, { name: 'submit_answer' }],
      initialState: { data: { completionTools: ['submit_answer'] } },
    });
    assert.equal(searchDomain.isCompletion({ name: 'submit_answer', arguments: {} }, spec), true);
    assert.equal(searchDomain.isCompletion({ name: 'web_search', arguments: {} }, spec), false);
  });
});

describe('a search session', () => {
  const observations = [
    SEARCH_OBSERVATION,
    '# Merdeka 118\n\n**Merdeka 118** is a megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m it is the second-tallest building in the world.',
    "Successfully added items of ['merdeka_118'] to memory.",
  ];
  const actions: unknown[] = [
    { name: 'web_search', arguments: { queries: ['tallest buildings in the world', 'Merdeka 118 height'] } },
    '{"name": "web_extractor", "arguments": {"url": "https://en.wikipedia.org/wiki/Merdeka_118", "goal": "height"}}',
    {
      name: 'dict_memory',
      arguments: { operation: 'add', dict: { merdeka_118: { city: 'Kuala Lumpur', height_m: 678.9 } } },
    },
  ];

  it('sends the exact turn messages and keeps history byte-identical', async () => {
    const engine = scriptedEngine(observations);
    const env = await createEnv(example, { engine });
    const reset = await env.reset();
    assert.equal(
      reset.observation,
      'Web research environment ready. Available tools: web_search, web_extractor, dict_memory.',
    );
    assert.equal(reset.info.dialect, 'search');

    const first = await env.step(actions[0]);
    const turn1 =
      '### Turn 1\n**Action:**\n```json\n{\n  "name": "web_search",\n  "arguments": {\n    "queries": [\n' +
      '      "tallest buildings in the world",\n      "Merdeka 118 height"\n    ]\n  }\n}\n```';
    const sent1 = engine.requests[0]?.messages as readonly ChatMessage[];
    assert.equal(sent1.length, 2);
    assert.deepEqual(sent1[0], { role: 'system', content: env.systemPrompt });
    assert.equal(sent1[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.equal(first.info.turn.prompt, turn1);
    assert.deepEqual(
      first.info.turn.checks.filter((check) => check.status !== 'pass').map((check) => check.id),
      ['extract-consistency', 'memory-consistency', 'success-claim'],
    );

    const second = await env.step(actions[1]);
    const turn2 =
      '### Turn 2\n**Action:**\n```json\n{\n  "name": "web_extractor",\n  "arguments": {\n' +
      '    "url": "https://en.wikipedia.org/wiki/Merdeka_118",\n    "goal": "height"\n  }\n}\n```';
    const sent2 = engine.requests[1]?.messages as readonly ChatMessage[];
    assert.deepEqual(
      sent2.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(sent2[1]?.content, turn1);
    assert.equal(sent2[2]?.content, `**Environment Observation:**\n${SEARCH_OBSERVATION}`);
    assert.equal(sent2[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.equal(second.info.turn.checks.find((check) => check.id === 'extract-consistency')?.status, 'pass');

    const third = await env.step(actions[2]);
    const sent3 = engine.requests[2]?.messages as readonly ChatMessage[];
    assert.deepEqual(sent3.slice(0, 3), sent2.slice(0, 3), 'earlier history is resent byte for byte');
    assert.equal(sent3[3]?.content, turn2, 'the last prompt loses only its trailing instruction');
    assert.equal(third.info.turn.checks.find((check) => check.id === 'memory-consistency')?.status, 'pass');
    assert.deepEqual(third.info.ledger, {
      turns: 3,
      queries: ['tallest buildings in the world', 'Merdeka 118 height'],
      searchCalls: 1,
      resultCounts: [20],
      pages: (third.info.ledger.pages as unknown[]).slice(),
      extracted: ['https://en.wikipedia.org/wiki/Merdeka_118'],
      memory: { merdeka_118: { city: 'Kuala Lumpur', height_m: 678.9 } },
    });
    assert.equal((third.info.ledger.pages as unknown[]).length, 20);
    assert.deepEqual((third.info.ledger.pages as unknown[])[4], {
      url: 'https://www.guinnessworldrecords.com/world-records/tallest-building-in-the-world',
      title: 'Tallest building in the world | Guinness World Records',
      firstTurn: 1,
    });
    assert.equal(third.terminated, false);
  });

  it('forks without sharing later turns, and replays and restores from its record', async () => {
    const env = await createEnv(example, { engine: scriptedEngine(observations) });
    await env.reset({ seed: 11 });
    for (const action of actions.slice(0, 2)) await env.step(action);
    const child = env.fork();
    await child.step(actions[2]);
    assert.deepEqual(env.ledgerSummary().memory, {});
    assert.deepEqual(child.ledgerSummary().memory, {
      merdeka_118: { city: 'Kuala Lumpur', height_m: 678.9 },
    });

    const record = child.toRecord();
    const restored = Session.fromRecord(record, searchDomain, scriptedEngine([]));
    assert.deepEqual(restored.ledgerSummary(), child.ledgerSummary());

    const replay = createReplayEngine({ sessions: [record] });
    const again = await createEnv(example, { engine: replay });
    await again.reset({ seed: 11 });
    for (const [index, action] of actions.entries()) {
      const result = await again.step(action);
      assert.equal(result.observation, observations[index]);
      assert.equal(result.info.turn.provenance.source, 'replayed');
      assert.equal(result.info.turn.provenance.promptHash, record.turns[index]?.provenance.promptHash);
    }
    assert.deepEqual(again.ledgerSummary(), child.ledgerSummary());
  });

  it('rejects bad actions without recording a turn', async () => {
    const env = await createEnv(example, { engine: scriptedEngine(observations) });
    await env.reset();
    await assert.rejects(env.step({ name: 'web_browse', arguments: {} }), { code: 'UNKNOWN_TOOL' });
    await assert.rejects(env.step({ name: 'web_search', arguments: { q: 'x' } }), {
      code: 'INVALID_ARGUMENTS',
    });
    await assert.rejects(env.step('not json'), { code: 'INVALID_ACTION' });
    assert.equal(env.turns.length, 0);
  });
});
