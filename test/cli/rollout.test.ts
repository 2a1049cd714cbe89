/**
 * `agentworld rollout` as the real command: the shipped tasks validated on their real engines, a batch of real
 * terminal episodes played by the tasks' known solutions, resumed without redoing one, and exported in both
 * trainer formats.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AtifTrajectorySchema, EpisodeLineSchema, OpenAiTrajectorySchema } from '../../src/rollout/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { runCli, temporaryFolder } from './run-cli.js';

describe('the shipped tasks', () => {
  it('all 40+ validate on their real engines: solution 1, empty episode ≤ 0.5, no leaked answer', async () => {
    const run = await runCli(['task', 'validate', 'tasks', '--json']);
    assert.equal(run.code, 0, run.stdout.slice(-2000) + run.stderr);
    const results = JSON.parse(run.stdout) as {
      id: string;
      passed: boolean;
      solutionReward?: number;
      emptyReward?: number;
    }[];
    assert.ok(results.length >= 40, `${results.length} tasks`);
    const domains = new Set(results.map((result) => result.id.split('-')[0]));
    assert.deepEqual([...domains].sort(), ['mcp', 'search', 'swe', 'terminal', 'web']);
    assert.ok(
      results.some((result) => result.id.startsWith('search-tidewrack')),
      'a fictional-world set',
    );
    for (const result of results) {
      assert.ok(result.passed, result.id);
      assert.equal(result.solutionReward, 1, result.id);
      assert.ok((result.emptyReward ?? 1) <= 0.5, result.id);
    }
  });
});

describe('agentworld rollout', () => {
  const folder = temporaryFolder('rollout');
  after(() => folder.remove());

  it('plays the terminal tasks on real bash, commits each episode, and a rerun resumes without redoing one', async () => {
    const out = join(folder.path, 'episodes.jsonl');
    const first = await runCli([
      'rollout',
      'tasks/terminal',
      '--policy',
      'solution',
      '--group-size',
      '2',
      '--out',
      out,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /^24 episodes run, 0 already in .* \(of 24 planned\): success 24, failure 0, invalid-action 0, infrastructure 0; mean reward 1\.000$/m,
    );
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => EpisodeLineSchema.parse(JSON.parse(line)));
    assert.equal(lines.length, 24);
    for (const line of lines) {
      assert.equal(line.blame, 'success');
      assert.ok(line.record?.turns.every((turn) => turn.provenance.source === 'real'));
    }
    // Group members run with their own seeds.
    const seeds = new Set(lines.map((line) => `${line.taskId}#${line.seed}`));
    assert.equal(seeds.size, 24);
    const again = await runCli([
      'rollout',
      'tasks/terminal',
      '--policy',
      'solution',
      '--group-size',
      '2',
      '--out',
      out,
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^0 episodes run, 24 already in /m);
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 24);

    const openai = join(folder.path, 'episodes.openai.jsonl');
    const atif = join(folder.path, 'episodes.atif.json');
    assert.equal((await runCli(['rollout', 'export', out, '--format', 'openai', '--out', openai])).code, 0);
    assert.equal((await runCli(['rollout', 'export', out, '--format', 'atif', '--out', atif])).code, 0);
    const rows = readFileSync(openai, 'utf8').trim().split('\n');
    assert.equal(rows.length, 24);
    for (const row of rows) assert.equal(OpenAiTrajectorySchema.parse(JSON.parse(row)).reward, 1);
    const trajectories = JSON.parse(readFileSync(atif, 'utf8')) as unknown[];
    assert.equal(trajectories.length, 24);
    for (const trajectory of trajectories) AtifTrajectorySchema.parse(trajectory);
  });

  it('drives a chat policy on an OpenAI-compatible server through the Terminus harness, on real bash', async () => {
    const policy: ScriptedModelServer = await startScriptedModelServer();
    try {
      // The policy answers as Terminus-2's model does: one JSON reply a turn, then the two-step completion.
      policy.setScript((request) => {
        const replies = request.messages.filter((message) => message.role === 'assistant').length;
        const content =
          replies === 0
            ? JSON.stringify({
                analysis: 'Count the tcp lines.',
                plan: 'grep -c into the answer file.',
                commands: [
                  { keystrokes: 'grep -c tcp /etc/services > /workspace/answer.txt\n', duration: 1 },
                ],
                task_complete: false,
              })
            : JSON.stringify({ analysis: 'Written.', plan: 'Finish.', commands: [], task_complete: true });
        return { type: 'raw', content };
      });
      const out = join(folder.path, 'chat.jsonl');
      const run = await runCli([
        'rollout',
        'tasks/terminal/terminal-count-tcp-services.json',
        '--policy-url',
        policy.url,
        '--policy-model',
        policy.model,
        '--out',
        out,
      ]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /success 1, failure 0, invalid-action 0, infrastructure 0; mean reward 1\.000$/m,
      );
      const [line] = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((text) => EpisodeLineSchema.parse(JSON.parse(text)));
      assert.equal(line?.policyId === 'solution', false);
      const messages = line?.messages ?? [];
      // The policy was shown Terminus-2's own prompt with the task, and its reply was read as Terminus reads it.
      assert.match(String(messages[0]?.content ?? ''), /Task Description:[\s\S]*tcp/);
      assert.ok(line?.record?.turns.some((turn) => JSON.stringify(turn.action).includes('grep -c tcp')));
    } finally {
      await policy.close();
    }
  });

  it('refuses a chat policy without a server, and a task folder without tasks', async () => {
    const noServer = await runCli(['rollout', 'tasks/terminal', '--out', join(folder.path, 'x.jsonl')], {
      env: { AGENTWORLD_POLICY_URL: undefined, AGENTWORLD_POLICY_MODEL: undefined },
    });
    assert.equal(noServer.code, 1);
    assert.match(noServer.stderr, /--policy-url and --policy-model/);
    const emptyFolder = join(folder.path, 'no-tasks');
    mkdirSync(emptyFolder);
    const empty = await runCli([
      'rollout',
      emptyFolder,
      '--policy',
      'solution',
      '--out',
      join(folder.path, 'y.jsonl'),
    ]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /No task files/);
  });
});
