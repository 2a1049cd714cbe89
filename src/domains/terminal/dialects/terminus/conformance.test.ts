import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../../../core/errors.js';
import { renderTerminalCompletion } from '../../screen.js';
import { parseTerminalAction, parseTerminusReply } from './actions.js';
import {
  TERMINUS_CONFIRMATION_FIXTURE,
  TERMINUS_DOUBLE_CUT_FIXTURE,
  TERMINUS_INCREMENTAL_FIXTURES,
  TERMINUS_LIMIT_FIXTURES,
  TERMINUS_REPLY_FIXTURES,
} from './fixtures.js';
import {
  limitTerminusOutput,
  presentTerminusParseError,
  presentTerminusTurn,
  renderTerminusConfirmation,
  terminusIncrementalOutput,
} from './presentation.js';

describe('terminus harness presentation (conformance with Terminus-2)', () => {
  for (const fixture of TERMINUS_LIMIT_FIXTURES) {
    it(`cuts output by bytes: ${fixture.name}`, () => {
      assert.equal(limitTerminusOutput(fixture.input), fixture.expected);
    });
  }

  for (const fixture of TERMINUS_INCREMENTAL_FIXTURES) {
    it(`heads the output: ${fixture.name}`, () => {
      assert.equal(terminusIncrementalOutput(fixture), fixture.expected);
    });
  }

  it('words the completion confirmation byte for byte', () => {
    assert.equal(
      renderTerminusConfirmation(TERMINUS_CONFIRMATION_FIXTURE.terminalOutput),
      TERMINUS_CONFIRMATION_FIXTURE.expected,
    );
    assert.equal(
      renderTerminalCompletion(TERMINUS_CONFIRMATION_FIXTURE.terminalOutput),
      TERMINUS_CONFIRMATION_FIXTURE.expected,
    );
  });

  it('cuts an ordinary observation twice, as the loop does', () => {
    const outcome = presentTerminusTurn({
      terminalOutput: TERMINUS_DOUBLE_CUT_FIXTURE.terminalOutput,
      taskComplete: false,
      pendingCompletion: false,
    });
    assert.equal(outcome.prompt, TERMINUS_DOUBLE_CUT_FIXTURE.expected);
  });

  it('asks for confirmation after a completing reply ran, and ends on the second claim in a row', () => {
    const reply = parseTerminusReply(
      '{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "sync\\n"}], "task_complete": true}',
    );
    assert.deepEqual(parseTerminalAction(reply.commands), [{ keystrokes: 'sync\n', duration: 1 }]);
    const first = presentTerminusTurn({
      terminalOutput: TERMINUS_CONFIRMATION_FIXTURE.terminalOutput,
      taskComplete: reply.taskComplete,
      pendingCompletion: false,
    });
    assert.deepEqual(first, {
      prompt: TERMINUS_CONFIRMATION_FIXTURE.expected,
      done: false,
      pendingCompletion: true,
    });
    assert.deepEqual(
      presentTerminusTurn({ terminalOutput: 'x', taskComplete: true, pendingCompletion: true }),
      { prompt: undefined, done: true, pendingCompletion: true },
    );
    const reset = presentTerminusTurn({
      terminalOutput: 'New Terminal Output:\nok',
      taskComplete: false,
      pendingCompletion: true,
      warnings: ['Extra text detected after JSON object', 'Command 1: Unknown fields: x'],
    });
    assert.deepEqual(reset, {
      prompt:
        'Previous response had warnings:\nWARNINGS: - Extra text detected after JSON object\n' +
        '- Command 1: Unknown fields: x\n\nNew Terminal Output:\nok',
      done: false,
      pendingCompletion: false,
    });
  });

  it('words a parse error as the loop does', () => {
    assert.equal(
      presentTerminusParseError('Missing required fields: plan', ['Extra text detected before JSON object']),
      'Previous response had parsing errors:\nERROR: Missing required fields: plan\n' +
        'WARNINGS: - Extra text detected before JSON object\n\n' +
        'Please fix these issues and provide a proper JSON response.',
    );
  });

  for (const fixture of TERMINUS_REPLY_FIXTURES) {
    it(`parses replies as Terminus-2 does: ${fixture.name}`, () => {
      const expected = fixture.expected;
      if ('error' in expected) {
        assert.throws(
          () => parseTerminusReply(fixture.reply),
          (error: unknown) =>
            error instanceof AgentWorldError &&
            error.code === 'INVALID_ACTION' &&
            error.message.includes(expected.error),
        );
        return;
      }
      const parsed = parseTerminusReply(fixture.reply);
      assert.deepEqual(
        { commands: parsed.commands, taskComplete: parsed.taskComplete, warnings: parsed.warnings },
        expected,
      );
    });
  }
});
