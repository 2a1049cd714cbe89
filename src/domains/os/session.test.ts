import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { isAgentWorldError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { createEnv } from '../../session/create-env.js';
import { GEDIT_EMPTY, GEDIT_TASK, GEDIT_TYPED, NOTE_TEXT } from './fixtures/gedit-desktop.js';

/** An engine that answers from a fixed list of states and keeps the messages it was sent. */
function cannedEngine(states: string[]): Engine & { readonly calls: ChatMessage[][] } {
  const calls: ChatMessage[][] = [];
  return {
    id: 'canned',
    calls,
    identity: () => ({ engine: 'canned' }),
    async predict(request: PredictRequest) {
      calls.push([...request.messages]);
      const observation = states[request.turnIndex - 1];
      if (observation === undefined) throw new Error(`no canned state for turn ${request.turnIndex}`);
      return {
        observation,
        provenance: { source: 'simulated', engine: 'canned', promptHash: request.promptHash },
        events: [],
      };
    },
    async close() {},
  };
}

const spec = (dialect: 'pyautogui' | 'computer13') => ({
  id: `os-session-${dialect}`,
  domain: 'os' as const,
  dialect,
  task: GEDIT_TASK,
  initialState: { text: GEDIT_EMPTY },
});

describe('os domain in a real Session', () => {
  it('pyautogui: sends the task and the pre-action state in every turn, history byte-identical', async () => {
    const engine = cannedEngine([GEDIT_EMPTY, GEDIT_TYPED, GEDIT_TYPED]);
    const env = await createEnv(spec('pyautogui'), { engine });
    const reset = await env.reset({ seed: 4 });
    assert.equal(reset.observation, GEDIT_EMPTY);
    assert.equal(reset.info.dialect, 'pyautogui');

    const first = await env.step('pyautogui.click(x=900, y=500); time.sleep(0.5)');
    const turn1 =
      '### Turn 1\n' +
      `**Task Instruction:**\n${GEDIT_TASK}\n\n` +
      `**Current State:**\n${GEDIT_EMPTY}\n\n` +
      '**Action:**\n' +
      '```python\n' +
      'pyautogui.click(x=900, y=500); time.sleep(0.5)\n' +
      '```';
    const firstCall = engine.calls[0] ?? [];
    assert.equal(firstCall.length, 2);
    assert.equal(firstCall[0]?.content, env.systemPrompt);
    assert.equal(firstCall[1]?.content, `${turn1}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.equal(first.info.turn.prompt, turn1);
    assert.deepEqual(first.info.ledger.pointer, { x: 900, y: 500 });
    assert.ok(
      first.info.turn.checks.every((check) => check.status !== 'fail'),
      JSON.stringify(first.info.turn.checks),
    );

    const second = await env.step(`pyautogui.typewrite(${JSON.stringify(NOTE_TEXT)}, interval=0.02)`);
    const turn2 =
      '### Turn 2\n' +
      `**Task Instruction:**\n${GEDIT_TASK}\n\n` +
      `**Current State:**\n${GEDIT_EMPTY}\n\n` +
      '**Action:**\n' +
      '```python\n' +
      `pyautogui.typewrite(${JSON.stringify(NOTE_TEXT)}, interval=0.02)\n` +
      '```';
    const secondCall = engine.calls[1] ?? [];
    assert.deepEqual(
      secondCall.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(secondCall[1]?.content, turn1);
    assert.equal(secondCall[2]?.content, `**Environment Observation:**\n${GEDIT_EMPTY}`);
    assert.equal(secondCall[3]?.content, `${turn2}\n\n${DEFAULT_TURN_INSTRUCTION}`);
    assert.deepEqual(second.info.ledger.typed, [NOTE_TEXT]);
    assert.ok(second.info.turn.checks.every((check) => check.status !== 'fail'));

    // The third state repeats the second after a click on the Save button: flagged as stale.
    const third = await env.step('pyautogui.click(1670, 54)');
    assert.ok(third.info.turn.prompt.includes(`**Current State:**\n${GEDIT_TYPED}\n\n**Action:**`));
    const stale = third.info.turn.checks.find((check) => check.id === 'stale-state');
    assert.equal(stale?.status, 'fail');
    assert.match(stale?.message ?? '', /push-button "Save"/);
    assert.equal(third.terminated, false);
  });

  it('computer13: a json fence, and DONE ends the episode', async () => {
    const engine = cannedEngine([GEDIT_TYPED, GEDIT_TYPED]);
    const env = await createEnv(spec('computer13'), { engine });
    await env.reset({ seed: 1 });
    await env.step({ action_type: 'TYPING', parameters: { text: NOTE_TEXT } });
    assert.ok(
      env.turns[0]?.prompt.endsWith(
        `**Action:**\n\`\`\`json\n{\n  "action_type": "TYPING",\n  "parameters": {\n    "text": "${NOTE_TEXT}"\n  }\n}\n\`\`\``,
      ),
    );
    const done = await env.step('{"action_type":"DONE"}');
    assert.equal(done.terminated, true);
    assert.equal(done.info.ledger.status, 'done');
  });

  it('rejects an action of the other dialect without changing the session', async () => {
    const env = await createEnv(spec('computer13'), { engine: cannedEngine([]) });
    await env.reset({ seed: 1 });
    await assert.rejects(env.step('pyautogui.click(10, 10)'), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'INVALID_ACTION'));
      assert.match(error.message, /computer13/);
      return true;
    });
    assert.equal(env.turns.length, 0);
  });

  it('rejects a WorldSpec whose demonstration action does not parse', async () => {
    await assert.rejects(
      createEnv(
        {
          ...spec('pyautogui'),
          demonstrations: [{ turns: [{ action: 'pyautogui.fly()', observation: GEDIT_EMPTY }] }],
        },
        { engine: cannedEngine([]) },
      ),
      (error: unknown) =>
        isAgentWorldError(error, 'INVALID_SPEC') &&
        error.details.path === '$.demonstrations[0].turns[0].action',
    );
  });
});
