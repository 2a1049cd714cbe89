import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../core/errors.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { isSweCompletion, parseSweAction } from './actions.js';
import { renderSweAction } from './render.js';

const spec = (dialect: string) => parseWorldSpec({ domain: 'swe', dialect });

function rejects(run: () => unknown, code: string, path: string, text: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof AgentWorldError);
    assert.equal(error.code, code);
    assert.equal(error.details.path, path);
    assert.match(error.message, text);
    return true;
  });
}

describe('swe actions', () => {
  it('accepts string-encoded and object arguments, as a value or as JSON text', () => {
    const cc = spec('claude-code');
    const fromString = parseSweAction({ name: 'Read', arguments: '{"file_path":"/a.py"}' }, cc);
    const fromObject = parseSweAction({ name: 'Read', arguments: { file_path: '/a.py' } }, cc);
    const fromText = parseSweAction('{"name":"Read","arguments":"{\\"file_path\\":\\"/a.py\\"}"}', cc);
    assert.deepEqual(fromString, { name: 'Read', arguments: { file_path: '/a.py' } });
    assert.deepEqual(fromObject, fromString);
    assert.deepEqual(fromText, fromString);
  });

  it('renders tool calls in a json fence with the arguments string-encoded', () => {
    const cc = spec('claude-code');
    const action = parseSweAction({ name: 'Bash', arguments: { command: 'ls -la' } }, cc);
    assert.equal(
      renderSweAction(action, cc),
      '```json\n{\n  "name": "Bash",\n  "arguments": "{\\"command\\":\\"ls -la\\"}"\n}\n```',
    );
  });

  it('mini-swe-agent takes one bash block, a bare command or a bash call, and renders a bash fence', () => {
    const mini = spec('mini-swe-agent');
    const fromBlock = parseSweAction('THOUGHT: look around\n\n```bash\nls -la\n```', mini);
    assert.deepEqual(fromBlock, { name: 'bash', arguments: { command: 'ls -la' } });
    assert.deepEqual(parseSweAction('ls -la', mini), fromBlock);
    assert.deepEqual(parseSweAction({ name: 'bash', arguments: '{"command":"ls -la"}' }, mini), fromBlock);
    assert.equal(renderSweAction(fromBlock, mini), '```bash\nls -la\n```');
    rejects(
      () => parseSweAction('```bash\nls\n```\n```bash\npwd\n```', mini),
      'INVALID_ACTION',
      '$',
      /mini-swe-agent.*Expected exactly 1 action, found 2/,
    );
    const v2 = parseSweAction('THOUGHT: look\n\n```mswea_bash_command\nls -la\n```', mini);
    assert.deepEqual(v2, fromBlock);
    rejects(() => parseSweAction('```sh\nls\n```', mini), 'INVALID_ACTION', '$', /found 0/);
  });

  it('names the expected dialect for an action of another dialect', () => {
    rejects(
      () => parseSweAction({ name: 'run_shell_command', arguments: { command: 'ls' } }, spec('claude-code')),
      'INVALID_ACTION',
      '$.name',
      /\(claude-code\).*gemini-cli tool.*expects the claude-code dialect/,
    );
    rejects(
      () => parseSweAction({ name: 'Read', arguments: { file_path: '/x' } }, spec('swe-agent')),
      'INVALID_ACTION',
      '$.name',
      /expects the swe-agent dialect/,
    );
    rejects(
      () => parseSweAction({ name: 'Teleport', arguments: {} }, spec('gemini-cli')),
      'UNKNOWN_TOOL',
      '$.name',
      /Teleport/,
    );
  });

  it('rejects bad arguments with the dialect and the path', () => {
    const cc = spec('claude-code');
    rejects(
      () => parseSweAction({ name: 'Read', arguments: {} }, cc),
      'INVALID_ACTION',
      '$.arguments.file_path',
      /needs/,
    );
    rejects(
      () => parseSweAction({ name: 'Read', arguments: '{"file_path": ' }, cc),
      'INVALID_ACTION',
      '$.arguments',
      /not valid JSON/,
    );
    rejects(
      () =>
        parseSweAction({ name: 'Edit', arguments: { file_path: '/a', old_string: 1, new_string: '' } }, cc),
      'INVALID_ACTION',
      '$.arguments.old_string',
      /expected string, received number/,
    );
    rejects(
      () =>
        parseSweAction(
          { name: 'str_replace_editor', arguments: { command: 'delete', path: '/a' } },
          spec('swe-agent'),
        ),
      'INVALID_ACTION',
      '$.arguments.command',
      /\(swe-agent\).*one of/,
    );
    rejects(() => parseSweAction(['ls'], cc), 'INVALID_ACTION', '$', /received array/);
    rejects(() => parseSweAction('ls -la', cc), 'INVALID_ACTION', '$', /\(claude-code\).*JSON tool call/);
  });

  it('enforces schema minimums, in gemini-cli with its own refusal wording', () => {
    const gemini = spec('gemini-cli');
    const replace = (expected: number) => ({
      name: 'replace',
      arguments: {
        file_path: '/a.py',
        instruction: 'fix it',
        old_string: 'a',
        new_string: 'b',
        expected_replacements: expected,
      },
    });
    rejects(
      () => parseSweAction(replace(0), gemini),
      'INVALID_ACTION',
      '$.arguments.expected_replacements',
      /\(gemini-cli\) at \$\.arguments\.expected_replacements: params\/expected_replacements must be >= 1$/,
    );
    assert.equal(parseSweAction(replace(2), gemini).arguments.expected_replacements, 2);
    const custom = parseWorldSpec({
      domain: 'swe',
      dialect: 'claude-code',
      tools: [
        {
          name: 'Scale',
          inputSchema: { type: 'object', properties: { replicas: { type: 'integer', minimum: 1 } } },
        },
      ],
    });
    rejects(
      () => parseSweAction({ name: 'Scale', arguments: { replicas: 0 } }, custom),
      'INVALID_ACTION',
      '$.arguments.replicas',
      /expected a number >= 1/,
    );
  });

  it('knows the completion actions', () => {
    const agent = spec('swe-agent');
    assert.equal(isSweCompletion(parseSweAction({ name: 'submit', arguments: {} }, agent), agent), true);
    const mini = spec('mini-swe-agent');
    assert.equal(
      isSweCompletion(parseSweAction('echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff', mini), mini),
      true,
    );
    assert.equal(isSweCompletion(parseSweAction('echo hello', mini), mini), false);
  });

  it('uses the spec tools instead of the built-in set', () => {
    const custom = parseWorldSpec({
      domain: 'swe',
      dialect: 'claude-code',
      tools: [
        {
          name: 'Deploy',
          inputSchema: { type: 'object', properties: { env: { type: 'string' } }, required: ['env'] },
        },
      ],
    });
    assert.deepEqual(parseSweAction({ name: 'Deploy', arguments: { env: 'prod' } }, custom).arguments, {
      env: 'prod',
    });
    rejects(
      () => parseSweAction({ name: 'Read', arguments: { file_path: '/a' } }, custom),
      'UNKNOWN_TOOL',
      '$.name',
      /Read/,
    );
  });
});
