import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type ScriptedModelServer,
  type ScriptedReply,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import { benchRow, rowIdOf, writeBenchRows } from '../helpers/bench-rows.js';
import { CLI_HANG_GUARD_MS, cliEnvironment, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const folder = temporaryFolder('bench-infer');
let server: ScriptedModelServer;
/** Row ids in the order their requests arrived. */
const requested: number[] = [];
let reply: (rowId: number) => ScriptedReply = (rowId) => `screen ${rowId}`;

before(async () => {
  server = await startScriptedModelServer({
    acceptAnyModel: true,
    script: (request) => {
      const rowId = rowIdOf(request.messages);
      requested.push(rowId);
      return reply(rowId);
    },
  });
});
after(async () => {
  await server.close();
  folder.remove();
});

function writeRows(name: string, count: number): string {
  return writeBenchRows(join(folder.path, name), count);
}

function committedKeys(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => (JSON.parse(line) as { key: string }).key);
}

const base = (data: string, out: string): string[] => [
  'bench',
  'infer',
  '--data',
  data,
  '--out',
  out,
  '--model-url',
  server.url,
  '--model',
  'm',
  '--no-progress',
];

describe('agentworld bench infer', () => {
  it('resumes after kill -9 without sending or writing a finished row again', async () => {
    const data = writeRows('kill.jsonl', 30);
    const out = join(folder.path, 'kill-out.jsonl');
    requested.length = 0;
    // The first six requests are answered; later ones hang until the process is killed.
    let answered = 0;
    reply = (rowId) => (answered++ < 6 ? `screen ${rowId}` : { type: 'hang' });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...base(data, out), '--concurrency', '3'],
      {
        cwd: REPO_ROOT,
        env: cliEnvironment({}, folder.path),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    while (committedKeys(out).length < 6) {
      assert.ok(Date.now() - started < CLI_HANG_GUARD_MS, 'the first run never committed six rows');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, null);
    const beforeKill = committedKeys(out);
    assert.equal(beforeKill.length, 6);
    const requestsBefore = requested.length;

    reply = (rowId) => `screen ${rowId}`;
    const resumed = await runCli([...base(data, out), '--concurrency', '3']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /done 24, failed 0, skipped 0, resumed 6 of 30 selected/);
    const sentAgain = requested.slice(requestsBefore);
    assert.equal(sentAgain.length, 24);
    for (const key of beforeKill) {
      const id = Number(key.split(':')[1]);
      assert.ok(!sentAgain.includes(id), `row ${key} was sent again`);
    }
    const keys = committedKeys(out);
    assert.equal(keys.length, 30);
    assert.equal(new Set(keys).size, 30);
  });

  it('refuses to add to a file made with other parameters, naming the difference', async () => {
    reply = (rowId) => `screen ${rowId}`;
    const data = writeRows('mismatch.jsonl', 3);
    const out = join(folder.path, 'mismatch-out.jsonl');
    const first = await runCli(base(data, out));
    assert.equal(first.code, 0, first.stderr);
    const differs = await runCli([...base(data, out), '--temperature', '0.7']);
    assert.equal(differs.code, 1);
    assert.match(differs.stderr, /model\.parameters\.temperature: 0\.6 ≠ 0\.7/);
    const otherModel = await runCli([...base(data, out).slice(0, -2), 'other', '--no-progress', '--dry-run']);
    assert.equal(otherModel.code, 1);
    assert.match(otherModel.stderr, /model\.name: "m" ≠ "other"/);
  });

  it('splits a run into shards that together answer every row once', async () => {
    const data = writeRows('shards.jsonl', 20);
    const keys: string[] = [];
    for (const shard of ['0/3', '1/3', '2/3']) {
      const out = join(folder.path, `shard-${shard.replace('/', '-')}.jsonl`);
      const run = await runCli([...base(data, out), '--shard', shard]);
      assert.equal(run.code, 0, run.stderr);
      keys.push(...committedKeys(out));
    }
    assert.equal(keys.length, 20);
    assert.equal(new Set(keys).size, 20);
  });

  it('reports malformed rows, skips them and counts them in the summary', async () => {
    const data = writeRows('malformed.jsonl', 2);
    writeFileSync(data, `{"task":"web","id":9}\n${JSON.stringify({ ...benchRow(5), turn_idx: 7 })}\n`, {
      flag: 'a',
    });
    const out = join(folder.path, 'malformed-out.jsonl');
    const run = await runCli([...base(data, out), '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /malformed\.jsonl:3: missing turn_idx/);
    assert.match(run.stderr, /malformed\.jsonl:4: turn_idx 7 out of range/);
    const summary = JSON.parse(run.stdout) as { done: number; skipped: number };
    assert.equal(summary.done, 2);
    assert.equal(summary.skipped, 2);
    // Every answered line carries its judge-free metrics beside the prediction.
    const line = JSON.parse(readFileSync(out, 'utf8').split('\n')[0] ?? '{}') as {
      prediction: string;
      metrics?: { exact: boolean; editSimilarity: number };
    };
    assert.equal(line.prediction, 'screen 1');
    assert.equal(line.metrics?.exact, false);
    assert.equal(typeof line.metrics?.editSimilarity, 'number');
  });

  it('prints a dry run per domain and sends nothing', async () => {
    const data = writeRows('dry.jsonl', 5);
    const out = join(folder.path, 'dry-out.jsonl');
    requested.length = 0;
    const run = await runCli([...base(data, out), '--dry-run', '--domains', 'web']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /dry run: 2 rows selected \(web 2\); skipped 0 malformed; already done 0; would send 2/,
    );
    assert.equal(requested.length, 0);
    assert.equal(existsSync(out), false);
  });
});
