/** The rubric verifier against a real HTTP server speaking the OpenAI protocol (scripted, and honest about it). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import type { ScriptedModelServer } from '../../testing/index.js';
import { startScriptedModelServer } from '../../testing/index.js';
import { contextFromRecord, createScoreEpisode } from '../score-episode.js';
import { parseJudgeReply } from './rubric.js';
import { exampleSession, taskFor } from './sessions.test-data.js';

const record = exampleSession('web');
const task = taskFor(record, [{ type: 'rubric', rubric: 'The form was sent as Ada Lovelace with a copy.' }]);
const context = contextFromRecord(task, record, 'Your book request was sent.');

describe('rubric', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer({ script: [], acceptAnyModel: true });
  });
  after(async () => {
    await server.close();
  });
  const scoring = (attempts = 3) =>
    createScoreEpisode({ judge: { baseURL: server.url, model: 'judge-model', maxRetries: 0, attempts } });

  it('scores with the judge; its model, prompt and reply are kept; <think> and reasoning_content are ignored', async () => {
    server.resetStats();
    server.enqueue({
      type: 'raw',
      content:
        '<think>{"score": 0.1, "reason": "draft"}</think>\nVerdict: {"score": 0.8, "reason": "sent, copy checked"}',
      reasoningContent: '{"score": 0, "reason": "hidden"}',
    });
    const result = await scoring()(context);
    const verdict = result.verifiers[0];
    assert.equal(result.reward, 0.8);
    assert.equal(verdict?.passed, true);
    assert.equal(verdict?.judge?.model, 'judge-model');
    assert.match(verdict?.judge?.prompt ?? '', /## Rubric\nThe form was sent as Ada Lovelace/);
    assert.match(verdict?.judge?.prompt ?? '', /Turn 5\nAction:\n.*send_msg_to_user/s);
    assert.match(verdict?.judge?.reply ?? '', /Verdict/);
    const body = server.completionBodies[0] as { model: string; messages: { content: string }[] };
    assert.equal(body.model, 'judge-model');
    assert.equal(body.messages[0]?.content, verdict?.judge?.prompt);
  });

  it('retries an unparseable reply, then gives up with an infra error', async () => {
    server.enqueue(
      { type: 'raw', content: 'I think it went well.' },
      { type: 'raw', content: '{"score": 0.4}' },
    );
    const retried = await scoring()(context);
    assert.equal(retried.reward, 0.4);
    assert.equal(retried.success, false);
    server.enqueue({ type: 'raw', content: 'no idea' }, { type: 'raw', content: '{"score": 7}' });
    await assert.rejects(scoring(2)(context), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'MODEL_OUTPUT_INVALID'));
      assert.equal(error.retryable, true);
      return true;
    });
  });

  it('an endpoint error is a retryable infra error, not a score', async () => {
    server.enqueue({ type: 'error', status: 500, message: 'judge overloaded' });
    await assert.rejects(scoring()(context), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'ENGINE_UNAVAILABLE'));
      assert.equal(error.retryable, true);
      assert.match(error.message, /judge-model/);
      return true;
    });
  });

  it('parses fenced JSON and refuses scores outside 0..1', () => {
    assert.deepEqual(parseJudgeReply('```json\n{"score": "1", "reason": "ok"}\n```'), {
      score: 1,
      reason: 'ok',
    });
    assert.equal(parseJudgeReply('{"score": 1.5}'), undefined);
    assert.deepEqual(parseJudgeReply('reasoning…</think>{"score": 0}'), { score: 0, reason: '' });
  });
});
