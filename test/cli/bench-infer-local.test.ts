import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { findBundledModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { benchRows } from '../../src/export/bench.js';
import { readSessions } from '../../src/export/read-sessions.js';
import {
  createLocalAnswerer,
  INFER_LINE_LOG_FORMAT,
  type RowAnswerer,
  runInfer,
} from '../../src/fidelity/infer/index.js';
import { judgeFreeMetrics } from '../../src/fidelity/metrics/index.js';
import { readResultLog } from '../../src/fidelity/run/result-log.js';
import type { BenchRow, InferLine } from '../../src/fidelity/schemas.js';
import { REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

// The embedded models run on this CPU: a handful of rows, one model-loading run at a time.
const llamaInstalled = await nodeLlamaCppInstalled();
const skip =
  (!llamaInstalled && 'node-llama-cpp is not installed') ||
  (findBundledModel('terminal') === undefined && 'models/agentworld-terminal.gguf is absent');

async function firstRecord(path: string, accept: (record: SessionRecord) => boolean): Promise<SessionRecord> {
  for await (const { record } of readSessions([join(REPO_ROOT, path)])) if (accept(record)) return record;
  throw new Error(`no session of ${path} fits`);
}

/** Rows exported from held-out real terminal sessions (corpus/real), a real os session and a real mcp one. */
async function exportedRows(): Promise<{
  terminal: BenchRow[];
  outsideGrammar: BenchRow;
  os: BenchRow;
  mcp: BenchRow;
}> {
  const terminalRecord = await firstRecord(
    'corpus/real/terminal.jsonl.gz',
    (record) => record.turns.length >= 4,
  );
  const osRecord = await firstRecord('examples/sessions/os.jsonl', () => true);
  // A server the embedded mcp model (server-memory) does not simulate.
  const mcpRecord = await firstRecord('corpus/real/mcp.jsonl.gz', (record) =>
    JSON.stringify(record.spec).includes('server-everything'),
  );
  // A turn running a program the terminal model was not trained on.
  const runsGit = (turn: { action: unknown }) => /"git /.test(JSON.stringify(turn.action));
  const gitRecord = await firstRecord('corpus/real/terminal.jsonl.gz', (record) =>
    record.turns.some(runsGit),
  );
  const gitTurn = gitRecord.turns.find(runsGit)?.index ?? 1;
  const [os] = benchRows(osRecord, [1]);
  const [mcp] = benchRows(mcpRecord, [1]);
  const [outsideGrammar] = benchRows(gitRecord, [gitTurn]);
  assert.ok(os !== undefined && mcp !== undefined && outsideGrammar !== undefined);
  return { terminal: benchRows(terminalRecord, [1, 2, 3, 4]), outsideGrammar, os, mcp };
}

function exactRate(lines: readonly InferLine[]): number {
  const scored = lines.filter((line) => !line.failed);
  return scored.filter((line) => line.metrics?.exact === true).length / Math.max(1, scored.length);
}

/** The first line of a screen: the prompt and the echoed command, which the model must reproduce. */
function firstLine(text: string): string {
  return text.replace(/^\*\*Environment Observation:\*\*\n/, '').split('\n')[0] ?? '';
}

function assertLines(lines: readonly InferLine[], rows: Awaited<ReturnType<typeof exportedRows>>): void {
  assert.equal(lines.length, rows.terminal.length + 3);
  for (const row of rows.terminal) {
    const line = lines.find((entry) => entry.key === `terminal:${row.id}:${row.turn_idx}`);
    assert.ok(line !== undefined, `a line for turn ${row.turn_idx}`);
    assert.equal(line.failed, false, line.error?.message);
    assert.ok(line.prediction.length > 0);
    assert.equal(line.gen.trimEnd(), line.prediction);
    assert.equal(firstLine(line.prediction), firstLine(row.response[row.turn_idx - 1] ?? '').trimEnd());
    assert.equal(typeof line.metrics?.exact, 'boolean');
    assert.ok((line.metrics?.editSimilarity ?? -1) >= 0);
    assert.ok(line.metrics?.stateChange !== undefined, 'the state-change metric is computed');
  }
  const git = rows.outsideGrammar;
  const outside = lines.find((entry) => entry.key === `terminal:${git.id}:${git.turn_idx}`);
  assert.equal(outside?.failed, true);
  assert.equal(outside?.error?.code, 'UNSUPPORTED');
  assert.match(outside?.error?.message ?? '', /embedded terminal model cannot simulate the program git/);
  const os = lines.find((entry) => entry.task === 'os');
  assert.equal(os?.failed, true);
  assert.equal(os?.error?.code, 'UNSUPPORTED');
  assert.equal(os?.error?.retryable, false);
  assert.match(os?.error?.message ?? '', /No embedded model simulates the os domain|cannot be rebuilt/);
  const mcp = lines.find((entry) => entry.task === 'mcp');
  assert.equal(mcp?.failed, true);
  assert.equal(mcp?.error?.code, 'UNSUPPORTED');
  assert.match(mcp?.error?.message ?? '', /embedded mcp model .* cannot simulate/);
}

describe('bench infer --engine local: the embedded models answer exported rows as session turns', () => {
  const folder = temporaryFolder('bench-infer-local');
  let rows: Awaited<ReturnType<typeof exportedRows>>;
  let data: string;
  before(async () => {
    rows = await exportedRows();
    data = join(folder.path, 'rows.jsonl');
    const all = [...rows.terminal, rows.outsideGrammar, rows.os, rows.mcp];
    writeFileSync(data, all.map((row) => `${JSON.stringify(row)}\n`).join(''));
  });
  after(() => folder.remove());

  it('answers terminal rows with predictions and metrics; other domains and servers fail UNSUPPORTED', {
    skip,
  }, async (t) => {
    const out = join(folder.path, 'library.jsonl');
    const answerer: RowAnswerer = await createLocalAnswerer({ timeoutMs: 300_000, sequences: 1 });
    try {
      assert.equal(answerer.manifest.engine, 'local');
      assert.match(answerer.manifest.name, /agentworld-terminal\.gguf@[0-9a-f]{12}/);
      const summary = await runInfer({
        data: [data],
        out,
        answerer,
        select: {},
        concurrency: 1,
        retry: { maxRetries: 1, timeoutMs: 300_000, retryBaseMs: 1, retryMaxMs: 2, retryAfterMaxMs: 2 },
        agentworldVersion: 'test',
        metrics: judgeFreeMetrics,
      });
      assert.equal(summary.done, rows.terminal.length);
      assert.equal(summary.failed, 3);
      assert.equal(summary.unsupported, 3);
      const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
      assertLines(lines, rows);
      t.diagnostic(`exact match ${(exactRate(lines) * 100).toFixed(0)} % of ${rows.terminal.length} rows`);
      const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as {
        model: { engine: string; parameters: { models: Record<string, string> } };
      };
      assert.equal(manifest.model.engine, 'local');
      assert.match(
        manifest.model.parameters.models.terminal ?? '',
        /^agentworld-terminal\.gguf@[0-9a-f]{12}$/,
      );

      // Resumed: every row is final (UNSUPPORTED is never retried), nothing runs again.
      const again = await runInfer({
        data: [data],
        out,
        answerer,
        select: {},
        concurrency: 1,
        retry: { maxRetries: 1, timeoutMs: 300_000, retryBaseMs: 1, retryMaxMs: 2, retryAfterMaxMs: 2 },
        agentworldVersion: 'test',
      });
      assert.equal(again.resumed, rows.terminal.length + 3);
      assert.equal(again.toRun, 0);
    } finally {
      await answerer.close?.();
    }
  });

  it('the same through the CLI, then bench score reads it', { skip }, async (t) => {
    const out = join(folder.path, 'cli.jsonl');
    const run = await runCli(['bench', 'infer', '--data', data, '--engine', 'local', '--out', out]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`done ${rows.terminal.length}, failed 3 \\(3 unsupported by the engine\\)`),
    );
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    assertLines(lines, rows);
    const score = await runCli(['bench', 'score', out, '--json']);
    assert.equal(score.code, 0, score.stdout + score.stderr);
    t.diagnostic(
      `exact match ${(exactRate(lines) * 100).toFixed(0)} % of ${rows.terminal.length} rows (CLI)`,
    );
  });
});
