/**
 * Claude Code conformance (@anthropic-ai/claude-code 2.0.77, package/cli.js): the fixtures of fixtures.ts,
 * restated from the bundle, rendered byte for byte from the same state, parsed, and passing the checks; the
 * argument sets the real schemas accept or refuse, with the real text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSweAction } from '../../actions.js';
import { checkSweObservation } from '../../checks.js';
import { failingChecks, specFor } from '../../conformance-fixture.js';
import { createSweLedger } from '../../ledger.js';
import { parseSweObservation } from '../../observation-parse.js';
import {
  CLAUDE_CODE_TOOLS,
  claudeInputValidationError,
  renderClaudeInputValidationError,
  renderClaudeNoSuchTool,
} from './actions.js';
import {
  CLAUDE_CODE_ACCEPTED,
  CLAUDE_CODE_FIXTURES,
  CLAUDE_CODE_REFUSALS,
  type ClaudeFixture,
} from './fixtures.js';
import {
  claudeApplyEdit,
  claudeEditRefusal,
  claudeWriteRefusal,
  renderClaudeBash,
  renderClaudeEditUpdated,
  renderClaudeFileDoesNotExist,
  renderClaudeRead,
  renderClaudeToolUseError,
  renderClaudeWriteCreated,
  renderClaudeWriteUpdated,
} from './render.js';

/** The status of one domain check on a fixture's turn. */
function checkStatus(dialect: string, fixture: ClaudeFixture, id: string): string | undefined {
  const spec = specFor(dialect, fixture);
  const checks = checkSweObservation({
    spec,
    turnIndex: 1,
    action: parseSweAction(fixture.action, spec),
    ledger: createSweLedger(spec),
    observation: fixture.observation,
  });
  return checks.find((check) => check.id === id)?.status;
}

/** The text the renderer gives for a fixture's call in the fixture's state. */
function render(fixture: ClaudeFixture): string {
  const { name, arguments: args } = fixture.action as { name: string; arguments: Record<string, unknown> };
  const path = String(args.file_path ?? '');
  const content = fixture.files[path];
  switch (name) {
    case 'Bash': {
      const run = fixture.run;
      assert.ok(run !== undefined, 'a Bash fixture says what the command printed');
      return renderClaudeBash({ command: String(args.command), ...run });
    }
    case 'Read':
      return content === undefined
        ? renderClaudeFileDoesNotExist()
        : renderClaudeRead(
            content,
            (args.offset as number | undefined) ?? 1,
            args.limit as number | undefined,
          );
    case 'Write': {
      const refusal = claudeWriteRefusal(content !== undefined, fixture.wasRead ?? true);
      if (refusal !== undefined) return renderClaudeToolUseError(refusal);
      return content === undefined
        ? renderClaudeWriteCreated(path)
        : renderClaudeWriteUpdated(path, String(args.content));
    }
    case 'Edit': {
      const edit = {
        old_string: String(args.old_string),
        new_string: String(args.new_string),
        replace_all: args.replace_all === true,
      };
      const refusal = claudeEditRefusal(edit, content, { wasRead: fixture.wasRead ?? true });
      if (refusal !== undefined) return renderClaudeToolUseError(refusal);
      return renderClaudeEditUpdated(path, content ?? '', edit.old_string, edit.new_string, edit.replace_all);
    }
    default:
      throw new Error(`no renderer for ${name}`);
  }
}

describe('swe conformance: claude-code (2.0.77)', () => {
  for (const fixture of CLAUDE_CODE_FIXTURES) {
    it(`${fixture.name}: rendered byte for byte, parsed, checks pass`, () => {
      assert.equal(render(fixture), fixture.observation);
      assert.notEqual(parseSweObservation(fixture.observation).kind, undefined);
      if (/^ {5}1→/.test(fixture.observation)) {
        assert.equal(parseSweObservation(fixture.observation).kind, 'numbered-lines');
      }
      assert.deepEqual(failingChecks('claude-code', fixture), []);
      // A Read of a file the session knows is held against its content, the offset-past-the-end warning too.
      const { name, arguments: args } = fixture.action as {
        name: string;
        arguments: Record<string, unknown>;
      };
      if (name === 'Read' && fixture.files[String(args.file_path)] !== undefined) {
        assert.equal(checkStatus('claude-code', fixture, 'read-shows-written'), 'pass');
      }
    });
  }

  it('an edit changes the first occurrence, or all with replace_all; an empty new_string takes the newline', () => {
    assert.equal(claudeApplyEdit('a\na\n', 'a', 'b'), 'b\na\n');
    assert.equal(claudeApplyEdit('a\na\n', 'a', 'b', true), 'b\nb\n');
    assert.equal(claudeApplyEdit('x = 1\ny = 2\n', 'x = 1', ''), 'y = 2\n');
    assert.equal(
      claudeEditRefusal({ old_string: 'a', new_string: 'a' }, 'a\n'),
      'No changes to make: old_string and new_string are exactly the same.',
    );
    assert.equal(
      claudeEditRefusal({ old_string: '', new_string: 'b' }, 'a\n'),
      'Cannot create new file - file already exists.',
    );
  });

  it('declares the 2.0.77 tool names and required parameters', () => {
    const required = Object.fromEntries(
      CLAUDE_CODE_TOOLS.map((tool) => [tool.name, (tool.inputSchema as { required: string[] }).required]),
    );
    assert.deepEqual(required, {
      Read: ['file_path'],
      Write: ['file_path', 'content'],
      Edit: ['file_path', 'old_string', 'new_string'],
      Bash: ['command'],
      Glob: ['pattern'],
      Grep: ['pattern'],
      TodoWrite: ['todos'],
      TaskOutput: ['task_id'],
      KillShell: ['shell_id'],
    });
  });

  it('accepts what the real schemas accept', () => {
    const spec = specFor('claude-code', CLAUDE_CODE_FIXTURES[0] as ClaudeFixture);
    for (const action of [
      ...CLAUDE_CODE_ACCEPTED,
      ...CLAUDE_CODE_FIXTURES.map((fixture) => fixture.action),
    ]) {
      const { name, arguments: args } = action as { name: string; arguments: unknown };
      assert.equal(claudeInputValidationError(name, args), undefined, JSON.stringify(action));
      assert.doesNotThrow(() => parseSweAction(action, spec), JSON.stringify(action));
    }
  });

  for (const refusal of CLAUDE_CODE_REFUSALS) {
    it(`refuses ${refusal.name} with the real text`, () => {
      const { name, arguments: args } = refusal.action as { name: string; arguments: unknown };
      const text = claudeInputValidationError(name, args);
      assert.notEqual(text, undefined);
      assert.equal(renderClaudeInputValidationError(text ?? ''), refusal.result);
    });
  }

  it('refuses missing and mistyped arguments at the action boundary too, and tools of other harnesses', () => {
    const spec = specFor('claude-code', CLAUDE_CODE_FIXTURES[0] as ClaudeFixture);
    assert.throws(() => parseSweAction({ name: 'Read', arguments: {} }, spec));
    assert.throws(() => parseSweAction({ name: 'Read', arguments: { file_path: '/a', offset: '3' } }, spec));
    assert.throws(() => parseSweAction({ name: 'run_shell_command', arguments: { command: 'ls' } }, spec));
    assert.equal(
      renderClaudeNoSuchTool('BashOutput'),
      '<tool_use_error>Error: No such tool available: BashOutput</tool_use_error>',
    );
  });
});
