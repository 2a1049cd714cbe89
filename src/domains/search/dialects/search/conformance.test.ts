/**
 * Conformance of the search dialect (no harness runs here): the world-model observation against the Qwen-AgentWorld
 * spec text (§1.2), the harness presentations against Qwen-Agent 31a4d36 (qwen_agent/tools/web_search.py) and
 * Alibaba-NLP/DeepResearch f72f75d (inference/tool_search.py, tool_visit.py, react_agent.py), and the argument
 * checks against all three (fixtures.ts says which source says what).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { checkSearchObservation } from '../../checks.js';
import { createSearchLedger } from '../../ledger.js';
import { parseSearchAction } from './actions.js';
import {
  CALL_FIXTURES,
  DEEPRESEARCH_BATCH_TAIL,
  DEEPRESEARCH_SEARCH_TEXT,
  DEEPRESEARCH_VISIT_BATCH_TEXT,
  DEEPRESEARCH_VISIT_TEXT,
  PRESENTED_RESULTS,
  QWEN_AGENT_SEARCH_TEXT,
  SPEC_SEARCH_OBSERVATION,
  VISIT_GOAL,
  VISITED_PAGE,
} from './fixtures.js';
import { parseSearchResults } from './parse.js';
import {
  DEEPRESEARCH_REFUSALS,
  deepResearchSearchText,
  deepResearchVisitText,
  presentedResultsOf,
  qwenAgentWebSearchText,
} from './presentation.js';
import { renderSearchAction } from './render.js';

const spec = WorldSpecSchema.parse({ domain: 'search' });

describe('search observation conformance with the spec', () => {
  it('parses the spec layout and passes the checks', () => {
    const results = parseSearchResults(SPEC_SEARCH_OBSERVATION);
    assert.deepEqual(
      results.map((result) => [result.index, result.url, result.date]),
      [
        [1, 'https://en.wikipedia.org/wiki/Merdeka_118', 'N/A'],
        [
          2,
          'https://www.reuters.com/world/asia-pacific/malaysias-merdeka-118-opens-2024-01-10/',
          'Jan 10, 2024',
        ],
        [3, 'https://www.skyscrapercenter.com/building/merdeka-118/20744', 'N/A'],
      ],
    );
    const action = parseSearchAction(
      { name: 'web_search', arguments: { query: 'Merdeka 118 height' } },
      spec,
    );
    const checks = checkSearchObservation({
      spec,
      turnIndex: 1,
      action,
      ledger: createSearchLedger(spec),
      observation: SPEC_SEARCH_OBSERVATION,
    });
    assert.deepEqual(
      checks.filter((check) => check.status === 'fail'),
      [],
    );
    for (const id of ['search-format', 'search-count'])
      assert.equal(checks.find((check) => check.id === id)?.status, 'pass', id);
    // Fenced, as the template's demonstration shows it, the same blocks parse.
    assert.deepEqual(parseSearchResults(`\`\`\`\n${SPEC_SEARCH_OBSERVATION}\n\`\`\``), results);
  });
});

describe('search harness presentations', () => {
  it("writes Qwen-Agent's web_search result byte for byte", () => {
    assert.equal(qwenAgentWebSearchText(PRESENTED_RESULTS), QWEN_AGENT_SEARCH_TEXT);
    assert.equal(
      qwenAgentWebSearchText(presentedResultsOf(parseSearchResults(SPEC_SEARCH_OBSERVATION))),
      QWEN_AGENT_SEARCH_TEXT,
    );
  });

  it("writes DeepResearch's search result byte for byte, batches and empty queries included", () => {
    assert.equal(deepResearchSearchText('Merdeka 118 height', PRESENTED_RESULTS), DEEPRESEARCH_SEARCH_TEXT);
    assert.equal(
      deepResearchSearchText([
        { query: 'Merdeka 118 height', results: PRESENTED_RESULTS },
        { query: 'Merdeka 118 qzxv', results: [] },
      ]),
      DEEPRESEARCH_SEARCH_TEXT + DEEPRESEARCH_BATCH_TAIL,
    );
    assert.equal(
      deepResearchSearchText('q', [
        { url: 'https://v.example', title: 'Clip', snippet: "Your browser can't play this video. A clip." },
      ]),
      "A Google search for 'q' found 1 results:\n\n## Web Results\n1. [Clip](https://v.example)\n\n A clip.",
    );
  });

  it("writes DeepResearch's visit result byte for byte", () => {
    assert.equal(deepResearchVisitText(VISITED_PAGE, VISIT_GOAL), DEEPRESEARCH_VISIT_TEXT);
    assert.equal(
      deepResearchVisitText(
        [
          { url: 'https://en.wikipedia.org/wiki/Merdeka_118', evidence: 'e', summary: 's' },
          { url: 'https://gone.example/404' },
        ],
        'g',
      ),
      DEEPRESEARCH_VISIT_BATCH_TEXT,
    );
  });
});

describe('search tool-call arguments against the sources', () => {
  it('accepts and refuses as fixtures.ts records, naming the field', () => {
    for (const fixture of CALL_FIXTURES) {
      const call = { name: fixture.name, arguments: fixture.arguments };
      if (fixture.dialect === true) {
        const action = parseSearchAction(call, spec);
        assert.equal(action.name, fixture.name, fixture.note);
        // The action renders as the JSON call the template shows after **Action:**.
        assert.deepEqual(JSON.parse(renderSearchAction(action).replace(/^```json\n|\n```$/g, '')), action);
      } else {
        const { path } = fixture.dialect;
        assert.throws(
          () => parseSearchAction(call, spec),
          (error: unknown) =>
            isAgentWorldError(error, 'INVALID_ARGUMENTS') && error.message.includes(path.replace('$.', '')),
          `${fixture.note}: expected a refusal at ${path}`,
        );
      }
    }
  });

  it("refuses an unknown tool with DeepResearch's words, less its Error: prefix", () => {
    assert.throws(
      () => parseSearchAction({ name: 'google_scholar', arguments: { query: ['a'] } }, spec),
      (error: unknown) =>
        isAgentWorldError(error, 'UNKNOWN_TOOL') &&
        DEEPRESEARCH_REFUSALS.unknownTool('google_scholar') === `Error: ${error.message}`,
    );
  });
});
