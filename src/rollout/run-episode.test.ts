import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../core/errors.js';
import { NO_ACTION_ERROR, runEpisode } from './run-episode.js';
import {
  downEngine,
  echoEngine,
  hangingAfter,
  loadedTask,
  type ScriptedPolicyLog,
  scriptedPolicyFactory,
  stubScorer,
  terminalReplay,
} from './test-support.js';

const { engine, spec, recorded } = await terminalReplay();
const actions = recorded.turns.map((turn) => turn.action);
const usage = { promptTokens: 80, completionTokens: 20, totalTokens: 100 };

describe('runEpisode', () => {
  it('plays the policy against the replayed world until it is done: terminated, scored, success', async () => {
    const score = stubScorer();
    const line = await runEpisode({
      loaded: loadedTask('files', spec),
      engine,
      policyFactory: scriptedPolicyFactory([
        { action: actions[0] },
        { action: actions[1] },
        { done: true, answer: 'done' },
      ]),
      score,
      seed: 5,
    });
    assert.equal(line.blame, 'success');
    assert.equal(line.terminated, true);
    assert.equal(line.truncated, false);
    assert.equal(line.reward, 1);
    assert.equal(line.record?.turns.length, 2);
    assert.equal(line.record?.turns[0]?.provenance.source, 'replayed');
    assert.equal(line.record?.turns[0]?.observation, recorded.turns[0]?.observation);
    assert.deepEqual(
      line.decisions.map((decision) => decision.turnIndex),
      [1, 2, undefined],
    );
    assert.equal(score.calls.length, 1);
    assert.equal(score.calls[0]?.finalAnswer, 'done');
  });

  it('ends terminated when the world reaches an end state (a terminus completion)', async () => {
    const line = await runEpisode({
      loaded: loadedTask('complete', spec),
      engine: echoEngine(),
      policyFactory: scriptedPolicyFactory([
        { action: [{ keystrokes: 'ls\n', duration: 1 }] },
        { action: [] },
      ]),
      score: stubScorer(),
      seed: 1,
    });
    assert.equal(line.terminated, true);
    assert.equal(line.truncated, false);
    assert.equal(line.record?.turns.length, 2);
    assert.equal(line.blame, 'failure');
  });

  it('truncates on the turn budget', async () => {
    const line = await runEpisode({
      loaded: loadedTask('turns', spec, { budgets: { maxTurns: 2 } }),
      engine,
      policyFactory: scriptedPolicyFactory(actions.map((action) => ({ action }))),
      score: stubScorer(),
      seed: 1,
    });
    assert.equal(line.truncated, true);
    assert.equal(line.truncatedBy, 'turns');
    assert.equal(line.terminated, false);
    assert.equal(line.decisions.length, 2);
    assert.equal(line.blame, 'failure');
  });

  it('truncates on the policy token budget', async () => {
    const line = await runEpisode({
      loaded: loadedTask('tokens', spec),
      engine,
      policyFactory: scriptedPolicyFactory(
        actions.map((action) => ({ action })),
        { usage },
      ),
      score: stubScorer(),
      seed: 1,
      budgets: { maxTokens: 250 },
    });
    assert.equal(line.truncatedBy, 'tokens');
    assert.equal(line.decisions.length, 3);
    assert.equal(line.policyTokens, 300);
  });

  it('truncates on the wall-time budget, read from an injected clock', async () => {
    let now = 0;
    const line = await runEpisode({
      loaded: loadedTask('seconds', spec),
      engine,
      policyFactory: scriptedPolicyFactory(
        actions.map((action) => ({ action })),
        {
          onDecide: () => {
            now += 10_000;
          },
        },
      ),
      score: stubScorer(),
      seed: 1,
      clock: () => now,
      budgets: { maxSeconds: 25 },
    });
    assert.equal(line.truncatedBy, 'seconds');
    assert.equal(line.decisions.length, 3);
  });

  it('feeds an invalid reply back as the harness error, without stepping; a policy that stays invalid is blamed invalid-action', async () => {
    const log: ScriptedPolicyLog = { turns: [], seeds: [] };
    const line = await runEpisode({
      loaded: loadedTask('invalid', spec, { budgets: { maxTurns: 4 } }),
      engine,
      policyFactory: scriptedPolicyFactory(
        [{ action: actions[0] }, { invalid: 'Invalid JSON: Expecting value: line 1 column 1' }],
        { log },
      ),
      score: stubScorer(),
      seed: 1,
    });
    assert.equal(line.blame, 'invalid-action');
    assert.equal(line.truncatedBy, 'turns');
    assert.equal(line.invalidReplies, 3);
    assert.equal(line.record?.turns.length, 1, 'invalid replies are not stepped');
    assert.equal(log.turns[1]?.invalidActionError, undefined);
    assert.equal(log.turns[2]?.invalidActionError, 'Invalid JSON: Expecting value: line 1 column 1');
    assert.equal(line.reward, 0, 'invalid-action episodes are the agent’s: scored');
  });

  it('an action the session refuses is the agent’s invalid action, fed back, and recovering from it is no blame', async () => {
    const log: ScriptedPolicyLog = { turns: [], seeds: [] };
    const line = await runEpisode({
      loaded: loadedTask('refused', spec),
      engine,
      policyFactory: scriptedPolicyFactory(
        [{ action: { not: 'a terminus action' } }, { action: actions[0] }, { done: true, answer: 'done' }],
        { log },
      ),
      score: stubScorer(),
      seed: 1,
    });
    assert.match(log.turns[1]?.invalidActionError ?? '', /./);
    assert.equal(line.decisions[0]?.invalid, log.turns[1]?.invalidActionError);
    assert.equal(line.invalidReplies, 1);
    assert.equal(line.blame, 'success');
  });

  it('an engine that is down is infrastructure: retried, never scored', async () => {
    const down = downEngine();
    const score = stubScorer();
    const line = await runEpisode({
      loaded: loadedTask('down', spec),
      engine: down,
      policyFactory: scriptedPolicyFactory([{ action: actions[0] }]),
      score,
      seed: 1,
      maxInfraRetries: 2,
    });
    assert.equal(line.blame, 'infrastructure');
    assert.equal(line.error?.code, 'ENGINE_UNAVAILABLE');
    assert.equal(line.error?.origin, 'engine');
    assert.equal(line.attempts, 3);
    assert.equal(down.calls, 3);
    assert.equal(line.reward, undefined);
    assert.equal(score.calls.length, 0);
  });

  it('a policy server error and a verifier error are infrastructure; a non-retryable one is not retried', async () => {
    let decides = 0;
    const policyDown = await runEpisode({
      loaded: loadedTask('policy-down', spec),
      engine,
      policyFactory: scriptedPolicyFactory([{ action: actions[0] }], {
        onDecide: () => {
          decides += 1;
          throw new AgentWorldError('ENGINE_ERROR', 'policy server answered 500', { retryable: false });
        },
      }),
      score: stubScorer(),
      seed: 1,
    });
    assert.equal(policyDown.blame, 'infrastructure');
    assert.equal(policyDown.error?.origin, 'policy');
    assert.equal(policyDown.attempts, 1);
    assert.equal(decides, 1);

    let scores = 0;
    const judgeDown = await runEpisode({
      loaded: loadedTask('judge-down', spec),
      engine,
      policyFactory: scriptedPolicyFactory([{ action: actions[0] }, { done: true, answer: 'done' }]),
      score: async () => {
        scores += 1;
        throw new AgentWorldError('ENGINE_UNAVAILABLE', 'judge unreachable');
      },
      seed: 1,
      maxInfraRetries: 1,
    });
    assert.equal(judgeDown.blame, 'infrastructure');
    assert.equal(judgeDown.error?.origin, 'verifier');
    assert.equal(judgeDown.attempts, 2);
    assert.equal(scores, 2);
  });

  it('the caller’s abort is not an outcome: it throws ABORTED', async () => {
    const controller = new AbortController();
    await assert.rejects(
      runEpisode({
        loaded: loadedTask('abort', spec),
        engine,
        policyFactory: scriptedPolicyFactory(
          actions.map((action) => ({ action })),
          {
            onDecide: (turn) => {
              if (turn.step === 1) controller.abort();
            },
          },
        ),
        score: stubScorer(),
        seed: 1,
        signal: controller.signal,
      }),
      (error: unknown) => error instanceof AgentWorldError && error.code === 'ABORTED',
    );
  });

  it('an episode past its timeout is infrastructure (the hung call is aborted), never scored', async () => {
    const score = stubScorer();
    const line = await runEpisode({
      loaded: loadedTask('hung', spec),
      engine: hangingAfter(engine, 1),
      policyFactory: scriptedPolicyFactory(actions.map((action) => ({ action }))),
      score,
      seed: 1,
      episodeTimeoutMs: 50,
      maxInfraRetries: 0,
    });
    assert.equal(line.blame, 'infrastructure');
    assert.equal(line.error?.origin, 'timeout');
    assert.equal(line.error?.code, 'ENGINE_TIMEOUT');
    assert.equal(line.attempts, 1);
    assert.equal(line.record?.turns.length, 1, 'the turns before the hang are kept for diagnosis');
    assert.equal(score.calls.length, 0);
  });

  it('a reply with no action and no adapter error is fed back as an invalid action', async () => {
    const log: ScriptedPolicyLog = { turns: [], seeds: [] };
    const line = await runEpisode({
      loaded: loadedTask('empty-reply', spec, { budgets: { maxTurns: 2 } }),
      engine,
      policyFactory: scriptedPolicyFactory([{ action: undefined }], { log }),
      score: stubScorer(),
      seed: 1,
    });
    assert.equal(log.turns[1]?.invalidActionError, NO_ACTION_ERROR);
    assert.equal(line.blame, 'invalid-action');
    assert.equal(line.record?.turns.length, 0);
  });
});
