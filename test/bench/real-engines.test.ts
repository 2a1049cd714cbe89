/**
 * bench/real-engines' core with tiny numbers: every case on its real engine, the replay of its recording and
 * (terminal) the embedded model, at concurrency 1 and 2. It proves the bench runs and cleans up (no child process
 * and no temporary file left); it measures nothing, and asserts no time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BENCH_CASES } from '../../bench/real-engines/action-scripts.js';
import {
  type RealEnginesBenchResult,
  runRealEnginesBench,
} from '../../bench/real-engines/real-engines-bench.js';
import { waitFor } from '../helpers/index.js';

/**
 * Processes whose parent is this one (sandboxes, shells and MCP servers are started as its children), less tsx's
 * esbuild service, which lives as long as this process.
 */
function childProcesses(): string[] {
  return readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      return Number(parent) === process.pid && !command.endsWith('/esbuild');
    } catch {
      return false;
    }
  });
}

describe('bench/real-engines core', () => {
  const originalTmp = process.env.TMPDIR;
  let scratch = '';
  let result: RealEnginesBenchResult;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'agentworld-bench-real-test-'));
    process.env.TMPDIR = scratch;
    result = await runRealEnginesBench({
      cases: BENCH_CASES,
      sessions: 1,
      concurrency: [1, 2],
      steps: 2,
      modelPath: join(import.meta.dirname, '../../models/agentworld-terminal.gguf'),
    });
  });

  after(() => {
    if (originalTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmp;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs every case on the real engine and the replay of its recording, terminal on the local model too', () => {
    const runs = result.runs.map((run) => `${run.case}/${run.engine}/${run.concurrency}`);
    const expected = BENCH_CASES.flatMap((name) =>
      (name === 'terminal' ? ['real', 'replay', 'local'] : ['real', 'replay']).flatMap((engine) =>
        [1, 2].map((concurrency) => `${name}/${engine}/${concurrency}`),
      ),
    );
    assert.deepEqual([...runs].sort(), [...expected].sort());
    assert.deepEqual(result.notes, []);
  });

  it('loses no turn: every turn sent is recorded, with no error', () => {
    for (const run of result.runs) {
      assert.equal(run.sessionsCompleted, run.concurrency, `${run.case}/${run.engine}/${run.concurrency}`);
      assert.equal(run.turnsSent, run.sessionsCompleted * 2);
      assert.equal(run.lostTurns, 0);
      assert.deepEqual(run.errors, {});
      assert.ok(Number.isFinite(run.startP50Ms) && Number.isFinite(run.stepP99Ms));
    }
    // Each case against its replay at both concurrencies, the terminal against the local model too.
    assert.equal(result.ratios.length, (BENCH_CASES.length + 1) * 2);
  });

  it('leaves no sandbox, shell or server process and no temporary file behind', async () => {
    await waitFor(() => childProcesses().length === 0, 'the child processes to exit');
    // tsx keeps its compile cache (tsx-<uid>) in the temporary directory of the moment; that one is not ours.
    const leftovers = () => readdirSync(scratch).filter((entry) => !entry.startsWith('tsx-'));
    await waitFor(() => leftovers().length === 0, 'the temporary files to be removed');
  });
});
