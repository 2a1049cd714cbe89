/**
 * The Python trainer loops of examples/trainers (verl agent loop, ART rollout group, OpenRLHF agent function),
 * run by /usr/bin/python3 against the real `agentworld serve --tasks tasks/terminal --engine real` (real bash) and
 * a scripted OpenAI-compatible policy that answers as Terminus-2's model does. The task's known solution scores 1
 * through every loop; a policy that only looks around scores 0. Their unit tests against stand-in servers
 * (test_python_loops.py) run here too.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  type ScriptedModelServer,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import { cliEnvironment, REPO_ROOT, temporaryFolder } from '../cli/run-cli.js';

const PYTHON = '/usr/bin/python3';
const KEY = 'python-loops-key-0123456789';
const TASK = 'terminal-count-tcp-services';
const EXAMPLES = join(REPO_ROOT, 'examples', 'trainers');

/** Terminus-2 replies: the task's solution, then `task_complete` (asked twice, as Terminus confirms it). */
function solutionReply(request: ScriptedRequest): string {
  const replies = request.messages.filter((message) => message.role === 'assistant').length;
  if (replies === 0) {
    return JSON.stringify({
      analysis: 'Count the tcp lines of /etc/services.',
      plan: 'grep -c into the answer file.',
      commands: [{ keystrokes: 'grep -c tcp /etc/services > /workspace/answer.txt\n', duration: 1 }],
      task_complete: false,
    });
  }
  return JSON.stringify({ analysis: 'Written.', plan: 'Finish.', commands: [], task_complete: true });
}

/** A policy that lists the folder and claims completion without writing the answer. */
function lookAroundReply(request: ScriptedRequest): string {
  const replies = request.messages.filter((message) => message.role === 'assistant').length;
  if (replies === 0) {
    return JSON.stringify({
      analysis: 'Look around.',
      plan: 'ls.',
      commands: [{ keystrokes: 'ls /workspace\n', duration: 1 }],
      task_complete: false,
    });
  }
  return JSON.stringify({ analysis: 'Done, I think.', plan: 'Finish.', commands: [], task_complete: true });
}

interface ServeProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** `agentworld serve` as a child process on a free loopback port; resolves once it prints its URL. */
async function startServe(args: readonly string[], home: string): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...args],
    { cwd: REPO_ROOT, env: cliEnvironment({}, home), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`agentworld serve exited ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function runLoop(script: string, env: ServeProcess, policy: ScriptedModelServer, extra: string[] = []) {
  const args = [
    join(EXAMPLES, script),
    ...['--env-url', env.url, '--api-key', KEY, '--policy-url', policy.url, '--policy-model', policy.model],
    ...['--task-id', TASK, ...extra],
  ];
  const run = await promisify(execFile)(PYTHON, args, { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 1, run.stdout + run.stderr);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe('Python trainer loops against agentworld serve --tasks (real bash)', () => {
  const home = temporaryFolder('python-loops');
  let env: ServeProcess;
  let policy: ScriptedModelServer;

  before(async () => {
    env = await startServe(
      [
        '--tasks',
        'tasks/terminal',
        '--engine',
        'real',
        '--store',
        join(home.path, 'serve.db'),
        '--auth-key',
        KEY,
      ],
      home.path,
    );
    policy = await startScriptedModelServer();
  });
  after(async () => {
    await policy?.close();
    await env?.stop();
    home.remove();
  });

  it('verl: the solution scores 1, the policy tokens are masked 1 and the environment tokens 0', async () => {
    policy.setScript((request) => ({ type: 'raw', content: solutionReply(request) }));
    const good = (await runLoop('verl_agent_loop.py', env, policy)) as {
      reward: number;
      num_turns: number;
      mask_length_matches: boolean;
      policy_spans: string[];
      env_spans: string[];
      env_tokens: number;
      policy_tokens: number;
      response_tokens: number;
      prompt: string;
    };
    assert.equal(good.reward, 1);
    assert.equal(good.mask_length_matches, true);
    assert.equal(good.policy_tokens + good.env_tokens, good.response_tokens);
    // The replies (the commands, the completion claim, its confirmation), each the policy's own text with mask 1;
    // between them, the harness's messages with mask 0: the new terminal output, then Terminus' question.
    assert.equal(good.policy_spans.length, 3, JSON.stringify(good.policy_spans));
    assert.match(good.env_spans[1] ?? '', /Are you sure you want to mark the task as complete\?/);
    assert.match(good.policy_spans[0] ?? '', /grep -c tcp \/etc\/services/);
    assert.match(good.policy_spans.at(-1) ?? '', /"task_complete":true/);
    assert.equal(good.env_spans.length, good.policy_spans.length - 1);
    assert.match(good.env_spans[0] ?? '', /^\n<\|im_start\|>user\nNew Terminal Output:\n[\s\S]*grep -c tcp/);
    for (const span of good.env_spans) assert.match(span, /<\|im_start\|>assistant\n$/);
    assert.match(good.prompt, /Task Description:[\s\S]*tcp/);

    policy.setScript((request) => ({ type: 'raw', content: lookAroundReply(request) }));
    const bad = (await runLoop('verl_agent_loop.py', env, policy)) as { reward: number };
    assert.equal(bad.reward, 0);
  });

  it('ART: a group of members with their own seeds, each a Trajectory scored by the task', async () => {
    policy.setScript((request) => ({
      type: 'raw',
      // Even sampling seeds play the solution, odd ones only look around: the group's rewards differ.
      content: (request.seed ?? 0) % 2 === 0 ? solutionReply(request) : lookAroundReply(request),
    }));
    const summary = (await runLoop('art_rollout.py', env, policy, ['--group-size', '3', '--seed', '2'])) as {
      members: {
        seed: number;
        member: number;
        session_seed: number;
        sampling_seed: number;
        reward: number;
        trained_choices: number;
      }[];
      exceptions: string[];
    };
    assert.deepEqual(summary.exceptions, []);
    const members = summary.members;
    assert.deepEqual(
      members.map((member) => member.member),
      [0, 1, 2],
    );
    assert.deepEqual(
      members.map((member) => member.sampling_seed),
      [2000, 2001, 2002],
    );
    assert.equal(
      new Set(members.map((member) => member.session_seed)).size,
      3,
      'each member its own session seed',
    );
    assert.deepEqual(
      members.map((member) => member.reward),
      [1, 0, 1],
    );
    // Every policy reply is a trained choice: the commands, then the completion claim (and any confirmation).
    for (const member of members) assert.ok(member.trained_choices >= 2, JSON.stringify(member));
  });

  it('OpenRLHF: the summed step rewards are the task score', async () => {
    policy.setScript((request) => ({ type: 'raw', content: solutionReply(request) }));
    const good = (await runLoop('openrlhf_agent_func.py', env, policy)) as {
      reward: number;
      scores: number;
      turns: number;
      actions: string[];
    };
    assert.deepEqual([good.reward, good.scores], [1, 1]);
    assert.ok(good.turns >= 2, `${good.turns} turns`);
    assert.match(good.actions[0] ?? '', /grep -c tcp/);
    policy.setScript((request) => ({ type: 'raw', content: lookAroundReply(request) }));
    const bad = (await runLoop('openrlhf_agent_func.py', env, policy)) as { reward: number };
    assert.equal(bad.reward, 0);
  });
});

describe('Python trainer loops: unit tests against stand-in servers', () => {
  it('python3 -m unittest test_python_loops passes', async () => {
    const run = await promisify(execFile)(
      PYTHON,
      ['-m', 'unittest', 'discover', '-s', join(REPO_ROOT, 'test', 'trainers'), '-p', 'test_*.py'],
      { timeout: 600_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      assert.fail(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    assert.match(run.stderr, /^OK$/m, run.stderr);
  });
});
