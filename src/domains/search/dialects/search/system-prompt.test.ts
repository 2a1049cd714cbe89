import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type WorldSpecInput, WorldSpecSchema } from '../../../../core/world-spec.js';
import { searchSystemPrompt } from './system-prompt.js';

function specOf(extra: Partial<WorldSpecInput> = {}) {
  return WorldSpecSchema.parse({ domain: 'search', ...extra });
}

describe('searchSystemPrompt', () => {
  const full = specOf({
    task: 'List the five tallest buildings.',
    simulationInstructions: 'Reference answer: Burj Khalifa, 828 m.',
    initialState: {
      text: 'Nothing open yet.',
      data: { currentDate: '2025-06-01', memory: { city: 'Dubai' } },
    },
    demonstrations: [
      {
        turns: [
          {
            action: { name: 'dict_memory', arguments: { operation: 'retrieve_all' } },
            observation: 'Memory is empty.',
          },
        ],
      },
    ],
  });

  it('has every section in order', () => {
    const text = searchSystemPrompt(full);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, [
      'Role',
      'Action Space',
      'Tool Definitions',
      'How to Simulate',
      'Demonstrations',
      'Task Given to the Agent',
      'Initial State',
      'Simulation Instructions',
      'Answer Format',
    ]);
    for (const sub of [
      '### web_search',
      '### web_extractor',
      '### dict_memory',
      '### Facts and consistency',
    ]) {
      assert.ok(text.includes(`\n${sub}\n`), sub);
    }
  });

  it('states the result format, the content priority and the no-leak rule', () => {
    const text = searchSystemPrompt(full);
    assert.match(text, /Return 10 results per query\. A batch of q queries returns 10×q results/);
    assert.match(text, /\[k\] <full URL>\n {2}Title: .+\n {2}Snippet: .+\n {2}Date: .+N\/A/);
    assert.match(text, /\(1\) the reference answer/);
    assert.match(text, /must not leak it/);
    assert.match(text, /Key not found/);
    assert.match(text, /is not created and is reported as not found/);
  });

  it('reads the data keys: date, starting memory and results per query', () => {
    const text = searchSystemPrompt(full);
    assert.ok(text.includes('Today is 2025-06-01'));
    assert.ok(text.includes('starts with the pairs below'));
    assert.ok(text.includes('```json\n{\n  "city": "Dubai"\n}\n```'));
    const fewer = searchSystemPrompt(specOf({ initialState: { data: { resultsPerQuery: 5 } } }));
    assert.match(fewer, /Return 5 results per query/);
    assert.ok(fewer.includes('starts empty'));
    assert.ok(!fewer.includes('Today is'));
  });

  it('renders demonstrations with fenced actions and the observation marker', () => {
    const text = searchSystemPrompt(full);
    assert.ok(
      text.includes(
        '### Turn 1\n**Action:**\n```json\n{\n  "name": "dict_memory",\n  "arguments": {\n    "operation": "retrieve_all"\n  }\n}\n```\n\n**Environment Observation:**\nMemory is empty.',
      ),
    );
  });

  it('is stable: the same spec gives the same bytes', () => {
    assert.equal(searchSystemPrompt(full), searchSystemPrompt(specOf(JSON.parse(JSON.stringify(full)))));
  });

  it("uses the spec's tools, with rules only for the tools it has", () => {
    const text = searchSystemPrompt(
      specOf({ tools: [{ name: 'web_search', description: 'Bing search' }, { name: 'final_answer' }] }),
    );
    assert.ok(text.includes('"description": "Bing search"'));
    assert.ok(text.includes('### web_search'));
    assert.ok(!text.includes('### web_extractor'));
    assert.ok(!text.includes('### dict_memory'));
    assert.match(text, /### Other tools\n- `final_answer`:/);
  });

  it('keeps its own prose within a readable length', () => {
    const prose = searchSystemPrompt(specOf()).replace(/## Tool Definitions\n```json[\s\S]*?\n```\n/, '');
    const lines = prose.split('\n').length;
    assert.ok(lines >= 40 && lines <= 90, `prose has ${lines} lines`);
  });

  it('fills a template of your own and appends the spec sections', () => {
    const text = searchSystemPrompt(
      specOf({
        simulationInstructions: 'Reference answer: 828 m.',
        prompt: {
          systemTemplate: 'You simulate search tools {"like": "this"}.\n\n# Tools\n{tool_definitions}\n',
        },
      }),
    );
    assert.ok(
      text.startsWith(
        'You simulate search tools {"like": "this"}.\n\n# Tools\n```json\n[\n  {\n    "name": "web_search"',
      ),
    );
    assert.ok(text.endsWith('```\n\n## Simulation Instructions\nReference answer: 828 m.'));
    assert.ok(!text.includes('## Role'));
  });
});
