/**
 * mini-swe-agent conformance (a83fcae8): the fixtures of fixtures.ts, restated from the harness source, rendered
 * byte for byte, parsed, and passing the checks; the answers the harness accepts and refuses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../../../core/errors.js';
import { parseSweAction } from '../../actions.js';
import { failingChecks, type SweFixture, specFor } from '../../conformance-fixture.js';
import { parseSweObservation } from '../../observation-parse.js';
import { MINI_SWE_ACCEPTED, MINI_SWE_FIXTURES, MINI_SWE_REFUSED, MINI_SWE_SUBMISSIONS } from './fixtures.js';
import { presentMiniSweObservation } from './presentation.js';
import { isMiniSweSubmission, renderMiniSweObservation } from './render.js';

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
