import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findBundledModel, writeFormulaModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { runCli, temporaryFolder } from './run-cli.js';

// No model server is configured (runCli clears every AGENTWORLD_ variable): terminal worlds get the embedded
// model, which does not follow control instructions, so perturbations are rendered into its screens.
const llamaInstalled = await nodeLlamaCppInstalled();
const shipped = findBundledModel('terminal');

describe('agentworld sim on the embedded model: control and the turn footer', { concurrency: 2 }, () => {
  const folder = temporaryFolder('sim-control');
  const formulaModel = join(folder.path, 'formula.gguf');
  before(() => writeFormulaModel(formulaModel));
  after(() => folder.remove());

  it('--perturb no-space-left shows ENOSPC on both writes and :report counts 2 injections, 2 manifested', {
    skip: (!llamaInstalled && 'node-llama-cpp is not installed') || (!shipped && 'no shipped terminal model'),
  }, async () => {
    const run = await runCli(['sim', 'terminal-embedded', '--perturb', 'no-space-left'], {
      stdin: 'echo hello > a.txt\nmkdir d\n:report\n:quit\n',
      timeoutMs: 120_000,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^bash: echo: write error: No space left on device$/m);
    assert.match(run.stdout, /^mkdir: cannot create directory 'd': No space left on device$/m);
    // The default engine is the hybrid: its terminal twin carries the full disk out on its own files.
    assert.match(
      run.stdout,
      /^turn 1 · simulated by hybrid model=terminal-twin .* · injected no-space-left · /m,
    );
    assert.match(
      run.stdout,
      /^turn 2 · simulated by hybrid model=terminal-twin .* · injected no-space-left · /m,
    );
    assert.doesNotMatch(run.stdout, /\(not shown\)/);
    const report = JSON.parse(
      run.stdout.slice(run.stdout.indexOf('\n{') + 1, run.stdout.indexOf('\n}') + 2),
    ) as {
      injections: number;
      manifested: number;
    };
    assert.deepEqual([report.injections, report.manifested], [2, 2]);
  });

  it('the footer says what happened on an unsupported or cut-off turn instead of "checks passed"', {
    skip: !llamaInstalled && 'node-llama-cpp is not installed',
  }, async () => {
    const run = await runCli(
      ['sim', 'terminal-embedded', '--engine', 'local', '--local-model', formulaModel, '--max-tokens', '32'],
      // python3 is outside the model's training grammar: answered with a labelled screen saying nothing ran.
      // The formula model's random bytes never end before 32 bytes: ls is cut at the token limit.
      { stdin: 'python3 train.py\nls\n:quit\n', timeoutMs: 120_000 },
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const footers = run.stdout.split('\n').filter((line) => /^turn \d+ · /.test(line));
    assert.equal(footers.length, 2, run.stdout);
    assert.match(footers[0] ?? '', /^turn 1 · simulated by local .* · unsupported: .*python3.* · [\d.]+ ms$/);
    assert.match(
      footers[1] ?? '',
      /^turn 2 · simulated by local .* · cut off at the token limit \(32 bytes\)/,
    );
    for (const footer of footers) assert.doesNotMatch(footer, /checks \d+ passed(?!,)/);
  });
});
