/**
 * `agentworld rollout --queue`: the CLI enqueues a task's groups, a worker runs them (the solution policy on the
 * real engine), and --out holds every episode once, in plan order, scored as the in-process rollout scores them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startQueueWorker } from '../../src/queue/index.js';
import type { EpisodeLine } from '../../src/rollout/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';
import { startTestRedis, type TestRedisServer } from '../helpers/redis-server.js';
import { scratchFolder } from './queue-fixtures.js';

const scratch = scratchFolder('queue-rollout');
const TASK = 'tasks/terminal/terminal-csv-total.json';
let redis: TestRedisServer;
let store: Store;

before(async () => {
  redis = await startTestRedis();
  store = await openStore(scratch.file('store.db'));
});
after(async () => {
  await store.close();
  await redis.stop();
  scratch.remove();
});

function episodes(path: string): EpisodeLine[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as EpisodeLine);
}

const summaryOf = (line: EpisodeLine) => ({
  key: `${line.taskId}#${line.episodeIndex}#${line.member}`,
  blame: line.blame,
  reward: line.reward,
  seed: line.seed,
  actions: line.decisions.length,
});

describe('agentworld rollout --queue', () => {
  it('runs the groups on a worker and writes every episode once, as the in-process rollout does', async () => {
    const args = ['rollout', TASK, '--policy', 'solution', '--episodes', '2', '--group-size', '2'];
    const worker = startQueueWorker({ queueUrl: redis.url, store, concurrency: 2 });
    try {
      const queuedOut = scratch.file('queued.jsonl');
      const runQueued = () =>
        runCli([...args, '--out', queuedOut, '--queue', redis.url, '--store', scratch.file('store.db')]);
      const queued = await runQueued();
      assert.equal(queued.code, 0, queued.stderr);
      assert.match(queued.stdout, /^4 episodes run, 0 already in /m);
      const localOut = scratch.file('local.jsonl');
      const local = await runCli([...args, '--out', localOut]);
      assert.equal(local.code, 0, local.stderr);
      const queuedLines = episodes(queuedOut);
      assert.deepEqual(
        queuedLines.map((line) => `${line.episodeIndex}#${line.member}`),
        ['0#0', '0#1', '1#0', '1#1'],
      );
      const byKey = (lines: EpisodeLine[]) => lines.map(summaryOf).sort((a, b) => a.key.localeCompare(b.key));
      assert.deepEqual(byKey(queuedLines), byKey(episodes(localOut)));
      assert.ok(queuedLines.every((line) => line.reward === 1));
      // Again: every episode is in --out, nothing is queued.
      const again = await runQueued();
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^0 episodes run, 4 already in /m);
      assert.equal(episodes(queuedOut).length, 4);
    } finally {
      await worker.close();
    }
  });
});
