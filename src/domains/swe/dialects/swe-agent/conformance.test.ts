/**
 * SWE-agent conformance (3ea751c0): the fixtures of fixtures.ts, restated from the harness source, rendered byte
 * for byte by the editor, parsed, and passing the checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSweAction } from '../../actions.js';
import { failingChecks, type SweFixture, specFor } from '../../conformance-fixture.js';
import { parseSweObservation } from '../../observation-parse.js';
import {
  SWE_AGENT_FIXTURES,
  SWE_AGENT_PRESENTATION,
  SWE_AGENT_SUBMIT_FIXTURES,
  SWE_AGENT_SUBMIT_PATCH,
} from './fixtures.js';
import { presentSweAgentObservation } from './presentation.js';
import {
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  runSweAgentEditor,
  type SweAgentEditorFiles,
} from './render.js';

/** Files in memory, as the editor sees them. */
function memoryFiles(initial: Readonly<Record<string, string>>): SweAgentEditorFiles {
  const files = new Map(Object.entries(initial));
  const isDirectory = (path: string) =>
    path === '/testbed' || [...files.keys()].some((file) => file.startsWith(`${path}/`));
  return {
    exists: (path) => files.has(path) || isDirectory(path),
    isDirectory,
    read: (path) => files.get(path) ?? '',
    write: (path, content) => void files.set(path, content),
    listTree: (path) => [path, ...[...files.keys()].filter((file) => file.startsWith(`${path}/`))].join('\n'),
  };
}

describe('swe conformance: swe-agent (3ea751c0)', () => {
  for (const fixture of SWE_AGENT_FIXTURES) {
    it(`${fixture.name}: rendered byte for byte, parsed, checks pass`, () => {
      const args = (fixture.action as { arguments: Record<string, unknown> }).arguments;
      const result = runSweAgentEditor(args, memoryFiles(fixture.files), new Map(), '/testbed');
      assert.equal(result.output, fixture.observation);
      assert.notEqual(parseSweObservation(fixture.observation).kind, undefined);
      if (fixture.observation.startsWith("Here's the result")) {
        assert.equal(parseSweObservation(fixture.observation).kind, 'numbered-lines');
      }
      assert.deepEqual(failingChecks('swe-agent', fixture), []);
    });
  }

  it('undo_edit restores the text before the last edit', () => {
    const files = memoryFiles({ '/testbed/a.py': 'x = 1\n' });
    const history = new Map<string, string[]>();
    runSweAgentEditor(
      { command: 'str_replace', path: '/testbed/a.py', old_str: '1', new_str: '2' },
      files,
      history,
      '/testbed',
    );
    const undone = runSweAgentEditor(
      { command: 'undo_edit', path: '/testbed/a.py' },
      files,
      history,
      '/testbed',
    );
    assert.equal(
      undone.output,
      "Last edit to /testbed/a.py undone successfully. Here's the result of running `cat -n` on /testbed/a.py:\n     1\tx = 1\n     2\t\n\n",
    );
    assert.equal(files.read('/testbed/a.py'), 'x = 1\n');
  });

  it('submit answers with the review message first, then the submission', () => {
    assert.equal(renderSweAgentSubmitReview(SWE_AGENT_SUBMIT_PATCH), SWE_AGENT_SUBMIT_FIXTURES.review);
    assert.equal(renderSweAgentSubmission(SWE_AGENT_SUBMIT_PATCH), SWE_AGENT_SUBMIT_FIXTURES.submission);
  });

  it('presents observations in the OBSERVATION: wrapper', () => {
    for (const { observation, presented } of SWE_AGENT_PRESENTATION) {
      assert.equal(presentSweAgentObservation(observation), presented);
    }
  });

  it('accepts its tools and refuses another harness tool', () => {
    const spec = specFor('swe-agent', SWE_AGENT_FIXTURES[0] as SweFixture);
    for (const fixture of SWE_AGENT_FIXTURES) assert.doesNotThrow(() => parseSweAction(fixture.action, spec));
    assert.doesNotThrow(() => parseSweAction({ name: 'submit', arguments: {} }, spec));
    assert.throws(() => parseSweAction({ name: 'Read', arguments: { file_path: '/testbed/a' } }, spec));
  });
});
