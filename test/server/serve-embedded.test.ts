/**
 * `agentworld serve` with no model server configured: each world gets the embedded model of its domain, loaded
 * when its first session needs it, and a world no embedded model fits gets a clear error for that reset only.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findBundledModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { cliEnvironment, REPO_ROOT, temporaryFolder } from '../cli/run-cli.js';
import type { JsonAnswer } from './server-fixture.js';

const llamaInstalled = await nodeLlamaCppInstalled();
const modelsShipped = findBundledModel('terminal') !== undefined && findBundledModel('mcp') !== undefined;

interface Answer {
  readonly status: number;
  readonly body: JsonAnswer;
}

/** Starts the real CLI (`serve --port 0`) with no AGENTWORLD_* variable; resolves with its URL once it listens. */
async function startServe(folder: string): Promise<{ child: ChildProcess; url: string; output(): string }> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--store', join(folder, 'db')];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: cliEnvironment({}, folder),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

async function post(url: string, path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as JsonAnswer };
}

describe('agentworld serve without a model server', () => {
  const folder = temporaryFolder('serve-embedded');
  after(() => folder.remove());

  it('gives each world the engine of its domain that needs no server (the hybrid: twin, then embedded model), and one a clear error when none fits', {
    skip:
      (!llamaInstalled && 'node-llama-cpp is not installed') || (!modelsShipped && 'models/ lacks a model'),
    timeout: 600_000,
  }, async () => {
    const serve = await startServe(folder.path);
    try {
      const terminal = await post(serve.url, '/reset', { spec: 'terminal', seed: 7 });
      assert.equal(terminal.status, 200, JSON.stringify(terminal.body));
      assert.equal(terminal.body.observation, 'root@64fd58b770d7:/workspace# ');
      const pwd = await post(serve.url, '/step', {
        session_id: terminal.body.session_id,
        action: [{ keystrokes: 'pwd\n', duration: 1 }],
      });
      assert.equal(pwd.status, 200, JSON.stringify(pwd.body));
      assert.deepEqual(pwd.body.observation.split('\n').slice(0, 2), [
        'root@64fd58b770d7:/workspace# pwd',
        '/workspace',
      ]);
      // A terminal world without a model server gets the hybrid: the twin answers pwd exactly, and a command it
      // declines ($RANDOM is not computable) goes to the shipped terminal model.
      assert.equal(pwd.body.info.turn.provenance.engine, 'hybrid');
      assert.equal(pwd.body.info.turn.provenance.answeredBy.side, 'twin');
      const random = await post(serve.url, '/step', {
        session_id: terminal.body.session_id,
        action: [{ keystrokes: 'echo $RANDOM\n', duration: 1 }],
      });
      assert.equal(random.status, 200, JSON.stringify(random.body));
      assert.equal(random.body.info.turn.provenance.engine, 'hybrid');
      assert.equal(random.body.info.turn.provenance.answeredBy.side, 'model');
      assert.match(
        random.body.info.turn.provenance.answeredBy.model,
        /^agentworld-terminal\.gguf@[0-9a-f]{12}$/,
      );

      // The same server, a world of another domain: the hybrid's server-memory twin answers its tool calls.
      const memory = await post(serve.url, '/reset', { spec: 'mcp-memory', seed: 3 });
      assert.equal(memory.status, 200, JSON.stringify(memory.body));
      const graph = await post(serve.url, '/step', {
        session_id: memory.body.session_id,
        action: { name: 'read_graph', arguments: {} },
      });
      assert.equal(graph.status, 200, JSON.stringify(graph.body));
      assert.equal(graph.body.info.turn.provenance.engine, 'hybrid');
      assert.equal(graph.body.info.turn.provenance.answeredBy.model, 'mcp-memory-twin');
      assert.deepEqual(JSON.parse(graph.body.observation), { entities: [], relations: [] });

      // No embedded model simulates search worlds: that reset fails, saying how to configure a model server.
      const search = await post(serve.url, '/reset', { spec: 'search' });
      assert.equal(search.status, 400);
      assert.equal(search.body.error.code, 'CONFIG_INVALID');
      assert.match(
        search.body.error.message,
        /^No world model for this world: no embedded model simulates search worlds/,
      );
      assert.match(search.body.error.message, /--model-url .*--model /);

      // The server keeps serving the worlds it can.
      assert.equal((await fetch(`${serve.url}/health`)).status, 200);
      const ls = await post(serve.url, '/step', {
        session_id: terminal.body.session_id,
        action: [{ keystrokes: 'cd ~ && pwd\n', duration: 1 }],
      });
      assert.equal(ls.status, 200, JSON.stringify(ls.body));
      assert.equal(ls.body.info.turn.index, 3);
      assert.equal(ls.body.info.turn.provenance.engine, 'hybrid');
    } finally {
      const exited = new Promise((resolve) => serve.child.once('exit', (code) => resolve(code)));
      serve.child.kill('SIGTERM');
      // With models loaded, SIGTERM still stops the server cleanly (closing the models), not by the signal.
      assert.equal(await exited, 0, serve.output());
    }
    assert.doesNotMatch(serve.output(), /error/i);
  });
});
