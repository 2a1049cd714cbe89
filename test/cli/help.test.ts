import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli } from './run-cli.js';

const ENGINE_OPTIONS = [
  '--engine',
  '--model-url',
  '--model',
  '--api-key',
  '--temperature',
  '--max-tokens',
  '--timeout-ms',
  '--max-retries',
  '--retry-base-ms',
  '--stream',
  '--replay',
  '--cache',
  '--config',
  'AGENTWORLD_MODEL_URL',
  'AGENTWORLD_MAX_RETRIES',
];

const EXPECTED: Record<string, readonly string[]> = {
  '': ['sim', 'step', 'demo', 'schema', '--version'],
  sim: ['<spec>', '--seed', '--save', ':help', ...ENGINE_OPTIONS],
  step: ['--request', '"spec"', '"session"', '"action"', '"ok"', ...ENGINE_OPTIONS],
  demo: ['--quiet', '--domain', 'terminal', 'mcp'],
  schema: ['worldspec', 'session', 'step-result', 'action', '--spec'],
};

describe('agentworld --help', { concurrency: 2 }, () => {
  for (const [command, mentions] of Object.entries(EXPECTED)) {
    it(`${command === '' ? 'agentworld' : command} --help exits 0 and mentions its options`, async () => {
      const run = await runCli([...(command === '' ? [] : [command]), '--help']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Usage: agentworld${command === '' ? '' : ` ${command}`} `));
      for (const mention of mentions) assert.ok(run.stdout.includes(mention), `mentions ${mention}`);
    });
  }

  it('--version prints the package version; an unknown command or a bad flag value exits non-zero', async () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    const [printed, unknown, badValue] = await Promise.all([
      runCli(['--version']),
      runCli(['launch']),
      runCli(['step', '--max-retries', 'many']),
    ]);
    assert.equal(printed.code, 0);
    assert.equal(printed.stdout.trim(), version);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /unknown command 'launch'/);
    assert.notEqual(badValue.code, 0);
    assert.match(badValue.stderr, /--max-retries/);
    assert.match(badValue.stderr, /whole number/);
  });
});
