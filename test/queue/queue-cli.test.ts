/**
 * The queue from the command line: `bench infer --queue` with no worker yet stops waiting on Ctrl-C (its jobs stay
 * queued), `queue status` counts them, `queue cancel` removes the waiting ones; Redis down is QUEUE_UNAVAILABLE.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { cliEnvironment, REPO_ROOT, runCli, temporaryFolder } from '../cli/run-cli.js';
import { startTestRedis, type TestRedisServer } from '../helpers/redis-server.js';
import { eventually, scratchFolder, writeRows } from './queue-fixtures.js';

const scratch = scratchFolder('queue-cli');
let redis: TestRedisServer;

before(async () => {
  redis = await startTestRedis();
});
after(async () => {
  await redis.stop();
  scratch.remove();
});

describe('agentworld queue', () => {
  it('Ctrl-C stops waiting; status counts the waiting jobs; cancel removes them', async () => {
    const data = writeRows(scratch.file('rows.jsonl'), 5);
    const store = scratch.file('store.db');
    const home = temporaryFolder('queue-cli-home');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'bench',
        'infer',
        '--data',
        data,
        '--out',
        scratch.file('out.jsonl'),
        '--model-url',
        'http://127.0.0.1:9/v1',
        '--model',
        'm',
        '--no-progress',
        '--queue',
        redis.url,
        '--store',
        store,
      ],
      { cwd: REPO_ROOT, env: cliEnvironment({}, home.path), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const runId = await eventually(
      async () => (/rows queued as run (infer-[0-9a-f]+)/.exec(stderr) ?? undefined)?.[1],
      'the rows to be queued',
    );
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    home.remove();

    const status = await runCli(['queue', 'status', runId, '--queue', redis.url, '--store', store, '--json']);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(
      { ...JSON.parse(status.stdout), failedJobs: undefined },
      { runId, results: 0, waiting: 5, active: 0, delayed: 0, failed: 0, failedJobs: undefined },
    );
    const cancel = await runCli(['queue', 'cancel', runId, '--queue', redis.url]);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(cancel.stdout, /removed 5 waiting jobs; 0 running jobs finish/);
    const after = await runCli(['queue', 'status', runId, '--queue', redis.url, '--store', store]);
    assert.match(after.stdout, /0 results stored; jobs waiting 0, running 0, waiting to retry 0, failed 0/);
  });

  it('says QUEUE_UNAVAILABLE when Redis is down, for enqueueing and for status', async () => {
    const down = await startTestRedis();
    await down.stop();
    const data = writeRows(scratch.file('down.jsonl'), 1);
    const enqueue = await runCli([
      'bench',
      'infer',
      '--data',
      data,
      '--out',
      scratch.file('down-out.jsonl'),
      '--engine',
      'replay',
      '--no-progress',
      '--queue',
      down.url,
      '--store',
      scratch.file('down.db'),
    ]);
    assert.equal(enqueue.code, 1);
    assert.match(enqueue.stderr, /QUEUE_UNAVAILABLE/);
    assert.match(enqueue.stderr, /could not be reached/);
    const status = await runCli(['queue', 'status', 'infer-0', '--queue', down.url]);
    assert.equal(status.code, 1);
    assert.match(status.stderr, /QUEUE_UNAVAILABLE/);
  });
});
