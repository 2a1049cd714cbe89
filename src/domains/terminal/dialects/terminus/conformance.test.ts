import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../../../core/errors.js';
import { renderTerminalCompletion } from '../../screen.js';
import { parseTerminalAction, parseTerminusReply } from './actions.js';
import {
  type ReplyFixture,
  TERMINUS_CONFIRMATION_FIXTURE,
  TERMINUS_DOUBLE_CUT_FIXTURE,
  TERMINUS_DURATION_FIXTURES,
  TERMINUS_INCREMENTAL_FIXTURES,
  TERMINUS_LIMIT_FIXTURES,
  TERMINUS_REPLY_FIXTURES,
  TERMINUS_WARNING_PROMPT_FIXTURE,
  TERMINUS_XML_CONFIRMATION_FIXTURE,
  TERMINUS_XML_ERROR_PROMPT_FIXTURE,
  TERMINUS_XML_REPLY_FIXTURES,
} from './fixtures.js';
import {
  limitTerminusOutput,
  presentTerminusParseError,
  presentTerminusReply,
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

  const checkReply = (fixture: ReplyFixture, options: { parser?: 'xml' } = {}): void => {
    const expected = fixture.expected;
    if ('error' in expected) {
      assert.throws(
        () => parseTerminusReply(fixture.reply, options),
        (error: unknown) =>
          error instanceof AgentWorldError &&
          error.code === 'INVALID_ACTION' &&
          error.message.endsWith(`: ${expected.error}`),
      );
      return;
    }
    const parsed = parseTerminusReply(fixture.reply, options);
    assert.deepEqual(
      { commands: parsed.commands, taskComplete: parsed.taskComplete, warnings: parsed.warnings },
      expected,
    );
  };

  for (const fixture of [...TERMINUS_REPLY_FIXTURES, ...TERMINUS_DURATION_FIXTURES]) {
    it(`parses replies as Terminus-2 does: ${fixture.name}`, () => checkReply(fixture));
  }

  for (const fixture of TERMINUS_XML_REPLY_FIXTURES) {
    it(`parses XML replies as Terminus-2's XML parser does: ${fixture.name}`, () => {
      checkReply(fixture, fixture.parser === undefined ? {} : { parser: fixture.parser });
      // Pinning the parser, as a parser_name="xml" run does, gives the same result.
      checkReply(fixture, { parser: 'xml' });
    });
  }

  it('turns an XML reply into the same keystroke batch as its JSON twin', () => {
    const xml =
      '<response>\n<analysis>a</analysis>\n<plan>p</plan>\n<commands>\n' +
      '<keystrokes duration="0.1">ls -la\n</keystrokes>\n<keystrokes duration="5">make\n</keystrokes>\n' +
      '</commands>\n<task_complete>false</task_complete>\n</response>';
    const json = JSON.stringify({
      analysis: 'a',
      plan: 'p',
      commands: [
        { keystrokes: 'ls -la\n', duration: 0.1 },
        { keystrokes: 'make\n', duration: 5 },
      ],
      task_complete: false,
    });
    assert.deepEqual(parseTerminalAction(xml), parseTerminalAction(json));
    assert.equal(parseTerminusReply(xml).parser, 'xml');
    assert.equal(parseTerminusReply(json).parser, 'json');
    const done =
      '<response><analysis>a</analysis><plan>p</plan><commands/><task_complete>true</task_complete></response>';
    assert.deepEqual(parseTerminalAction(done), []);
    const empty = '<response><analysis>a</analysis><plan>p</plan><commands></commands></response>';
    assert.deepEqual(parseTerminalAction(empty), [{ keystrokes: '', duration: 1 }]);
  });

  it('shows the parser warnings before the next output, as the loop does', () => {
    const outcome = presentTerminusReply({
      reply: TERMINUS_WARNING_PROMPT_FIXTURE.reply,
      terminalOutput: TERMINUS_WARNING_PROMPT_FIXTURE.terminalOutput,
      pendingCompletion: false,
    });
    assert.deepEqual(outcome, {
      prompt: TERMINUS_WARNING_PROMPT_FIXTURE.expected,
      done: false,
      pendingCompletion: false,
    });
  });

  it("answers a refused XML reply in the XML run's words, keeping a pending completion", () => {
    const outcome = presentTerminusReply({
      reply: TERMINUS_XML_ERROR_PROMPT_FIXTURE.reply,
      terminalOutput: 'unused',
      pendingCompletion: true,
    });
    assert.deepEqual(outcome, {
      prompt: TERMINUS_XML_ERROR_PROMPT_FIXTURE.expected,
      done: false,
      pendingCompletion: true,
    });
  });

  it("asks the XML run's completion question", () => {
    assert.equal(
      renderTerminusConfirmation(TERMINUS_XML_CONFIRMATION_FIXTURE.terminalOutput, 'xml'),
      TERMINUS_XML_CONFIRMATION_FIXTURE.expected,
    );
    const reply =
      '<response><analysis>a</analysis><plan>p</plan><commands></commands>' +
      '<task_complete>true</task_complete></response>';
    assert.deepEqual(
      presentTerminusReply({
        reply,
        terminalOutput: TERMINUS_XML_CONFIRMATION_FIXTURE.terminalOutput,
        pendingCompletion: false,
      }),
      { prompt: TERMINUS_XML_CONFIRMATION_FIXTURE.expected, done: false, pendingCompletion: true },
    );
  });
});
