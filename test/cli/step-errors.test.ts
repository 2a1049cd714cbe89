import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { REPO_ROOT, runStepCommand } from './run-cli.js';

interface ErrorAnswer {
  readonly ok: false;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly retryable: boolean;
    readonly details: Record<string, unknown>;
  };
}

function errorOf(answer: Record<string, unknown>): ErrorAnswer['error'] {
  assert.equal(answer.ok, false, JSON.stringify(answer).slice(0, 500));
  return (answer as unknown as ErrorAnswer).error;
}

/** What the real @modelcontextprotocol/server-everything tells its client about a tool it lacks. */
async function realUnknownToolText(tool: string): Promise<string> {
  const client = new Client({ name: 'agentworld-cli-test', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'],
      stderr: 'pipe',
    }),
  );
  try {
    const result = await client.callTool({ name: tool, arguments: {} });
    assert.equal(result.isError, true);
    const content = result.content as Array<{ type: string; text?: string }>;
    return content[0]?.text ?? '';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.close();
  }
}

describe('agentworld step: errors are one JSON line with a code, and exit status 1', {
  concurrency: 2,
}, () => {
  let server: ScriptedModelServer;
  const action = [{ keystrokes: 'ls\n', duration: 1 }];

  before(async () => {
    server = await startScriptedModelServer();
  });
  after(async () => {
    await server.close();
  });

  const modelEnv = (): Record<string, string> => ({
    AGENTWORLD_MODEL_URL: server.url,
    AGENTWORLD_MODEL: server.model,
  });

  it('malformed JSON on stdin → INVALID_REQUEST', async () => {
    const { run, answer } = await runStepCommand('{"spec": "terminal", "action": [', [], { env: modelEnv() });
    assert.equal(run.code, 1);
    const error = errorOf(answer);
    assert.equal(error.code, 'INVALID_REQUEST');
    assert.match(error.message, /not valid JSON/);
  });

  it('a request that is JSON but not a step request → INVALID_REQUEST naming the field', async () => {
    const { run, answer } = await runStepCommand({ action: action }, [], { env: modelEnv() });
    assert.equal(run.code, 1);
    const error = errorOf(answer);
    assert.equal(error.code, 'INVALID_REQUEST');
    assert.equal(error.details.path, '$.spec');
  });

  it('a malformed action → INVALID_ACTION with details.path, and no model request', async () => {
    const sentBefore = server.completionBodies.length;
    const { run, answer } = await runStepCommand({ spec: 'terminal', action: [{ duration: 1 }] }, [], {
      env: modelEnv(),
    });
    assert.equal(run.code, 1);
    const error = errorOf(answer);
    assert.equal(error.code, 'INVALID_ACTION');
    assert.equal(error.details.path, '$[0].keystrokes');
    assert.equal(error.retryable, false);
    assert.equal(server.completionBodies.length, sentBefore);
  });

  it('an unknown tool on the mcp example → UNKNOWN_TOOL with the real server’s message text', async () => {
    const [expectedText, { run, answer }] = await Promise.all([
      realUnknownToolText('no-such-tool'),
      runStepCommand({ spec: 'mcp', action: { name: 'no-such-tool', arguments: {} } }, [], {
        env: modelEnv(),
      }),
    ]);
    assert.equal(run.code, 1);
    const error = errorOf(answer);
    assert.equal(error.code, 'UNKNOWN_TOOL');
    assert.match(expectedText, /no-such-tool/);
    assert.equal(error.message, expectedText);
    assert.ok(Array.isArray(error.details.available) && error.details.available.includes('echo'));
  });
});
