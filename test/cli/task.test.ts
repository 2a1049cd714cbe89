/** `agentworld task validate` and `agentworld schema task`, run as the real command on the fixture tasks. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, runCli } from './run-cli.js';

const fixtures = join('test', 'fixtures', 'tasks');

interface Validation {
  readonly id: string;
  readonly passed: boolean;
  readonly failures: string[];
  readonly warnings: string[];
  readonly solutionReward?: number;
  readonly emptyReward?: number;
}

describe('agentworld task validate', { concurrency: 2 }, () => {
  it('passes good tasks of terminal, swe, mcp and web on their real engines (each memory server in its own folder)', async () => {
    const run = await runCli([
      'task',
      'validate',
      join(fixtures, 'good'),
      '--real-server',
      'memory',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const results = JSON.parse(run.stdout) as Validation[];
    assert.deepEqual(
      results.map((result) => [result.id, result.passed, result.solutionReward, result.emptyReward]),
      [
        ['mcp-memory-count', true, 1, 0],
        ['swe-garnet-total', true, 1, 0],
        ['terminal-words', true, 1, 0],
        ['web-library-contact', true, 1, 0],
      ],
    );
    for (const result of results) assert.deepEqual(result.failures, []);
  });

  it('fails a leaking answer and a solution that does not solve, one line each, exit status 1', async () => {
    const run = await runCli(['task', 'validate', join(fixtures, 'bad')]);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(
      lines[0] ?? '',
      /^FAIL swe-garnet-no-fix \(solution 0, empty 0\): the solution scores 0, not 1: real-check: .*exited 1 \(expected 0\)/,
    );
    assert.match(
      lines[1] ?? '',
      /^FAIL terminal-leak \(solution 1, empty 0\): the expected answer "4096" appears in the instruction$/,
    );
    assert.equal(lines[2], '0/2 task(s) passed');
  });

  it('reports a task that does not load as a failure naming the file and the reason', async () => {
    const run = await runCli(['task', 'validate', join(fixtures, 'invalid', 'page-on-terminal.yaml')]);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^FAIL .*page-on-terminal\.yaml .*\$\.verifiers\[0\] \(page-reached\): cannot be evaluated on a terminal world/m,
    );
  });
});

describe('agentworld schema task', () => {
  it('is a JSON Schema that accepts the fixture tasks and refuses an unknown verifier', async () => {
    const run = await runCli(['schema', 'task']);
    assert.equal(run.code, 0, run.stderr);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(run.stdout));
    for (const file of ['good/terminal-words.yaml', 'good/swe-garnet.json', 'bad/terminal-leak.yaml']) {
      const value = parseYaml(readFileSync(join(REPO_ROOT, fixtures, file), 'utf8'));
      assert.equal(validate(value), true, `${file}: ${JSON.stringify(validate.errors)}`);
    }
    const unknown = JSON.parse(
      readFileSync(join(REPO_ROOT, fixtures, 'invalid', 'unknown-verifier.json'), 'utf8'),
    );
    assert.equal(validate(unknown), false);
  });
});
