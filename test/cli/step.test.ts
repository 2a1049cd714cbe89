import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import { terminalDomain } from '../../src/domains/terminal/index.js';
import { extractObservation } from '../../src/engines/lwm/index.js';
import { parseWorldSpec } from '../../src/session/create-env.js';
import { readSpecFile } from '../../src/session/spec-file.js';
import {
  type ScriptedModelServer,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import { runStepCommand, temporaryFolder } from './run-cli.js';

/** What the scripted world model answers on turn N: reasoning, then an observation that names the turn. */
function modelAnswerForTurn(turn: number): string {
  return (
    `<think>\nThe agent lists the folder on turn ${turn}.\n</think>\n\n<predicted_observation>\n` +
    `**Environment Observation:**\nroot@64fd58b770d7:/workspace# ls\nnotes-${turn}  README.md\n` +
    'root@64fd58b770d7:/workspace# \n</predicted_observation>'
  );
}

function modelAnswer(request: ScriptedRequest): string {
  return modelAnswerForTurn(request.messages.filter((message) => message.role === 'user').length);
}

interface TurnView {
  readonly index: number;
  readonly observation: string;
  readonly prompt: string;
  readonly provenance: { readonly source: string; readonly engine: string; readonly model?: string };
}

interface StepAnswerView {
  readonly ok: boolean;
  readonly reset?: { readonly observation: string; readonly info: { readonly seed: number } };
  readonly result?: { readonly observation: string; readonly info: { readonly turn: TurnView } };
  readonly session: unknown;
}

function messagesOf(body: Record<string, unknown> | undefined): Array<{ role: string; content: string }> {
  assert.ok(body !== undefined, 'the model server received the request');
  return body.messages as Array<{ role: string; content: string }>;
}

describe('agentworld step (real CLI, real scripted model server)', () => {
  let server: ScriptedModelServer;
  const folder = temporaryFolder('step');
  const action1 = [{ keystrokes: 'ls\n', duration: 1 }];
  const action2 = [{ keystrokes: 'cd notes-1\n', duration: 0.5 }];

  before(async () => {
    server = await startScriptedModelServer({
      script: (request) => ({ type: 'raw', content: modelAnswer(request) }),
    });
  });
  after(async () => {
    await server.close();
    folder.remove();
  });

  const modelEnv = (): Record<string, string> => ({
    AGENTWORLD_MODEL_URL: server.url,
    AGENTWORLD_MODEL: server.model,
  });

  it('starts from the bundled terminal spec, steps, and continues from the printed session at turn 2', async () => {
    const sentBefore = server.completionBodies.length;
    const first = await runStepCommand({ spec: 'terminal', seed: 7, action: action1 }, [], {
      env: modelEnv(),
    });
    assert.equal(first.run.code, 0, first.run.stdout + first.run.stderr);
    const answer1 = first.answer as unknown as StepAnswerView;
    assert.equal(answer1.ok, true);
    assert.deepEqual(Object.keys(answer1).sort(), ['ok', 'reset', 'result', 'session']);

    const spec = parseWorldSpec(await readSpecFile('terminal'));
    assert.equal(answer1.reset?.observation, terminalDomain.initialObservation(spec));
    assert.equal(answer1.reset?.observation, 'root@64fd58b770d7:/workspace# ');
    assert.equal(answer1.reset?.info.seed, 7);

    // The observation is the model's answer as the engine extracts it: no reasoning, no tags, no marker.
    assert.equal(server.completionBodies.length, sentBefore + 1);
    const expected = extractObservation(modelAnswerForTurn(1));
    assert.equal(answer1.result?.observation, expected.observation);
    assert.match(
      answer1.result?.observation ?? '',
      /^root@64fd58b770d7:\/workspace# ls\nnotes-1 {2}README\.md/,
    );
    assert.doesNotMatch(
      answer1.result?.observation ?? '',
      /think|predicted_observation|Environment Observation/,
    );
    const turn1 = answer1.result?.info.turn;
    assert.equal(turn1?.index, 1);
    assert.deepEqual(turn1?.provenance.source, 'simulated');
    assert.equal(turn1?.provenance.model, server.model);

    const record1: SessionRecord = SessionRecordSchema.parse(answer1.session);
    assert.equal(record1.turns.length, 1);
    assert.equal(record1.turns[0]?.observation, expected.observation);

    // Feed the printed session back with a second action.
    const second = await runStepCommand({ session: answer1.session, action: action2 }, [], {
      env: modelEnv(),
    });
    assert.equal(second.run.code, 0, second.run.stdout + second.run.stderr);
    const answer2 = second.answer as unknown as StepAnswerView;
    assert.equal(answer2.ok, true);
    assert.equal(answer2.reset, undefined, 'continuing a session does not reset it');
    assert.equal(answer2.result?.info.turn.index, 2);
    assert.match(answer2.result?.observation ?? '', /notes-2/);
    const record2 = SessionRecordSchema.parse(answer2.session);
    assert.equal(record2.id, record1.id);
    assert.equal(record2.seed, 7);
    assert.equal(record2.turns.length, 2);
    assert.equal(record2.turns[0]?.prompt, record1.turns[0]?.prompt, 'turn 1 prompt is byte-identical');
    assert.deepEqual(record2.turns[0], record1.turns[0]);

    // What the model server saw: the same system prompt, and turn 1 re-sent byte for byte as history.
    const firstMessages = messagesOf(server.completionBodies[sentBefore]);
    const secondMessages = messagesOf(server.completionBodies[sentBefore + 1]);
    assert.equal(secondMessages[0]?.content, firstMessages[0]?.content);
    assert.equal(secondMessages[1]?.role, 'user');
    assert.equal(secondMessages[1]?.content, record1.turns[0]?.prompt);
    assert.ok(firstMessages[1]?.content.startsWith(record1.turns[0]?.prompt ?? '∅'));
    assert.equal(secondMessages[2]?.role, 'assistant');
    assert.ok(secondMessages[2]?.content.endsWith(expected.observation));
    assert.match(secondMessages[3]?.content ?? '', /^### Turn 2/);
  });

  it('answers a repeated request from the --cache file without calling the model', async () => {
    const cacheFile = join(folder.path, 'cache.db');
    const request = { spec: 'terminal', seed: 11, action: action1 };
    const sentBefore = server.completionBodies.length;
    const first = await runStepCommand(request, ['--cache', cacheFile], { env: modelEnv() });
    assert.equal(first.run.code, 0, first.run.stdout + first.run.stderr);
    const answer1 = first.answer as unknown as StepAnswerView;
    assert.equal(answer1.result?.info.turn.provenance.source, 'simulated');
    assert.equal(server.completionBodies.length, sentBefore + 1);

    const second = await runStepCommand(request, ['--cache', cacheFile], { env: modelEnv() });
    assert.equal(second.run.code, 0, second.run.stdout + second.run.stderr);
    const answer2 = second.answer as unknown as StepAnswerView;
    assert.equal(server.completionBodies.length, sentBefore + 1, 'the model server received no new request');
    assert.equal(answer2.result?.info.turn.provenance.source, 'cached');
    assert.equal(answer2.result?.info.turn.provenance.engine, 'cache');
    assert.equal(answer2.result?.observation, answer1.result?.observation);
  });
});
