import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../core/errors.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { parseSweAction } from './actions.js';
import { checkSweObservation } from './checks.js';
import {
  MINI_SWE_ACCEPTED,
  MINI_SWE_FIXTURES,
  MINI_SWE_REFUSED,
  MINI_SWE_SUBMISSIONS,
} from './fixtures/mini-swe-agent.js';
import {
  SWE_AGENT_FIXTURES,
  SWE_AGENT_PRESENTATION,
  SWE_AGENT_SUBMIT_FIXTURES,
  SWE_AGENT_SUBMIT_PATCH,
} from './fixtures/swe-agent.js';
import type { SweFixture } from './fixtures/types.js';
import { presentMiniSweObservation, presentSweAgentObservation } from './harness-presentation.js';
import { createSweLedger } from './ledger.js';
import { isMiniSweSubmission, renderMiniSweObservation } from './observation-format.js';
import { parseSweObservation } from './observation-parse.js';
import {
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  runSweAgentEditor,
  type SweAgentEditorFiles,
} from './swe-agent-editor.js';

function specFor(dialect: string, fixture: SweFixture) {
  return parseWorldSpec({
    domain: 'swe',
    dialect,
    initialState: { data: { cwd: '/testbed', files: fixture.files } },
  });
}

/** The checks of one fixture turn, none of which may fail. */
function failingChecks(dialect: string, fixture: SweFixture): string[] {
  const spec = specFor(dialect, fixture);
  const action = parseSweAction(fixture.action, spec);
  const ledger = createSweLedger(spec);
  const checks = checkSweObservation({
    spec,
    turnIndex: 1,
    action,
    ledger,
    observation: fixture.observation,
  });
  return checks.filter((check) => check.status === 'fail').map((check) => `${check.id}: ${check.message}`);
}

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

describe('swe conformance: mini-swe-agent (a83fcae8)', () => {
  for (const fixture of MINI_SWE_FIXTURES) {
    it(`${fixture.name}: rendered byte for byte, parsed, checks pass`, () => {
      const shell = fixture.shell;
      assert.ok(shell !== undefined);
      const rendered = renderMiniSweObservation(shell.returncode, shell.output, shell.exception ?? '');
      assert.equal(rendered, fixture.observation);
      assert.equal(presentMiniSweObservation(rendered), fixture.observation);
      const node = parseSweObservation(fixture.observation);
      assert.equal(node.kind, 'mini-swe-result');
      assert.ok(node.kind === 'mini-swe-result');
      assert.equal(node.returncode, shell.returncode);
      if (shell.exception !== undefined) assert.equal(node.exception, shell.exception);
      assert.deepEqual(failingChecks('mini-swe-agent', fixture), []);
    });
  }

  it('accepts the answers the harness accepts, with the same command', () => {
    const spec = specFor('mini-swe-agent', MINI_SWE_FIXTURES[0] as SweFixture);
    for (const { text, command } of MINI_SWE_ACCEPTED) {
      assert.deepEqual(parseSweAction(text, spec), { name: 'bash', arguments: { command } });
    }
  });

  it('refuses the answers the harness refuses', () => {
    const spec = specFor('mini-swe-agent', MINI_SWE_FIXTURES[0] as SweFixture);
    for (const text of MINI_SWE_REFUSED) {
      assert.throws(
        () => parseSweAction(text, spec),
        (error: unknown) => error instanceof AgentWorldError && error.code === 'INVALID_ACTION',
        text,
      );
    }
  });

  it('decides submission on the first line of the output, with return code 0', () => {
    for (const { returncode, output, submits } of MINI_SWE_SUBMISSIONS) {
      assert.equal(isMiniSweSubmission(returncode, output), submits, JSON.stringify(output));
    }
  });
});

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
