/**
 * `agentworld serve --tasks` on real engines (terminal: bash in bubblewrap; mcp: the real
 * @modelcontextprotocol/server-everything): the text step routes played as a chat model would, OpenEnv's reset by
 * task id and seed (HTTP and `/ws`), determinism of the seed, and the errors.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { type ServeHandle, startServe } from '../../src/cli/commands/serve.js';
import { EpisodeLineSchema } from '../../src/rollout/index.js';
import { tempStores } from '../helpers/index.js';
import type { JsonAnswer } from './server-fixture.js';

const stores = tempStores('task-routes');
let handle: ServeHandle;

const CURRICULUM_TASK = {
  id: 'terminal-curriculum-probe',
  instruction: 'Print the host name.',
  spec: 'terminal',
  verifiers: [{ type: 'tool-called', tool: 'cat' }],
  budgets: { maxTurns: 6 },
  // From episode 2 on, `cat` fails as a missing command on turn 1 in about half of the episodes.
  curriculum: [
    {
      fromEpisode: 2,
      perturbations: [
        {
          id: 'flaky-cat',
          perturbation: 'command-not-found',
          params: { command: 'cat' },
          when: { turn: 1, probability: 0.5 },
        },
      ],
    },
  ],
};

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonAnswer }> {
  const response = await fetch(`${handle.server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

function terminus(commands: string[], taskComplete = false): string {
  return JSON.stringify({
    analysis: 'Looking at the screen.',
    plan: 'Next step.',
    commands: commands.map((keystrokes) => ({ keystrokes, duration: 1 })),
    task_complete: taskComplete,
  });
}

before(async () => {
  const folder = join(stores.root, 'tasks');
  mkdirSync(folder, { recursive: true });
  for (const file of ['terminal/terminal-count-tcp-services.json', 'mcp/mcp-everything-sum.json'])
    copyFileSync(join('tasks', file), join(folder, file.split('/')[1] ?? file));
  writeFileSync(join(folder, 'curriculum.json'), JSON.stringify(CURRICULUM_TASK));
  handle = await startServe({ engine: 'real', tasks: folder, store: stores.freshPath(), port: 0 } as never);
});

after(async () => {
  await handle.stop();
  stores.remove();
});

describe('serve --tasks: GET /tasks', () => {
  it('lists the tasks with domain, dialect and tags, never their solutions', async () => {
    const { status, body } = await call('GET', '/tasks');
    assert.equal(status, 200);
    const ids = body.tasks.map((task: JsonAnswer) => task.id).sort();
    assert.deepEqual(ids, ['mcp-everything-sum', 'terminal-count-tcp-services', 'terminal-curriculum-probe']);
    const terminal = body.tasks.find((task: JsonAnswer) => task.id === 'terminal-count-tcp-services');
    assert.equal(terminal.domain, 'terminal');
    assert.equal(terminal.dialect, 'terminus');
    assert.ok(terminal.tags.includes('terminal'));
    assert.equal(terminal.max_turns, 20);
    assert.doesNotMatch(JSON.stringify(body), /solution|6912/);
    const probe = body.tasks.find((task: JsonAnswer) => task.id === 'terminal-curriculum-probe');
    assert.deepEqual(probe.curriculum_from, [2]);
  });
});

describe('serve --tasks: the text step routes', () => {
  it('plays a terminal task as Terminus-2 replies to reward 1; a bad reply gets the harness error and the episode goes on', async () => {
    const reset = await call('POST', '/text/reset', { task_id: 'terminal-count-tcp-services', seed: 1 });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal(reset.body.done, false);
    assert.equal(reset.body.tools, undefined);
    assert.equal(reset.body.messages.length, 1);
    assert.equal(reset.body.messages[0].role, 'user');
    assert.match(reset.body.observation, /Task Description:[\s\S]*tcp/);
    assert.equal(reset.body.observation, reset.body.messages[0].content);
    assert.equal(reset.body.info.task.id, 'terminal-count-tcp-services');
    assert.match(reset.body.info.harness, /terminus-2/);
    const sessionId = reset.body.session_id;

    const invalid = await call('POST', '/text/step', { session_id: sessionId, action_text: 'I will count.' });
    assert.equal(invalid.status, 200);
    assert.equal(invalid.body.done, false);
    assert.equal(invalid.body.reward, 0);
    assert.match(invalid.body.invalid_action, /Previous response had parsing errors/);
    assert.equal(invalid.body.environment_feedback, invalid.body.observation);
    assert.equal(invalid.body.messages[0].content, invalid.body.invalid_action);

    const ran = await call('POST', '/text/step', {
      session_id: sessionId,
      action_text: `<think>grep counts lines</think>${terminus(['grep -c tcp /etc/services > /workspace/answer.txt\n'])}`,
      usage: { prompt_tokens: 100, completion_tokens: 20 },
    });
    assert.equal(ran.status, 200, JSON.stringify(ran.body));
    assert.equal(ran.body.done, false);
    assert.equal(ran.body.invalid_action, undefined);
    assert.match(ran.body.observation, /New Terminal Output:[\s\S]*grep -c tcp/);
    assert.equal(ran.body.info.step, 2);

    let last: JsonAnswer;
    for (let step = 0; step < 3; step++) {
      last = (await call('POST', '/text/step', { session_id: sessionId, action_text: terminus([], true) }))
        .body;
      if (last.done) break;
    }
    assert.equal(last.done, true);
    assert.equal(last.reward, 1);
    assert.equal(last.rewards, 1);
    assert.equal(last.scores, 1);
    assert.equal(last.terminated, true);
    assert.equal(last.info.blame, 'success');
    assert.equal(last.info.verifiers[0].type, 'real-check');
    assert.equal(last.info.verifiers[0].passed, true);
    assert.equal(last.extra_logs.success, 1);

    const after = await call('POST', '/text/step', {
      session_id: sessionId,
      action_text: terminus([], true),
    });
    assert.equal(after.status, 409);
    assert.equal(after.body.error.code, 'SESSION_CLOSED');
    assert.match(after.body.error.message, /over/);

    const line = await call('GET', `/text/episodes/${sessionId}`);
    assert.equal(line.status, 200);
    const episode = EpisodeLineSchema.parse(line.body);
    assert.equal(episode.reward, 1);
    assert.equal(episode.invalidReplies, 1);
    assert.equal(episode.policyTokens, 120);
    assert.equal(episode.episodeIndex, 1);
    // The conversation is what the client saw and sent, reasoning kept apart.
    assert.equal(episode.messages[0]?.content, reset.body.messages[0].content);
    assert.ok(episode.messages.some((message) => message.role === 'assistant'));
  });

  it('scores an episode that does nothing lower', async () => {
    const reset = await call('POST', '/text/reset', { task_id: 'terminal-count-tcp-services', seed: 1 });
    let last: JsonAnswer;
    for (let step = 0; step < 3; step++) {
      last = (
        await call('POST', '/text/step', {
          session_id: reset.body.session_id,
          action_text: terminus([], true),
        })
      ).body;
      if (last.done) break;
    }
    assert.equal(last.done, true);
    assert.equal(last.reward, 0);
    assert.equal(last.info.blame, 'failure');
  });

  it('plays an mcp task with tool calls, and with a plain-text model writing its tool call in text', async () => {
    for (const form of ['tool_calls', 'text'] as const) {
      const reset = await call('POST', '/text/reset', { task_id: 'mcp-everything-sum', seed: 0 });
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      assert.ok(reset.body.tools.some((tool: JsonAnswer) => tool.function.name === 'get-sum'));
      const sessionId = reset.body.session_id;
      const step =
        form === 'tool_calls'
          ? await call('POST', '/text/step', {
              session_id: sessionId,
              action_text: '',
              tool_calls: [{ id: 'c1', name: 'get-sum', arguments: { a: 1234, b: 5678 } }],
            })
          : await call('POST', '/text/step', {
              session_id: sessionId,
              action_text:
                '<tool_call>\n{"name": "get-sum", "arguments": {"a": 1234, "b": 5678}}\n</tool_call>',
            });
      assert.equal(step.status, 200, JSON.stringify(step.body));
      assert.equal(step.body.done, false, form);
      assert.match(step.body.observation, /6912/, form);
      if (form === 'tool_calls') {
        assert.equal(step.body.messages[0].role, 'tool');
        assert.equal(step.body.messages[0].tool_call_id, 'c1');
      }
      const answer = await call('POST', '/text/step', {
        session_id: sessionId,
        action_text: 'The sum is 6912.',
      });
      assert.equal(answer.body.done, true, JSON.stringify(answer.body));
      assert.equal(answer.body.reward, 1, JSON.stringify(answer.body.info));
      assert.equal(answer.body.info.final_answer, 'The sum is 6912.');
    }
  });

  it('refuses an unknown task, a missing session, a raw session on the text route, and bad bodies', async () => {
    const unknown = await call('POST', '/text/reset', { task_id: 'no-such-task' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
    assert.match(unknown.body.error.message, /no-such-task/);
    const missing = await call('POST', '/text/step', { session_id: 's_nothing', action_text: 'x' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'SESSION_NOT_FOUND');
    const noText = await call('POST', '/text/step', { session_id: 's_nothing' });
    assert.equal(noText.status, 400);
    assert.equal(noText.body.error.details.path, '$.action_text');
    const raw = await call('POST', '/reset', { task_id: 'terminal-count-tcp-services' });
    const wrongRoute = await call('POST', '/text/step', {
      session_id: raw.body.session_id,
      action_text: 'x',
    });
    assert.equal(wrongRoute.status, 400);
    assert.match(wrongRoute.body.error.message, /POST \/step/);
    const running = await call('GET', `/text/episodes/${raw.body.session_id}`);
    assert.equal(running.status, 409);
    await call('POST', '/close', { session_id: raw.body.session_id });
    const closed = await call('POST', '/step', { session_id: raw.body.session_id, action: [] });
    assert.equal(closed.status, 409);
  });
});

describe('serve --tasks: OpenEnv reset by task id and seed', () => {
  it('steps raw actions with reward 0 until the client ends the episode, then the score', async () => {
    const reset = await call('POST', '/reset', { task_id: 'terminal-count-tcp-services', seed: 4 });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal(reset.body.info.task.id, 'terminal-count-tcp-services');
    assert.match(reset.body.info.task.instruction, /tcp/);
    assert.equal(reset.body.info.task.episode_index, 4);
    const sessionId = reset.body.session_id;
    const step = await call('POST', '/step', {
      session_id: sessionId,
      action: [{ keystrokes: 'grep -c tcp /etc/services > /workspace/answer.txt\n', duration: 1 }],
    });
    assert.equal(step.status, 200, JSON.stringify(step.body));
    assert.equal(step.body.reward, 0);
    assert.equal(step.body.done, false);
    assert.equal(step.body.info.turn.index, 1);
    const refused = await call('POST', '/step', { session_id: sessionId, action: { nonsense: true } });
    assert.equal(refused.status, 400);
    const end = await call('POST', '/step', { session_id: sessionId, action: null, done: true });
    assert.equal(end.status, 200, JSON.stringify(end.body));
    assert.equal(end.body.done, true);
    assert.equal(end.body.reward, 1);
    assert.equal(end.body.info.task.blame, 'success');
    assert.equal(end.body.info.task.invalid_replies, 1);
    assert.equal(end.body.info.turn.index, 1);
    const line = EpisodeLineSchema.parse((await call('GET', `/text/episodes/${sessionId}`)).body);
    assert.equal(line.policyId, 'external:raw');
  });

  it('gives the same episode for the same seed and draws the curriculum per seed', async () => {
    const firstTurn = async (seed: number): Promise<{ observation: string; perturbations: number }> => {
      const reset = await call('POST', '/reset', { task_id: 'terminal-curriculum-probe', seed });
      const step = await call('POST', '/step', {
        session_id: reset.body.session_id,
        action: [{ keystrokes: 'cat /etc/hostname\n', duration: 1 }],
      });
      assert.equal(step.status, 200, JSON.stringify(step.body));
      const record = (await call('GET', `/sessions/${reset.body.session_id}/trajectory`)).body;
      await call('POST', '/close', { session_id: reset.body.session_id });
      return { observation: step.body.observation, perturbations: record.spec.perturbations.length };
    };
    const again = [await firstTurn(3), await firstTurn(3)];
    assert.deepEqual(again[0], again[1]);
    // Episodes 0 and 1 are before the curriculum stage; from 2 on the rule is in force and fires by seed.
    assert.equal((await firstTurn(0)).perturbations, 0);
    const later = await Promise.all([2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(firstTurn));
    assert.ok(later.every((turn) => turn.perturbations === 1));
    const failed = later.filter((turn) => /command not found/.test(turn.observation)).length;
    assert.ok(failed > 0 && failed < later.length, `cat failed in ${failed} of ${later.length} episodes`);
  });

  it('refuses task_id with spec, and an unknown task', async () => {
    const both = await call('POST', '/reset', { task_id: 'terminal-count-tcp-services', spec: 'terminal' });
    assert.equal(both.status, 400);
    assert.equal(both.body.error.details.path, '$.task_id');
    const unknown = await call('POST', '/reset', { task_id: 'nope' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
  });

  it('resets by task id over /ws and ends the episode with done', async () => {
    const socket = new WebSocket(`${handle.server.url.replace('http', 'ws')}/ws`);
    const answers: JsonAnswer[] = [];
    const waiting: ((answer: JsonAnswer) => void)[] = [];
    socket.on('message', (data) => {
      const answer = JSON.parse(String(data));
      const next = waiting.shift();
      if (next === undefined) answers.push(answer);
      else next(answer);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const send = (message: unknown): Promise<JsonAnswer> => {
      socket.send(JSON.stringify(message));
      return new Promise((resolve) => waiting.push(resolve));
    };
    try {
      const reset = await send({ type: 'reset', data: { task_id: 'terminal-count-tcp-services', seed: 2 } });
      assert.equal(reset.type, 'observation', JSON.stringify(reset));
      assert.equal(reset.data.info.task.id, 'terminal-count-tcp-services');
      const step = await send({
        type: 'step',
        data: {
          action: [{ keystrokes: 'grep -c tcp /etc/services > /workspace/answer.txt\n', duration: 1 }],
        },
      });
      assert.equal(step.data.reward, 0);
      const end = await send({ type: 'step', data: { action: null, done: true } });
      assert.equal(end.type, 'observation', JSON.stringify(end));
      assert.equal(end.data.done, true);
      assert.equal(end.data.reward, 1);
      const unknown = await send({ type: 'reset', data: { task_id: 'nope' } });
      assert.equal(unknown.type, 'error');
      assert.equal(unknown.data.code, 'NOT_FOUND');
    } finally {
      socket.close();
    }
  });
});
