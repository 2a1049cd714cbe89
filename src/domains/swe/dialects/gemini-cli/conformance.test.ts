/**
 * gemini-cli conformance (google-gemini/gemini-cli v0.20.0, b05fb545ef78): the fixtures of fixtures.ts, restated
 * from the tools' source, rendered byte for byte from the same state, parsed, and passing the checks; the
 * argument sets the real tools accept or refuse, with the real reason.
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { parseSweAction } from '../../actions.js';
import { failingChecks, specFor } from '../../conformance-fixture.js';
import { parseSweObservation } from '../../observation-parse.js';
import { GEMINI_CLI_TOOLS, geminiToolParamsError, geminiUnknownToolError } from './actions.js';
import {
  GEMINI_CLI_ACCEPTED,
  GEMINI_CLI_FIXTURES,
  GEMINI_CLI_REFUSALS,
  type GeminiFixture,
} from './fixtures.js';
import {
  renderGeminiFileNotFound,
  renderGeminiListDirectory,
  renderGeminiReadFile,
  renderGeminiReplace,
  renderGeminiShellEnvelope,
  renderGeminiWriteFile,
  renderGeminiWriteTodos,
} from './render.js';

/** The text the renderer gives for a fixture's call in the fixture's state. */
function render(fixture: GeminiFixture): string {
  const { name, arguments: args } = fixture.action as { name: string; arguments: Record<string, unknown> };
  const files = fixture.files;
  const path = typeof args.file_path === 'string' ? posix.resolve('/testbed', args.file_path) : '';
  switch (name) {
    case 'run_shell_command': {
      const run = fixture.run;
      assert.ok(run !== undefined, 'a shell fixture says what the command printed');
      return renderGeminiShellEnvelope({
        command: String(args.command),
        directory: typeof args.dir_path === 'string' ? args.dir_path : undefined,
        output: run.output,
        exitCode: run.exitCode,
        signal: run.signal,
        backgroundPids: run.backgroundPids,
        processGroup: run.processGroup,
      });
    }
    case 'read_file': {
      const content = files[path];
      return content === undefined
        ? renderGeminiFileNotFound(path)
        : renderGeminiReadFile(content, args.offset as number | undefined, args.limit as number | undefined);
    }
    case 'write_file':
      return renderGeminiWriteFile(path, files[path] === undefined);
    case 'replace':
      return renderGeminiReplace(path, files[path], {
        old_string: String(args.old_string),
        new_string: String(args.new_string),
        expected_replacements: args.expected_replacements as number | undefined,
      }).text;
    case 'list_directory': {
      const dir = String(args.dir_path);
      const names = new Map<string, boolean>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(`${dir}/`)) continue;
        const [first, ...rest] = file.slice(dir.length + 1).split('/');
        if (first !== undefined) names.set(first, rest.length > 0 || names.get(first) === true);
      }
      return renderGeminiListDirectory(
        dir,
        [...names].map(([entry, isDirectory]) => ({ name: entry, isDirectory })),
      );
    }
    case 'write_todos':
      return renderGeminiWriteTodos(args.todos as { description: string; status: string }[]);
    default:
      throw new Error(`no renderer for ${name}`);
  }
}

describe('swe conformance: gemini-cli (v0.20.0, b05fb545ef78)', () => {
  for (const fixture of GEMINI_CLI_FIXTURES) {
    it(`${fixture.name}: rendered byte for byte, parsed, checks pass`, () => {
      assert.equal(render(fixture), fixture.observation);
      assert.notEqual(parseSweObservation(fixture.observation).kind, undefined);
      if (fixture.observation.startsWith('Command: ')) {
        assert.equal(parseSweObservation(fixture.observation).kind, 'shell-envelope');
      }
      assert.deepEqual(failingChecks('gemini-cli', fixture), []);
    });
  }

  it('the shell envelope parses back field by field, multi-line output included', () => {
    const text = renderGeminiShellEnvelope({ command: 'ls', output: 'a\nb\n', exitCode: 0, processGroup: 9 });
    const node = parseSweObservation(text);
    assert.equal(node.kind, 'shell-envelope');
    if (node.kind === 'shell-envelope') {
      assert.equal(node.fields.Output, 'a\nb');
      assert.equal(node.fields['Process Group PGID'], '9');
    }
  });

  it('replace returns the new content: every occurrence replaced, the final newline kept', () => {
    const outcome = renderGeminiReplace('/testbed/t.py', 'a = 1\na = 1\n', {
      old_string: 'a = 1',
      new_string: 'a = 2',
      expected_replacements: 2,
    });
    assert.equal(outcome.content, 'a = 2\na = 2\n');
    assert.equal(
      renderGeminiReplace('/testbed/t.py', 'x\n', { old_string: 'x', new_string: 'x' }).text,
      'No changes to apply. The old_string and new_string are identical in file: /testbed/t.py',
    );
    assert.equal(
      renderGeminiReplace('/testbed/new.py', undefined, { old_string: '', new_string: 'y = 1\n' }).text,
      'Created new file: /testbed/new.py with provided content.',
    );
    assert.equal(
      renderGeminiReplace('/testbed/gone.py', undefined, { old_string: 'x', new_string: 'y' }).text,
      'File not found: /testbed/gone.py',
    );
  });

  it('declares the v0.20.0 tool names and required parameters', () => {
    const required = Object.fromEntries(
      GEMINI_CLI_TOOLS.map((tool) => [tool.name, (tool.inputSchema as { required: string[] }).required]),
    );
    assert.deepEqual(required, {
      read_file: ['file_path'],
      write_file: ['file_path', 'content'],
      replace: ['file_path', 'instruction', 'old_string', 'new_string'],
      run_shell_command: ['command'],
      list_directory: ['dir_path'],
      glob: ['pattern'],
      search_file_content: ['pattern'],
      read_many_files: ['include'],
      write_todos: ['todos'],
      save_memory: ['fact'],
    });
  });

  it('accepts what the real tools accept', () => {
    const spec = specFor('gemini-cli', GEMINI_CLI_FIXTURES[0] as GeminiFixture);
    for (const action of [...GEMINI_CLI_ACCEPTED, ...GEMINI_CLI_FIXTURES.map((fixture) => fixture.action)]) {
      const { name, arguments: args } = action as { name: string; arguments: unknown };
      assert.equal(geminiToolParamsError(name, args), undefined, JSON.stringify(action));
      assert.doesNotThrow(() => parseSweAction(action, spec), JSON.stringify(action));
    }
  });

  for (const refusal of GEMINI_CLI_REFUSALS) {
    it(`refuses ${refusal.name} with the real reason`, () => {
      const { name, arguments: args } = refusal.action as { name: string; arguments: unknown };
      assert.equal(geminiToolParamsError(name, args), refusal.reason);
    });
  }

  // The action boundary (parseSweAction) checks required arguments, top-level types and enums; the real engine
  // answers every refusal above with geminiToolParamsError's text.
  it('refuses missing and mistyped arguments at the action boundary too, and tools of other harnesses', () => {
    const spec = specFor('gemini-cli', GEMINI_CLI_FIXTURES[0] as GeminiFixture);
    const boundary = (reason: string) =>
      /^params( must have required|\/\w+ must be (number|string|boolean|array))/.test(reason);
    for (const refusal of GEMINI_CLI_REFUSALS.filter((entry) => boundary(entry.reason))) {
      const { arguments: args } = refusal.action as { arguments: Record<string, unknown> };
      const topLevel = Object.keys(args).every((key) => typeof args[key] !== 'object');
      if (topLevel) assert.throws(() => parseSweAction(refusal.action, spec), refusal.name);
    }
    assert.throws(() => parseSweAction({ name: 'Bash', arguments: { command: 'ls' } }, spec));
    assert.equal(
      geminiUnknownToolError('edit'),
      'Tool "edit" not found in registry. Tools must use the exact names that are registered.',
    );
  });
});
