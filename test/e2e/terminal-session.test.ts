/**
 * A multi-turn terminal session end to end: createEnv + createLwmEngine + the scripted server, whose responder
 * plays a small bash over the history it is sent (so every screen has the right prompt, cwd and output).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { contentHash } from '../../src/core/hash.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../src/core/messages.js';
import { deriveSamplingSeed } from '../../src/engines/lwm/seed.js';
import { createEnv } from '../../src/session/create-env.js';
import {
  type ReasoningMode,
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import {
  actionOfUserMessage,
  exampleSpec,
  fastLwmEngine,
  observationMessage,
  turnPrompt,
} from '../helpers/index.js';

const HOST = '64fd58b770d7';
const prompt = (cwd: string): string =>
  `root@${HOST}:${cwd === '/root' ? '~' : cwd.replace(/^\/root\//, '~/')}# `;

interface Keystroke {
  readonly keystrokes: string;
  readonly duration: number;
}

/** What the tiny shell keeps between commands. */
interface Shell {
  cwd: string;
  readonly directories: Set<string>;
  readonly files: Map<string, string>;
}

function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : path === '~' ? '/root' : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Splits a command into words, honouring single quotes (enough for the commands these tests type). */
function words(command: string): string[] {
  return (command.match(/'[^']*'|[^\s']+/g) ?? []).map((word) =>
    word.startsWith("'") ? word.slice(1, -1) : word,
  );
}

/** Runs one command; returns its output (each line ending in \n) and whether it succeeded. */
function runCommand(shell: Shell, command: string): { output: string; ok: boolean } {
  const tokens = words(command);
  const redirect = tokens.findIndex((token) => token === '>' || token === '>>');
  const args = redirect === -1 ? tokens : tokens.slice(0, redirect);
  const [name, ...rest] = args;
  let output = '';
  let ok = true;
  const fileText = (path: string): string | undefined => shell.files.get(resolvePath(shell.cwd, path));
  switch (name) {
    case 'mkdir':
      for (const dir of rest.filter((arg) => arg !== '-p'))
        shell.directories.add(resolvePath(shell.cwd, dir));
      break;
    case 'cd': {
      const target = resolvePath(shell.cwd, rest[0] ?? '~');
      if (shell.directories.has(target)) shell.cwd = target;
      else {
        output = `bash: cd: ${rest[0]}: No such file or directory\n`;
        ok = false;
      }
      break;
    }
    case 'pwd':
      output = `${shell.cwd}\n`;
      break;
    case 'printf':
      output = (rest[0] ?? '').replace(/\\n/g, '\n');
      break;
    case 'echo':
      output = `${rest.join(' ')}\n`;
      break;
    case 'cat': {
      const text = fileText(rest[0] ?? '');
      if (text === undefined) {
        output = `cat: ${rest[0]}: No such file or directory\n`;
        ok = false;
      } else output = text;
      break;
    }
    case 'wc': {
      const text = fileText(rest[1] ?? '') ?? '';
      output = `${text.split('\n').length - 1} ${rest[1]}\n`;
      break;
    }
    case 'grep': {
      const [, pattern = '', file = ''] = rest;
      const lines = (fileText(file) ?? '').split('\n').slice(0, -1);
      output = lines.map((line, index) => (line.includes(pattern) ? `${index + 1}:${line}\n` : '')).join('');
      break;
    }
    case 'ls': {
      const prefix = shell.cwd === '/' ? '/' : `${shell.cwd}/`;
      const entries = [...shell.directories, ...shell.files.keys()]
        .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
        .map((path) => path.slice(prefix.length))
        .sort();
      output = entries.length === 0 ? '' : `${entries.join('  ')}\n`;
      break;
    }
    default:
      output = `bash: ${name}: command not found\n`;
      ok = false;
  }
  if (redirect !== -1) {
    const target = resolvePath(shell.cwd, tokens[redirect + 1] ?? '');
    const before = tokens[redirect] === '>>' ? (shell.files.get(target) ?? '') : '';
    shell.files.set(target, before + output);
    output = '';
  }
  return { output, ok };
}

/** Types one batch of keystrokes; returns the screen: each command after the prompt it was typed at. */
function typeBatch(shell: Shell, batch: readonly Keystroke[]): string {
  let screen = '';
  for (const { keystrokes } of batch) {
    const line = keystrokes.replace(/\n$/, '');
    screen += `${prompt(shell.cwd)}${line}\n`;
    for (const command of line.split(' && ')) {
      const { output, ok } = runCommand(shell, command);
      screen += output;
      if (!ok) break;
    }
  }
  return screen + prompt(shell.cwd);
}

/** The shell after replaying every action of the request's history, and the screen for the newest action. */
function simulate(messages: ScriptedRequest['messages']): { screen: string; turn: number } {
  const shell: Shell = { cwd: '/workspace', directories: new Set(['/workspace', '/root']), files: new Map() };
  const actions = messages
    .filter((message) => message.role === 'user')
    .map((message) => actionOfUserMessage(message.content) as Keystroke[]);
  let screen = '';
  for (const batch of actions) screen = typeBatch(shell, batch);
  return { screen, turn: actions.length };
}

const REASONING_MODES: readonly ReasoningMode[] = [
  'think',
  'reasoning_content',
  'think-close-only',
  'reasoning',
];
const reasoningFor = (turn: number): string =>
  `Turn ${turn}: the shell runs each line and prints its output, then a fresh prompt in the current directory.`;

function bashResponder(request: ScriptedRequest): ScriptedReply {
  const { screen, turn } = simulate(request.messages);
  return {
    type: 'observation',
    observation: screen,
    reasoning: reasoningFor(turn),
    reasoningMode: REASONING_MODES[(turn - 1) % REASONING_MODES.length] ?? 'think',
  };
}

const ACTIONS: Keystroke[][] = [
  [{ keystrokes: 'mkdir -p notes && cd notes\n', duration: 0.5 }],
  [
    { keystrokes: "printf 'alpha\\nbeta\\ngamma\\ndelta\\n' > words.txt\n", duration: 0.5 },
    { keystrokes: 'wc -l words.txt\n', duration: 0.5 },
  ],
  [{ keystrokes: 'grep -n mm words.txt\n', duration: 0.5 }],
  [{ keystrokes: 'cd .. && ls\n', duration: 0.5 }],
];
const SCREENS = [
  `${prompt('/workspace')}mkdir -p notes && cd notes\n${prompt('/workspace/notes')}`,
  `${prompt('/workspace/notes')}printf 'alpha\\nbeta\\ngamma\\ndelta\\n' > words.txt\n` +
    `${prompt('/workspace/notes')}wc -l words.txt\n4 words.txt\n${prompt('/workspace/notes')}`,
  `${prompt('/workspace/notes')}grep -n mm words.txt\n3:gamma\n${prompt('/workspace/notes')}`,
  `${prompt('/workspace/notes')}cd .. && ls\nnotes\n${prompt('/workspace')}`,
];

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ script: bashResponder });
});
after(() => server.close());
beforeEach(() => {
  server.setScript(bashResponder);
  server.resetStats();
});

describe('terminal session end to end over the lwm engine', () => {
  it('four turns: exact prompts, byte-stable history, extraction, checks, usage and provenance', async () => {
    const engine = fastLwmEngine(server);
    const env = await createEnv(exampleSpec('terminal'), { engine });
    const reset = await env.reset({ seed: 7 });
    assert.equal(reset.observation, prompt('/workspace'));

    const results = [];
    for (const action of ACTIONS) results.push(await env.step(action));
    assert.deepEqual(
      results.map((result) => result.observation),
      SCREENS,
    );
    assert.equal(server.completionBodies.length, 4, 'one request per turn, no retries');
    const bodies = server.completionBodies as ReadonlyArray<{
      messages: unknown;
      seed: unknown;
      model: unknown;
    }>;

    // Turn 3: system + two history pairs + the newest user message with the instruction.
    const expectedTurnThree = [
      { role: 'system', content: env.systemPrompt },
      { role: 'user', content: turnPrompt(1, ACTIONS[0], prompt('/workspace')) },
      { role: 'assistant', content: observationMessage(SCREENS[0] ?? '') },
      { role: 'user', content: turnPrompt(2, ACTIONS[1]) },
      { role: 'assistant', content: observationMessage(SCREENS[1] ?? '') },
      { role: 'user', content: `${turnPrompt(3, ACTIONS[2])}\n\n${DEFAULT_TURN_INSTRUCTION}` },
    ];
    assert.deepEqual(bodies[2]?.messages, expectedTurnThree);
    const turnTwo = bodies[1]?.messages as Array<{ role: string; content: string }>;
    assert.deepEqual(turnTwo.slice(0, 3), expectedTurnThree.slice(0, 3), 'history re-sent byte for byte');
    assert.equal(turnTwo[3]?.content, `${expectedTurnThree[3]?.content}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.ok(
      env.systemPrompt.includes('make a notes folder holding words.txt'),
      'the task is in the system prompt',
    );

    results.forEach((result, position) => {
      const turn = result.info.turn;
      const body = bodies[position];
      // Extraction: the reasoning is set aside whether it came in <think>, after a bare </think>, or in a field.
      assert.equal(turn.reasoning, reasoningFor(position + 1));
      assert.ok(!turn.observation.includes('think') && !turn.observation.includes('predicted_observation'));
      // Checks pass on realistic screens, and none became an event.
      assert.deepEqual(
        turn.checks.filter((check) => check.status === 'fail'),
        [],
      );
      for (const id of ['prompt-cwd', 'command-echo', 'prompt-format', 'no-scaffolding', 'non-empty']) {
        assert.equal(
          turn.checks.find((check) => check.id === id)?.status,
          'pass',
          `${id} on turn ${turn.index}`,
        );
      }
      assert.deepEqual(turn.events, []);
      // Usage and provenance.
      const usage = turn.usage;
      assert.ok(usage !== undefined, `usage of turn ${turn.index}`);
      assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0);
      assert.equal(usage.totalTokens, usage.promptTokens + usage.completionTokens);
      assert.ok((usage.reasoningTokens ?? 0) > 0);
      if (position > 0) assert.ok((usage.cachedPromptTokens ?? 0) > 0, 'the history hits the prefix cache');
      assert.deepEqual(turn.provenance, {
        source: 'simulated',
        engine: 'lwm',
        model: server.model,
        promptHash: contentHash(body?.messages),
      });
      assert.equal(body?.model, server.model);
      assert.equal(body?.seed, deriveSamplingSeed(7, position + 1));
    });
    assert.equal(results[0]?.info.ledger.cwd, '/workspace/notes');
    assert.equal(results[3]?.info.ledger.cwd, '/workspace');
    await env.close();
    await engine.close();
  });

  it('a screen whose prompt shows the wrong directory fails prompt-cwd and records a check.failed event', async () => {
    const engine = fastLwmEngine(server);
    const env = await createEnv(exampleSpec('terminal'), { engine });
    await env.reset({ seed: 7 });
    // The model forgets the cd: the new prompt still shows /workspace.
    server.enqueue({
      type: 'observation',
      observation: `${prompt('/workspace')}mkdir -p notes && cd notes\n${prompt('/workspace')}`,
    });
    const wrong = await env.step(ACTIONS[0]);
    const failed = wrong.info.turn.checks.filter((check) => check.status === 'fail');
    assert.deepEqual(
      failed.map((check) => check.id),
      ['prompt-cwd'],
    );
    assert.match(failed[0]?.message ?? '', /shows \/workspace but the shell should be in \/workspace\/notes/);
    assert.deepEqual(
      wrong.info.turn.events.filter((event) => event.type === 'check.failed').map((event) => event.data),
      [{ check: 'prompt-cwd' }],
    );

    // A prompt of another user and host fails prompt-format.
    server.enqueue({
      type: 'observation',
      observation: `${prompt('/workspace')}pwd\n/workspace\nadmin@otherhost:/workspace$ `,
    });
    const stranger = await env.step([{ keystrokes: 'pwd\n', duration: 0.5 }]);
    assert.equal(stranger.info.turn.checks.find((check) => check.id === 'prompt-format')?.status, 'fail');
    assert.ok(stranger.info.turn.events.some((event) => event.data?.check === 'prompt-format'));
    await engine.close();
  });
});
