import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';

const root = resolve(import.meta.dirname, '..', '..');

/** The first ```ts block of the README, pointed at our sources and at a live scripted model server. */
function readmeLibraryExample(server: ScriptedModelServer): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(block, 'README.md has a ```ts library example');
  assert.ok(block.split('\n').length <= 30, 'the library example stays short');
  return block
    .replace("from 'agentworld'", `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`)
    .replace("'http://127.0.0.1:8000/v1'", JSON.stringify(server.url))
    .replace("'Qwen/Qwen-AgentWorld-35B-A3B'", JSON.stringify(server.model));
}

describe('README', () => {
  let server: ScriptedModelServer;
  let directory: string;
  before(async () => {
    server = await startScriptedModelServer();
    directory = mkdtempSync(join(tmpdir(), 'agentworld-readme-'));
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('library example runs as written against an OpenAI-compatible server', async () => {
    const file = join(directory, 'example.mts');
    writeFileSync(file, readmeLibraryExample(server));
    // Asynchronous on purpose: the scripted server answers from this process's event loop.
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      timeout: 600_000, // a hang guard
    });
    assert.match(run.stdout, /root@[0-9a-f]{12}:\/workspace# /, 'prints the initial screen');
    assert.match(run.stdout, /source: 'simulated'/, 'prints the provenance');
    assert.equal(server.completionBodies.length, 2, 'one model call per step, none for reset');
  });

  it('starts with the two commands: run the main job, run the tests', () => {
    const head = readFileSync(join(root, 'README.md'), 'utf8').split('\n').slice(0, 8).join('\n');
    assert.match(head, /npm ci && npm run build && npm run demo/);
    assert.match(head, /npm ci && npm test/);
  });
});
