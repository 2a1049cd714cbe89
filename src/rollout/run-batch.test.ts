import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import { EpisodeLog, readEpisodeLog } from './episode-log.js';
import { type BatchEvent, groupSeed, runBatch } from './run-batch.js';
import { memberSeed } from './run-group.js';
import { downEngine, loadedTask, scriptedPolicyFactory, stubScorer, terminalReplay } from './test-support.js';
import { toAtifJson, toOpenAiJsonl } from './trajectory-formats.js';
import { type EpisodeLine, episodeKey } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-rollout-batch-'));
after(() => rmSync(root, { recursive: true, force: true }));

const { engine, spec, recorded } = await terminalReplay();
const actions = recorded.turns.slice(0, 2).map((turn) => turn.action);
const script = [...actions.map((action) => ({ action })), { done: true as const, answer: 'done' }];
const tasks = [loadedTask('task-a', spec), loadedTask('task-b', spec)];

function batch(outPath: string, extra: Partial<Parameters<typeof runBatch>[0]> = {}) {
  return runBatch({
    tasks,
    engine,
    policyFactory: scriptedPolicyFactory(script, { vary: true }),
    score: stubScorer(),
    outPath,
    episodesPerTask: 3,
    groupSize: 2,
    concurrency: 3,
    progress: false,
    ...extra,
  });
}

/** The engine, except that its world model is down (ENGINE_UNAVAILABLE, retryable) for the sessions `isDown` picks. */
function downFor(inner: Engine, isDown: (seed: number) => boolean): Engine {
  return {
    id: inner.id,
    kind: inner.kind,
    identity: () => inner.identity(),
    predict: async (request, options) => {
      if (isDown(request.seed))
        throw new AgentWorldError('ENGINE_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:1');
      return inner.predict(request, options);
    },
    close: async () => undefined,
  };
}

function fileLines(path: string): EpisodeLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EpisodeLine);
}

function lineKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => episodeKey(JSON.parse(line)));
}

describe('runBatch', () => {
  it('runs tasks × episodes × members, one committed line each, with a report by blame', async () => {
    const out = join(root, 'full.jsonl');
    const report = await batch(out);
    assert.equal(report.planned, 12);
    assert.equal(report.ran, 12);
    assert.equal(report.skipped, 0);
    assert.deepEqual(report.counts, { success: 12, failure: 0, 'invalid-action': 0, infrastructure: 0 });
    assert.equal(report.meanReward, 1);
    const keys = lineKeys(out);
    assert.equal(keys.length, 12);
    assert.equal(new Set(keys).size, 12);
    const { episodes } = await readEpisodeLog(out);
    const first = episodes[0];
    assert.ok(first?.record !== undefined && first.record.turns.length === 2);
    assert.ok(first.messages.length > 0);
    // Group seeds come from (run seed, task, episode): the same plan gives the same seeds.
    const again = join(root, 'again.jsonl');
    await batch(again);
    const seedsOf = async (path: string) =>
      Object.fromEntries((await readEpisodeLog(path)).episodes.map((line) => [episodeKey(line), line.seed]));
    assert.deepEqual(await seedsOf(again), await seedsOf(out));
    // Rerunning a finished output runs nothing.
    const rerun = await batch(out);
    assert.equal(rerun.ran, 0);
    assert.equal(rerun.skipped, 12);
    assert.equal(lineKeys(out).length, 12);
  });

  it('resumes after an abort mid-run without redoing or duplicating an episode', async () => {
    const out = join(root, 'aborted.jsonl');
    const controller = new AbortController();
    let committed = 0;
    await assert.rejects(
      batch(out, {
        signal: controller.signal,
        onEvent: (event: BatchEvent) => {
          if (event.type === 'episode-committed' && ++committed === 5) controller.abort();
        },
      }),
      (error: unknown) => error instanceof AgentWorldError && error.code === 'ABORTED',
    );
    const before = lineKeys(out);
    assert.ok(before.length >= 5 && before.length < 12, `${before.length} lines after the abort`);
    assert.equal(new Set(before).size, before.length);

    const ran: string[] = [];
    const report = await batch(out, {
      onEvent: (event: BatchEvent) => {
        if (event.type === 'episode-committed') ran.push(episodeKey(event.line));
      },
    });
    assert.equal(report.skipped, before.length);
    assert.equal(report.ran, 12 - before.length);
    assert.deepEqual(
      ran.filter((key) => before.includes(key)),
      [],
      'nothing committed before is run again',
    );
    const after = lineKeys(out);
    assert.equal(after.length, 12);
    assert.equal(new Set(after).size, 12);
  });

  it('a torn last line (kill -9 mid-append) is ignored with a warning and its episode runs again', async () => {
    const out = join(root, 'torn.jsonl');
    await batch(out);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n').filter((line) => line !== '');
    const last = lines.at(-1) as string;
    const tornKey = episodeKey(JSON.parse(last));
    writeFileSync(out, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);

    const { episodes, warnings } = await readEpisodeLog(out);
    assert.equal(episodes.length, 11);
    assert.match(warnings[0] ?? '', /torn last line/);

    const ran: string[] = [];
    const report = await batch(out, {
      onEvent: (event: BatchEvent) => {
        if (event.type === 'episode-committed') ran.push(episodeKey(event.line));
      },
    });
    assert.deepEqual(ran, [tornKey]);
    assert.ok(report.warnings.some((warning) => /torn last line/.test(warning)));
    const keys = lineKeys(out);
    assert.equal(keys.length, 12);
    assert.equal(new Set(keys).size, 12);
  });

  it('a complete last line without its newline is not committed: it runs again, once', async () => {
    const out = join(root, 'no-newline.jsonl');
    await batch(out);
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.slice(0, -1));
    const report = await batch(out);
    assert.equal(report.ran, 1);
    const keys = lineKeys(out);
    assert.equal(keys.length, 12);
    assert.equal(new Set(keys).size, 12);
  });

  it('refuses an output with a broken line in the middle', async () => {
    const out = join(root, 'broken.jsonl');
    await batch(out);
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[3] = '{"not": "an episode"}';
    writeFileSync(out, lines.join('\n'));
    await assert.rejects(batch(out), /:4: not an episode line/);
  });

  it('commits infrastructure episodes unscored and counts them', async () => {
    const out = join(root, 'infra.jsonl');
    const score = stubScorer();
    const report = await batch(out, {
      engine: downEngine(),
      score,
      episodesPerTask: 1,
      groupSize: 2,
      maxInfraRetries: 1,
    });
    assert.deepEqual(report.counts, { success: 0, failure: 0, 'invalid-action': 0, infrastructure: 4 });
    assert.equal(report.meanReward, undefined);
    assert.equal(score.calls.length, 0);
    const { episodes } = await readEpisodeLog(out);
    assert.ok(episodes.every((line) => line.attempts === 2 && line.reward === undefined));
  });

  it('on resume, runs again exactly the episodes committed as infrastructure failures; readers take the latest line', async () => {
    const out = join(root, 'infra-resume.jsonl');
    // Run 1: the world model is down for task-b's sessions (every member seed of its groups), up for task-a's.
    const taskBSeeds = new Set(
      [0, 1, 2].flatMap((episodeIndex) =>
        [0, 1].map((member) => memberSeed(groupSeed(0, 'task-b', episodeIndex), member)),
      ),
    );
    const first = await batch(out, {
      engine: downFor(engine, (seed) => taskBSeeds.has(seed)),
      maxInfraRetries: 0,
    });
    assert.deepEqual(first.counts, { success: 6, failure: 0, 'invalid-action': 0, infrastructure: 6 });
    const infraKeys = fileLines(out)
      .filter((line) => line.blame === 'infrastructure')
      .map(episodeKey)
      .sort();
    assert.equal(infraKeys.length, 6);
    assert.ok(infraKeys.every((key) => key.startsWith('task-b#')));

    // Run 2: the world model is up. Exactly the infrastructure episodes run again.
    const ran: string[] = [];
    const second = await batch(out, {
      onEvent: (event: BatchEvent) => {
        if (event.type === 'episode-committed') ran.push(episodeKey(event.line));
      },
    });
    assert.deepEqual([...ran].sort(), infraKeys);
    assert.equal(second.skipped, 6);
    assert.equal(second.retried, 6);
    assert.equal(second.ran, 6);
    assert.deepEqual(second.counts, { success: 12, failure: 0, 'invalid-action': 0, infrastructure: 0 });
    assert.equal(second.meanReward, 1);

    // The old infrastructure lines stay as history; no key has two scored lines.
    const lines = fileLines(out);
    assert.equal(lines.length, 18);
    const scoredKeys = lines.filter((line) => line.blame !== 'infrastructure').map(episodeKey);
    assert.equal(scoredKeys.length, 12);
    assert.equal(new Set(scoredKeys).size, 12);

    // Readers take the latest line per key: one scored episode, one trajectory per key, no warning.
    const { episodes, warnings } = await readEpisodeLog(out);
    assert.deepEqual(warnings, []);
    assert.equal(episodes.length, 12);
    assert.ok(episodes.every((line) => line.blame === 'success'));
    const openAi = toOpenAiJsonl(episodes)
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { task_id: string; episode_index: number; member: number });
    const exportedKeys = openAi.map((trajectory) =>
      episodeKey({
        taskId: trajectory.task_id,
        episodeIndex: trajectory.episode_index,
        member: trajectory.member,
      }),
    );
    assert.equal(exportedKeys.length, 12);
    assert.equal(new Set(exportedKeys).size, 12);
    assert.equal((JSON.parse(toAtifJson(episodes)) as unknown[]).length, 12);

    // A third run has nothing left to do.
    const third = await batch(out);
    assert.equal(third.ran, 0);
    assert.equal(third.retried, 0);
    assert.equal(fileLines(out).length, 18);
  });

  it('a torn rerun of an infrastructure episode leaves its infrastructure line latest: it runs again', async () => {
    const out = join(root, 'infra-torn.jsonl');
    await batch(out, { engine: downEngine(), episodesPerTask: 1, groupSize: 1, maxInfraRetries: 0 });
    await batch(out, { episodesPerTask: 1, groupSize: 1 });
    const lines = readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    assert.equal(lines.length, 4);
    // As if kill -9 had landed in the middle of the last rerun's append.
    const last = lines.at(-1) as string;
    const tornKey = episodeKey(JSON.parse(last));
    writeFileSync(out, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, 40)}`);
    const { episodes } = await readEpisodeLog(out);
    assert.equal(episodes.find((line) => episodeKey(line) === tornKey)?.blame, 'infrastructure');

    const ran: string[] = [];
    const report = await batch(out, {
      episodesPerTask: 1,
      groupSize: 1,
      onEvent: (event: BatchEvent) => {
        if (event.type === 'episode-committed') ran.push(episodeKey(event.line));
      },
    });
    assert.deepEqual(ran, [tornKey]);
    assert.equal(report.retried, 1);
    assert.deepEqual(report.counts, { success: 2, failure: 0, 'invalid-action': 0, infrastructure: 0 });
  });

  it('appends issued at once are all committed, each resolved once its line is on disk, in the order issued', async () => {
    const source = join(root, 'source.jsonl');
    await batch(source);
    const { episodes } = await readEpisodeLog(source);
    const out = join(root, 'group-commit.jsonl');
    const log = await EpisodeLog.open(out);
    const lines = Array.from({ length: 60 }, (_, index) => ({
      ...(episodes[index % episodes.length] as EpisodeLine),
      episodeIndex: index,
    }));
    await Promise.all(
      lines.map(async (line) => {
        await log.append(line);
        // Resolved: the line is in the file and counted as committed.
        assert.ok(log.isDone(episodeKey(line)));
        assert.ok(readFileSync(out, 'utf8').includes(`"episodeIndex":${line.episodeIndex},`));
      }),
    );
    await log.close();
    assert.deepEqual(lineKeys(out), lines.map(episodeKey));
  });

  it('resumes after kill -9 of the process running it, with a torn line at the end, without duplicates', async () => {
    const out = join(root, 'killed.jsonl');
    // The child commits three episodes (two engine answers each, one at a time), then its world model hangs.
    const child = `
      import { runBatch } from './src/rollout/run-batch.ts';
      import { hangingAfter, loadedTask, scriptedPolicyFactory, stubScorer, terminalReplay } from './src/rollout/test-support.ts';
      const { engine, spec, recorded } = await terminalReplay();
      const actions = recorded.turns.slice(0, 2).map((turn) => turn.action);
      setInterval(() => undefined, 1000);
      await runBatch({
        tasks: [loadedTask('task-a', spec), loadedTask('task-b', spec)],
        engine: hangingAfter(engine, 6),
        policyFactory: scriptedPolicyFactory([...actions.map((action) => ({ action })), { done: true, answer: 'done' }], { vary: true }),
        score: stubScorer(),
        outPath: ${JSON.stringify(out)},
        episodesPerTask: 3,
        groupSize: 2,
        concurrency: 1,
        progress: false,
      });`;
    const process_ = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => process_.once('exit', resolve));
    while (!existsSync(out) || lineKeys(out).length < 3) {
      assert.equal(process_.exitCode, null, 'the child is still running');
      await delay(20);
    }
    process_.kill('SIGKILL');
    await exited;
    const before = lineKeys(out);
    assert.equal(before.length, 3);
    // As if the kill had landed in the middle of a fourth append.
    appendFileSync(out, '{"format":"agentworld.episode","version":1,"taskId":"task-b","epis');

    const ran: string[] = [];
    const report = await batch(out, {
      onEvent: (event: BatchEvent) => {
        if (event.type === 'episode-committed') ran.push(episodeKey(event.line));
      },
    });
    assert.equal(report.skipped, 3);
    assert.equal(report.ran, 9);
    assert.deepEqual(
      ran.filter((key) => before.includes(key)),
      [],
    );
    const keys = lineKeys(out);
    assert.equal(keys.length, 12);
    assert.equal(new Set(keys).size, 12);
  });
});
