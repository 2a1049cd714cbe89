import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TURN_CONTROL_HEADING } from '../control/index.js';
import type { StepResult } from '../core/turn.js';
import { createLwmEngine, type LwmEngine } from '../engines/lwm/index.js';
import { createEnv } from '../session/create-env.js';
import type { Session } from '../session/session.js';
import { readSpecFile } from '../session/spec-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../testing/index.js';

const KITTIWAKE_FACT = 'The Kittiwake links Holtby with Skerra Harbour on Little Skerra.';

/** One step: the session itself asks the world for the turn's instructions. */
async function stepInWorld(env: Session, input: unknown): Promise<StepResult> {
  return env.step(input);
}

/** The newest user message of the latest chat-completion request the model server received. */
function lastUserMessage(server: ScriptedModelServer): string {
  const body = server.completionBodies.at(-1) as { messages: Array<{ role: string; content: string }> };
  const users = body.messages.filter((message) => message.role === 'user');
  return users.at(-1)?.content ?? '';
}

describe('fictional worlds end to end, against the scripted model server', () => {
  let server: ScriptedModelServer;
  let engine: LwmEngine;

  before(async () => {
    server = await startScriptedModelServer();
    engine = createLwmEngine({ baseUrl: server.url, model: server.model });
  });
  after(async () => {
    await engine.close();
    await server.close();
  });

  it('search: a web_search turn carries the retrieved facts in its Simulation Control block', async () => {
    const env = await createEnv(await readSpecFile('search-fictional'), { engine });
    await env.reset();
    assert.match(env.systemPrompt, /## World Facts\nThe world "Tidewrack Isles" is fictional\./);
    assert.ok(!env.systemPrompt.includes(KITTIWAKE_FACT), 'search facts come per turn, not in the prompt');

    const result = await stepInWorld(env, {
      name: 'web_search',
      arguments: { query: 'Kittiwake ferry Holtby' },
    });
    const sent = lastUserMessage(server);
    const control = sent.indexOf(`\n\n${TURN_CONTROL_HEADING}\n`);
    assert.ok(control > sent.indexOf('**Action:**'), 'the control block follows the action');
    const block = sent.slice(control);
    assert.ok(block.includes(KITTIWAKE_FACT), block);
    assert.match(block, /\n- Query 1, source \d: Kittiwake \(ferry\)/);
    assert.match(block, /\n- No leakage: /);
    // The block stays in history: the turn's recorded prompt is the message minus the trailing instruction.
    assert.ok(sent.startsWith(result.info.turn.prompt));
    assert.ok(result.info.turn.prompt.includes(KITTIWAKE_FACT));

    await stepInWorld(env, {
      name: 'web_extractor',
      arguments: { url: 'https://tidewrack-ferries.example/fleet/brine-runner' },
    });
    const page = lastUserMessage(server);
    assert.match(page, /- The page at this address is part of the fictional world "Tidewrack Isles"/);
    assert.ok(page.includes('The Brine Runner was launched at the Brackwater slipway in 1987.'));
    assert.ok(!page.includes('Maren Achterberg'), 'the second part of the answer is held back on this page');
    await env.close();
  });

  it('mcp: the same fact is stated in the system prompt the world model receives', async () => {
    const env = await createEnv(await readSpecFile('mcp-fictional'), { engine });
    await env.reset();
    await stepInWorld(env, {
      name: 'list_sailings',
      arguments: { from: 'Holtby', to: 'Skerra Harbour', day: 'Sat' },
    });
    const body = server.completionBodies.at(-1) as { messages: Array<{ role: string; content: string }> };
    const system = body.messages[0];
    assert.equal(system?.role, 'system');
    assert.ok(system?.content.includes(`- ${KITTIWAKE_FACT}`));

    // A fact outside the prompt reaches the world model on the turn that needs it.
    await stepInWorld(env, { name: 'get_vessel', arguments: { name: 'Brine Runner' } });
    const sent = lastUserMessage(server);
    assert.ok(sent.includes(TURN_CONTROL_HEADING));
    assert.ok(sent.includes('The Brine Runner is captained by Maren Achterberg.'));
    await env.close();
  });
});
