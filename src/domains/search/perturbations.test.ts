import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  perturbationContext,
  renderControlBlock,
  SYSTEM_CONDITIONS_HEADING,
  TURN_CONTROL_HEADING,
} from '../../control/index.js';
import { isAgentWorldError } from '../../core/errors.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import type {
  AnyPerturbationDefinition,
  ObservationContext,
  PerturbationContext,
} from '../../core/perturbation.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { createLwmEngine, createReplayEngine } from '../../engines/index.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import type { SearchAction } from './dialects/search/index.js';
import { parseSearchResults, renderSearchAction } from './dialects/search/index.js';
import { searchDomain } from './domain.js';
import {
  searchCaptchaBlock,
  searchInaccessiblePage,
  searchNoResults,
  searchPerturbations,
  searchRateLimit,
  searchStaleResults,
  searchTeasingResults,
  searchTruncatedPage,
} from './perturbations.js';

const exampleSpecInput = JSON.parse(
  readFileSync(new URL('../../../examples/search.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { demonstrations: Array<{ turns: Array<{ observation: string }> }> };
const spec = parseWorldSpec(exampleSpecInput);

/** Ten real-looking results: the example spec's demonstration observation. */
const SEARCH_RESULTS = exampleSpecInput.demonstrations[0]?.turns[0]?.observation ?? '';
assert.ok(parseSearchResults(SEARCH_RESULTS).length === 10);

const PAGE_URL = 'https://en.wikipedia.org/wiki/Burj_Khalifa';
const PAGE = [
  '# Burj Khalifa',
  '',
  'The **Burj Khalifa** is a mixed-use skyscraper in Dubai, United Arab Emirates. It has been the tallest',
  'building in the world since it opened in January 2010, and its spire is visible from across the city.',
  '',
  '## Height',
  '',
  '| Measure | Value |',
  '|---|---|',
  '| Architectural top | 828 m |',
  '| Highest occupied floor | 585.7 m |',
  '| Floors above ground | 163 |',
  '',
  'The tower was designed by the Chicago office of Skidmore, Owings & Merrill. Its Y-shaped floor plan',
  'reduces the wind forces on the structure and gives most apartments a view of the Gulf.',
  '',
  '## Construction',
  '',
  'Excavation began in January 2004 and the exterior was completed in October 2009. The building opened on',
  '4 January 2010, when it was renamed in honour of the President of the United Arab Emirates.',
  '',
  '## Records',
  '',
  '- Tallest existing structure',
  '- Highest number of storeys',
  '- Highest occupied floor',
  '- Highest outdoor observation deck at the time of opening',
].join('\n');
const MEMORY_CONFIRMATION = 'Successfully added items of ["burj_khalifa_height"] to memory.';

const SEARCH: SearchAction = { name: 'web_search', arguments: { query: 'Burj Khalifa height' } };
const EXTRACT: SearchAction = { name: 'web_extractor', arguments: { url: PAGE_URL } };
const REMEMBER: SearchAction = {
  name: 'dict_memory',
  arguments: { operation: 'add', dict: { burj_khalifa_height: '828 m' } },
};

function contextOf(
  action: SearchAction | undefined,
  turnIndex = 1,
  at: WorldSpec = spec,
): PerturbationContext {
  return perturbationContext(searchDomain, at, { seed: 0, turnIndex, action });
}

function withObservation(context: PerturbationContext, observation: string): ObservationContext {
  return { ...context, observation };
}

interface Case {
  readonly definition: AnyPerturbationDefinition;
  readonly defaults: Record<string, unknown>;
  readonly essentials: readonly string[];
  readonly action: SearchAction;
  readonly observation: string;
  readonly refused: readonly SearchAction[];
}

const CASES: readonly Case[] = [
  {
    definition: searchNoResults,
    defaults: {},
    essentials: ['No results found for', '"Burj Khalifa height"'],
    action: SEARCH,
    observation: SEARCH_RESULTS,
    refused: [EXTRACT, REMEMBER],
  },
  {
    definition: searchInaccessiblePage,
    defaults: { reason: 'forbidden' },
    essentials: ['HTTP 403 Forbidden', PAGE_URL],
    action: EXTRACT,
    observation: PAGE,
    refused: [SEARCH, REMEMBER],
  },
  {
    definition: searchRateLimit,
    defaults: { retryAfterSeconds: 60 },
    essentials: ['HTTP 429 Too Many Requests', 'retry after 60 seconds'],
    action: SEARCH,
    observation: SEARCH_RESULTS,
    refused: [REMEMBER],
  },
  {
    definition: searchTeasingResults,
    defaults: { withheld: [] },
    essentials: ['10 results per query', 'no snippet contains any number'],
    action: SEARCH,
    observation: SEARCH_RESULTS,
    refused: [EXTRACT, REMEMBER],
  },
  {
    definition: searchStaleResults,
    defaults: { years: 3 },
    essentials: ['2022 or earlier', 'Date: N/A'],
    action: SEARCH,
    observation: SEARCH_RESULTS,
    refused: [EXTRACT, REMEMBER],
  },
  {
    definition: searchCaptchaBlock,
    defaults: {},
    essentials: ['CAPTCHA', 'not a robot'],
    action: EXTRACT,
    observation: PAGE,
    refused: [REMEMBER],
  },
  {
    definition: searchTruncatedPage,
    defaults: { maxCharacters: 1500 },
    essentials: ['at most 1500 characters', '[Content truncated'],
    action: EXTRACT,
    observation: PAGE,
    refused: [SEARCH, REMEMBER],
  },
];

describe('search perturbation catalog', () => {
  it('has unique kebab-case ids, no parameter named like a `when` key, and a test case for every entry', () => {
    const ids = searchPerturbations.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 6);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.deepEqual(new Set(CASES.map((entry) => entry.definition.id)), new Set(ids));
    const whenKeys = ['turn', 'tool', 'match', 'probability', 'every', 'from', 'until'];
    for (const entry of searchPerturbations) {
      const keys = Object.keys(entry.params.parse({}) as Record<string, unknown>);
      assert.deepEqual(
        keys.filter((key) => whenKeys.includes(key)),
        [],
        entry.id,
      );
    }
  });

  for (const entry of CASES) {
    const { definition } = entry;
    describe(definition.id, () => {
      const params = definition.params.parse({}) as Record<string, unknown>;
      const context = contextOf(entry.action, 2);

      it('parses {} to its defaults and refuses unknown parameters', () => {
        assert.deepEqual(params, entry.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      it('gives an instruction with the essentials, on a turn and for the whole session', () => {
        const turn = definition.instruction(params, context);
        for (const needle of entry.essentials) assert.ok(turn.includes(needle), `${needle} in: ${turn}`);
        const session = definition.instruction(params, contextOf(undefined));
        assert.ok(session.trim().length > 20);
        assert.ok(!session.includes('this '), session);
      });

      it('renders a realistic observation so that the check sees it, deterministically', () => {
        assert.equal(definition.manifested(params, withObservation(context, entry.observation)), false);
        const rendered = definition.render(params, withObservation(context, entry.observation));
        assert.notEqual(rendered, entry.observation);
        assert.equal(definition.render(params, withObservation(context, entry.observation)), rendered);
        assert.equal(definition.manifested(params, withObservation(context, rendered)), true, rendered);
      });

      it('applies to the calls that can show it', () => {
        assert.equal(definition.appliesTo?.(params, context), true);
        for (const action of entry.refused) {
          assert.equal(definition.appliesTo?.(params, contextOf(action)), false, action.name);
        }
      });
    });
  }

  it('finds no perturbation in ordinary results, pages and memory answers', () => {
    const samples: Array<[SearchAction, string]> = [
      [SEARCH, SEARCH_RESULTS],
      [EXTRACT, PAGE],
      [REMEMBER, MEMORY_CONFIRMATION],
    ];
    for (const definition of searchPerturbations) {
      for (const [action, observation] of samples) {
        const shown = definition.manifested(
          definition.params.parse({}),
          withObservation(contextOf(action), observation),
        );
        assert.equal(shown, false, `${definition.id} on ${action.name}`);
      }
    }
  });

  it('inaccessible-page: every reason renders and is told apart', () => {
    const context = contextOf(EXTRACT);
    const reasons = ['forbidden', 'not-found', 'paywall', 'timeout'] as const;
    for (const reason of reasons) {
      const rendered = searchInaccessiblePage.render({ reason }, withObservation(context, PAGE));
      assert.equal(searchInaccessiblePage.manifested({ reason }, withObservation(context, rendered)), true);
      for (const other of reasons.filter((candidate) => candidate !== reason)) {
        assert.equal(
          searchInaccessiblePage.manifested({ reason: other }, withObservation(context, rendered)),
          false,
          `${reason} read as ${other}`,
        );
      }
    }
    const paywalled = searchInaccessiblePage.render({ reason: 'paywall' }, withObservation(context, PAGE));
    assert.ok(paywalled.startsWith('# Burj Khalifa\n\nThe **Burj Khalifa** is'));
    assert.ok(!paywalled.includes('## Construction'));
    assert.equal(
      searchInaccessiblePage.render({ reason: 'not-found' }, withObservation(context, PAGE)),
      `Error: could not fetch ${PAGE_URL}: HTTP 404 Not Found. The page does not exist or has moved.`,
    );
  });

  it('teasing-results keeps ten on-topic results and hides withheld words', () => {
    const context = contextOf(SEARCH);
    const teased = searchTeasingResults.render({ withheld: [] }, withObservation(context, SEARCH_RESULTS));
    const results = parseSearchResults(teased);
    assert.equal(results.length, 10);
    assert.deepEqual(
      results.map((result) => result.url),
      parseSearchResults(SEARCH_RESULTS).map((result) => result.url),
    );
    assert.ok(teased.includes('Snippet: Take the high-speed lift to the observation decks on levels ...'));

    const leaky = SEARCH_RESULTS.replace(
      'Snippet: Key numbers about the tower:',
      'Snippet: The tower at the heart of Downtown Dubai rises 828 metres. Key numbers about the tower:',
    );
    const withheld = { withheld: ['828'] };
    assert.equal(searchTeasingResults.manifested(withheld, withObservation(context, leaky)), false);
    const hidden = searchTeasingResults.render(withheld, withObservation(context, leaky));
    assert.ok(!hidden.includes('828'));
    assert.ok(hidden.includes('Snippet: The tower at the heart of Downtown Dubai rises ...\n'));
    assert.equal(searchTeasingResults.manifested(withheld, withObservation(context, hidden)), true);
    // With withheld words, digits elsewhere are allowed.
    assert.equal(searchTeasingResults.manifested(withheld, withObservation(context, SEARCH_RESULTS)), true);
  });

  it('stale-results dates every result before the cutoff, from the spec’s current date', () => {
    const context = contextOf(SEARCH);
    const stale = searchStaleResults.render({ years: 5 }, withObservation(context, SEARCH_RESULTS));
    const results = parseSearchResults(stale);
    assert.equal(results.length, 10);
    for (const result of results)
      assert.match(result.date ?? '', /^[A-Z][a-z]{2} \d{1,2}, (?:20(?:1\d|20))$/);
    // The Guardian's 2010 date was already old enough and is kept.
    assert.equal(results[6]?.date, 'Jan 4, 2010');
    assert.equal(searchStaleResults.manifested({ years: 5 }, withObservation(context, stale)), true);
    assert.equal(searchStaleResults.manifested({ years: 20 }, withObservation(context, stale)), false);
    // A result block without any Date line gets one.
    const undated = SEARCH_RESULTS.replace(/\nDate: [^\n]*/g, '');
    const filled = parseSearchResults(
      searchStaleResults.render({ years: 5 }, withObservation(context, undated)),
    );
    assert.ok(filled.every((result) => result.date !== undefined));
  });

  it('rate-limit and captcha-block read the extractor call too, and truncation keeps the start', () => {
    const context = contextOf(EXTRACT);
    assert.match(
      searchRateLimit.render({ retryAfterSeconds: 5 }, withObservation(context, PAGE)),
      /page fetch rate limit.*5 seconds/,
    );
    assert.equal(
      searchRateLimit.manifested(
        { retryAfterSeconds: 5 },
        withObservation(context, 'Error: HTTP 429 Too Many Requests. Retry after 50 seconds.'),
      ),
      false,
    );
    const cut = searchTruncatedPage.render({ maxCharacters: 200 }, withObservation(context, PAGE));
    assert.ok(cut.startsWith('# Burj Khalifa'));
    assert.ok(cut.length < 300);
    assert.match(
      cut,
      /\n\n\[Content truncated: only the first \d+ characters of the page were extracted\.\]$/,
    );
  });

  it('parseWorldSpec refuses unknown perturbations and bad parameters, naming the rule', () => {
    const refuse = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...exampleSpecInput, perturbations }),
        (error: unknown) => isAgentWorldError(error, 'INVALID_SPEC') && pattern.test(error.message),
      );
    };
    refuse(
      [{ id: 'gone', perturbation: 'popup-modal' }],
      /perturbations\[0\] \("gone"\).*unknown perturbation "popup-modal".*no-results/,
    );
    refuse(
      [
        { perturbation: 'no-results' },
        { id: 'bad', perturbation: 'inaccessible-page', params: { reason: 'gone' } },
      ],
      /perturbations\[1\] \("bad"\).*params\.reason/,
    );
    refuse([{ perturbation: 'stale-results', params: { years: 0 } }], /perturbations\[0\].*params\.years/);
  });
});

describe('search perturbations in a real session', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer();
  });
  after(async () => {
    await server.close();
  });
  const engineFor = () =>
    createLwmEngine({ baseUrl: server.url, model: server.model, retryBaseMs: 1, retryMaxMs: 5 });

  it('replay engine: a recorded session replays with the firing turn rendered, labelled and checked', async () => {
    // Record a session through a world model first (the repository has no recorded search session).
    server.setScript([SEARCH_RESULTS, PAGE, MEMORY_CONFIRMATION]);
    const recorder = engineFor();
    const recording = await createEnv(spec, { engine: recorder });
    await recording.reset({ seed: 7 });
    for (const action of [SEARCH, EXTRACT, REMEMBER]) await recording.step(action);
    const record = recording.toRecord();
    await recorder.close();

    const engine = createReplayEngine({ sessions: [record] });
    const env = await createEnv(
      {
        ...exampleSpecInput,
        perturbations: [
          {
            id: 'dead-link',
            perturbation: 'inaccessible-page',
            params: { reason: 'not-found' },
            when: { turn: 2 },
          },
        ],
      },
      { engine },
    );
    await env.reset({ seed: 7 });
    const first = await env.step(SEARCH);
    assert.equal(first.observation, SEARCH_RESULTS);
    assert.equal(first.info.turn.provenance.source, 'replayed');

    const second = await env.step(EXTRACT);
    const turn = second.info.turn;
    assert.equal(
      second.observation,
      `Error: could not fetch ${PAGE_URL}: HTTP 404 Not Found. The page does not exist or has moved.`,
    );
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, 'simulated');
    const injected = turn.events.find((event) => event.type === 'perturbation.injected');
    assert.equal(injected?.data?.perturbation, 'inaccessible-page');
    assert.equal(injected?.data?.rule, 'dead-link');
    assert.equal(injected?.data?.manifested, true);
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:inaccessible-page'),
      { id: 'perturbation:inaccessible-page', status: 'pass' },
    );
    // The domain's own checks read the rendering as an unreachable page, not as a wrong one.
    assert.equal(turn.checks.find((check) => check.id === 'extract-consistency')?.status, 'skip');

    const third = await env.step(REMEMBER);
    assert.equal(third.observation, MEMORY_CONFIRMATION);
    assert.equal(third.info.turn.provenance.source, 'replayed');
    await env.close();
    await engine.close();
  });

  it('scripted world model: the control block follows the fence, stays in history; conditions are in the system prompt', async () => {
    server.resetStats();
    server.setScript(['No results found for "Burj Khalifa height".', PAGE]);
    const engine = engineFor();
    const env = await createEnv(
      {
        ...exampleSpecInput,
        perturbations: [
          { perturbation: 'no-results', when: { tool: 'web_search' } },
          { perturbation: 'stale-results', params: { years: 5 } },
        ],
      },
      { engine },
    );
    await env.reset({ seed: 1 });
    const first = await env.step(SEARCH);
    await env.step(EXTRACT);

    const instruction = searchNoResults.instruction({}, contextOf(SEARCH, 1));
    const turnOne = `### Turn 1\n**Action:**\n${renderSearchAction(SEARCH)}${renderControlBlock([instruction])}`;
    assert.ok(turnOne.includes(`\`\`\`\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`));
    const [firstBody, secondBody] = server.completionBodies;
    const firstMessages = firstBody?.messages as Array<{ role: string; content: string }>;
    const secondMessages = secondBody?.messages as Array<{ role: string; content: string }>;
    assert.equal(firstMessages[1]?.content, `${turnOne}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.equal(secondMessages[1]?.content, turnOne);
    assert.equal(secondMessages[1]?.content, env.turns[0]?.prompt);
    // `when.tool` matched the search call only: the extractor turn carries no control block.
    assert.ok(!secondMessages[3]?.content.includes(TURN_CONTROL_HEADING));

    // A model that follows the instruction shows the condition, and nothing is rendered over its answer.
    const injected = first.info.turn.events.find(
      (event) => event.type === 'perturbation.injected' && event.data?.perturbation === 'no-results',
    );
    assert.equal(injected?.data?.manifested, true);
    assert.equal(injected?.data?.rendered, false);
    assert.equal(first.info.turn.provenance.source, 'simulated');

    const condition = searchStaleResults.instruction({ years: 5 }, contextOf(undefined));
    assert.ok(condition.includes('2020 or earlier'));
    for (const messages of [firstMessages, secondMessages]) {
      const system = messages[0]?.content ?? '';
      assert.ok(system.includes(`${SYSTEM_CONDITIONS_HEADING}\n`));
      assert.ok(system.indexOf(SYSTEM_CONDITIONS_HEADING) < system.indexOf(`\n- ${condition}`));
    }
    await env.close();
    await engine.close();
  });
});
