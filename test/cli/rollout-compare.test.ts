/**
 * `agentworld rollout compare` as the real command: the embedded terminal model as the simulator, bash in
 * bubblewrap as reality, three scripted policies of known quality (solution > partial > noop) and one chat policy
 * on an OpenAI-compatible server that reads what the terminal printed — which the embedded model cannot
 * simulate for `python3`, so the simulator misjudges it: a sim-vs-real gap the report must show.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CompareReport, CompareReportSchema, kendallTauB } from '../../src/rollout/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const TASKS = ['terminal-git-first-commit', 'terminal-python-version'];
const POLICIES = ['solution', 'partial', 'noop', 'reader'];

/** A Terminus-2 reply. */
function terminus(commands: readonly { keystrokes: string; duration: number }[], done = false) {
  return {
    type: 'raw' as const,
    content: JSON.stringify({ analysis: 'Look.', plan: 'Act.', commands, task_complete: done }),
  };
}

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').trim().split('\n').length;
}

describe('agentworld rollout compare', () => {
  const folder = temporaryFolder('rollout-compare');
  const tasks = join(folder.path, 'tasks');
  const out = join(folder.path, 'compare');
  let reader: ScriptedModelServer;

  before(async () => {
    mkdirSync(tasks);
    for (const id of TASKS)
      copyFileSync(join(REPO_ROOT, 'tasks', 'terminal', `${id}.json`), join(tasks, `${id}.json`));
    // Runs `python3 --version`, then writes the version it saw (whatever the terminal printed) to the file.
    reader = await startScriptedModelServer({ model: 'reader', reasoningMode: 'none' });
    reader.setScript((request) => {
      const replies = request.messages.filter((message) => message.role === 'assistant').length;
      const screen = request.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
      const seen = [...screen.matchAll(/Python \d+\.\d+\.\d+/g)].at(-1)?.[0] ?? 'unknown';
      if (replies === 0) return terminus([{ keystrokes: 'python3 --version\n', duration: 1 }]);
      if (replies === 1)
        return terminus([{ keystrokes: `echo '${seen}' > /workspace/version.txt\n`, duration: 1 }]);
      return terminus([], true);
    });
  });
  after(async () => {
    await reader?.close();
    folder.remove();
  });

  const args = (): string[] => [
    'rollout',
    'compare',
    tasks,
    '--engine',
    'local',
    '--policy',
    'solution',
    '--policy',
    'partial',
    '--policy',
    'noop',
    '--policy',
    `reader=chat:${reader.url}#reader`,
    '--out',
    out,
  ];

  it('ranks the policies in the simulator and on real bash, with τ, per-task gaps and replay-in-real', async () => {
    const run = await runCli([...args(), '--json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report: CompareReport = CompareReportSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(
      report,
      CompareReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))),
    );
    assert.deepEqual(
      { sim: report.simEngine, real: report.realEngine, tasks: report.tasks, episodes: report.episodes },
      { sim: 'local', real: 'real', tasks: 2, episodes: { ran: 24, skipped: 0 } },
    );
    const means = (side: 'sim' | 'real' | 'replay') =>
      Object.fromEntries(report.policies.map((policy) => [policy.id, policy[side].meanReward]));
    // Reality: the solution solves both tasks, half of it only python-version (the commit is its second half),
    // noop neither; the reader solves python-version, where it reads the real version.
    assert.deepEqual(means('real'), { solution: 1, partial: 0.5, noop: 0, reader: 0.5 });
    assert.deepEqual(
      report.ranking.real.map((entry) => [entry.id, entry.rank]),
      [
        ['solution', 1],
        ['partial', 2],
        ['reader', 2],
        ['noop', 4],
      ],
    );
    // The embedded model cannot run python3: the reader sees no version in the simulator and writes "unknown".
    assert.deepEqual(means('sim'), { solution: 1, partial: 0.5, noop: 0, reader: 0 });
    // Replayed in real, the simulated episodes keep their simulated fate (the reader's "unknown" is wrong there too).
    assert.deepEqual(means('replay'), { solution: 1, partial: 0.5, noop: 0, reader: 0 });

    // τ as computed from the real and simulated means: the scripted three agree, the reader is misjudged.
    const expected = kendallTauB(
      POLICIES.map((id) => means('sim')[id] as number),
      POLICIES.map((id) => means('real')[id] as number),
    );
    assert.equal(report.kendallTau.simVsReal.tau, expected.tau);
    assert.deepEqual(
      { policies: report.kendallTau.simVsReal.policies, concordant: report.kendallTau.simVsReal.concordant },
      { policies: 4, concordant: 4 },
    );
    assert.ok((expected.tau ?? 1) < 1);
    const scripted = ['solution', 'partial', 'noop'];
    assert.equal(
      kendallTauB(
        scripted.map((id) => means('sim')[id] as number),
        scripted.map((id) => means('real')[id] as number),
      ).tau,
      1,
    );

    const python = report.perTask.find((row) => row.taskId === 'terminal-python-version');
    assert.deepEqual(
      python?.policies.map((entry) => [entry.id, entry.sim, entry.real, entry.replay, entry.gap]),
      [
        ['solution', 1, 1, 1, 0],
        ['partial', 1, 1, 1, 0],
        ['noop', 0, 0, 0, 0],
        ['reader', 0, 1, 0, -1],
      ],
    );
    assert.equal(python?.meanAbsGap, 0.25);
    assert.equal(report.perTask.find((row) => row.taskId === 'terminal-git-first-commit')?.meanAbsGap, 0);
    // Every simulated success also succeeds replayed in real (3: solution ×2, partial ×1).
    assert.deepEqual(report.successAgreement.precision, { of: 3, held: 3, share: 1 });
    assert.deepEqual(report.infrastructure, { sim: 0, real: 0, replay: 0 });
    assert.deepEqual(report.compared, { slots: 2, excluded: 0 });

    // The episodes behind it: the simulator's turns are simulated, reality's and the replays' real.
    for (const policy of POLICIES) {
      for (const side of ['sim', 'real', 'replay'] as const) {
        const lines = readFileSync(join(out, `${policy}.${side}.jsonl`), 'utf8')
          .trim()
          .split('\n')
          .map((text) => JSON.parse(text) as { record?: { turns: { provenance: { source: string } }[] } });
        assert.equal(lines.length, 2, `${policy}.${side}`);
        const sources = new Set(
          lines.flatMap((line) => line.record?.turns.map((turn) => turn.provenance.source) ?? []),
        );
        if (policy !== 'noop')
          assert.deepEqual([...sources], [side === 'sim' ? 'simulated' : 'real'], `${policy}.${side}`);
      }
    }
  });

  it('prints the table, and a rerun after a crash redoes only what was not committed', async () => {
    // A crash: the reader's replays never written, and partial's last real episode torn mid-line.
    writeFileSync(join(out, 'reader.replay.jsonl'), '');
    const partialReal = join(out, 'partial.real.jsonl');
    const text = readFileSync(partialReal, 'utf8');
    const cut = text.lastIndexOf('\n', text.length - 2);
    writeFileSync(partialReal, text.slice(0, cut + 1) + text.slice(cut + 1, cut + 40));
    const resumed = await runCli(args());
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /^3 episodes run, 21 already committed$/m);
    assert.match(resumed.stderr, /torn last line ignored/);
    assert.match(resumed.stdout, /^reader +0\.000 \(#3\) +0\.500 \(#2\) +0\.000 \(#3\) +0\/0\/0$/m);
    assert.match(resumed.stdout, /Kendall's τ-b sim vs real: 0\.\d{3} over 4 policies/);
    assert.match(resumed.stdout, /largest per-task gaps[\s\S]*^terminal-python-version +0\.250 /m);
    assert.equal(lineCount(partialReal), 2);
    assert.equal(lineCount(join(out, 'reader.replay.jsonl')), 2);

    const again = await runCli(args());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^0 episodes run, 24 already committed$/m);
    for (const policy of POLICIES)
      for (const side of ['sim', 'real', 'replay'])
        assert.equal(lineCount(join(out, `${policy}.${side}.jsonl`)), 2);
  });

  it('refuses a single policy, an unknown one, two with the same id, and tasks without a real engine', async () => {
    const single = await runCli(['rollout', 'compare', tasks, '--policy', 'solution', '--out', out]);
    assert.equal(single.code, 1);
    assert.match(single.stderr, /at least two policies/);
    const unknown = await runCli([
      'rollout',
      'compare',
      tasks,
      '--policy',
      'solution',
      '--policy',
      'oracle',
      '--out',
      out,
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /--policy "oracle": unknown policy "oracle"/);
    const twice = await runCli([
      'rollout',
      'compare',
      tasks,
      '--policy',
      'noop',
      '--policy',
      'noop',
      '--out',
      out,
    ]);
    assert.match(twice.stderr, /Two policies are named "noop"/);
    const badFraction = await runCli([
      'rollout',
      'compare',
      tasks,
      '--policy',
      'noop',
      '--policy',
      'partial:2',
      '--out',
      out,
    ]);
    assert.match(badFraction.stderr, /between 0 and 1/);
    // An android world has no real engine here.
    const androidTask = join(folder.path, 'android-task.json');
    writeFileSync(
      androidTask,
      JSON.stringify({
        id: 'android-open-settings',
        instruction: 'Open the settings app.',
        spec: 'android-androidworld',
        verifiers: [{ type: 'final-answer', match: 'exact', expected: 'done' }],
      }),
    );
    const android = await runCli([
      'rollout',
      'compare',
      androidTask,
      '--policy',
      'noop',
      '--policy',
      'partial',
      '--out',
      join(folder.path, 'none'),
    ]);
    assert.equal(android.code, 1);
    assert.match(android.stderr, /android-open-settings \(android\) has none/);
  });
});
