import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { findBundledModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { benchRows } from '../../src/export/bench.js';
import { readSessions } from '../../src/export/read-sessions.js';
import { INFER_LINE_LOG_FORMAT } from '../../src/fidelity/infer/index.js';
import { readResultLog } from '../../src/fidelity/run/result-log.js';
import type { BenchRow } from '../../src/fidelity/schemas.js';
import { REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const llamaInstalled = await nodeLlamaCppInstalled();
const skip =
  (!llamaInstalled && 'node-llama-cpp is not installed') ||
  (findBundledModel('terminal') === undefined && 'models/agentworld-terminal.gguf is absent');

async function firstRecord(path: string, accept: (record: SessionRecord) => boolean): Promise<SessionRecord> {
  for await (const { record } of readSessions([join(REPO_ROOT, path)])) if (accept(record)) return record;
  throw new Error(`no session of ${path} fits`);
}

describe('bench infer --engine hybrid: the twins and the embedded models answer exported rows', () => {
  const folder = temporaryFolder('bench-infer-hybrid');
  let terminal: BenchRow[];
  let memory: BenchRow[];
  let os: BenchRow;
  let data: string;
  before(async () => {
    const terminalRecord = await firstRecord(
      'corpus/real/terminal.jsonl.gz',
      (record) => record.turns.length >= 4,
    );
    terminal = benchRows(terminalRecord, [1, 2, 3, 4]);
    const memoryRecord = await firstRecord(
      'corpus/real/mcp.jsonl.gz',
      (record) => record.spec.initialState?.data?.serverName === 'server-memory' && record.turns.length >= 4,
    );
    memory = benchRows(memoryRecord, [1, 2, 3, 4]);
    const [osRow] = benchRows(await firstRecord('examples/sessions/os.jsonl', () => true), [1]);
    assert.ok(osRow !== undefined);
    os = osRow;
    data = join(folder.path, 'rows.jsonl');
    writeFileSync(data, [...terminal, ...memory, os].map((row) => `${JSON.stringify(row)}\n`).join(''));
  });
  after(() => folder.remove());

  it('answers real terminal and server-memory rows; a domain without a twin fails UNSUPPORTED; bench score reads the lines', {
    skip,
  }, async (t) => {
    const out = join(folder.path, 'hybrid.jsonl');
    const run = await runCli(['bench', 'infer', '--data', data, '--engine', 'hybrid', '--out', out]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    assert.equal(lines.length, terminal.length + memory.length + 1);
    for (const row of terminal) {
      const line = lines.find((entry) => entry.key === `terminal:${row.id}:${row.turn_idx}`);
      assert.ok(line !== undefined);
      // A row fails only when neither the twin nor the model covers its command.
      if (line.failed) assert.equal(line.error?.code, 'UNSUPPORTED', line.error?.message);
      else {
        assert.equal(typeof line.metrics?.exact, 'boolean');
        assert.ok(line.answeredBy !== undefined, 'every answered line names the side that answered');
      }
    }
    // The rebuilt spec of a bench row is one the twin simulates: it answers some of these real commands itself.
    assert.ok(
      lines.some((line) => line.answeredBy?.side === 'twin'),
      JSON.stringify(lines.map((line) => [line.key, line.answeredBy, line.error?.message])),
    );
    // server-memory's twin computes every result of a real session exactly.
    for (const row of memory) {
      const line = lines.find((entry) => entry.key === `mcp:${row.id}:${row.turn_idx}`);
      assert.equal(line?.answeredBy?.side, 'twin', JSON.stringify(line));
      assert.equal(line?.metrics?.exact, true, JSON.stringify(line));
    }
    const osLine = lines.find((entry) => entry.task === 'os');
    assert.equal(osLine?.failed, true);
    assert.equal(osLine?.error?.code, 'UNSUPPORTED');
    assert.match(osLine?.error?.message ?? '', /no twin and world model for this os world|cannot be rebuilt/);
    const manifest = JSON.parse((await import('node:fs')).readFileSync(`${out}.manifest.json`, 'utf8')) as {
      model: { engine: string; name: string };
    };
    assert.equal(manifest.model.engine, 'hybrid');
    assert.match(manifest.model.name, /terminal-twin|twin/);
    const score = await runCli(['bench', 'score', out, '--json']);
    assert.equal(score.code, 0, score.stdout + score.stderr);
    const scored = lines.filter((line) => !line.failed);
    t.diagnostic(
      `exact ${scored.filter((line) => line.metrics?.exact === true).length} of ${scored.length} answered rows`,
    );
  });
});
