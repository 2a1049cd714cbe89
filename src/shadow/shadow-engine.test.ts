/**
 * ShadowEngine over the real terminal (bash in bubblewrap) with a replay engine as the shadow: the replayed
 * session is a real one with one observation changed on purpose, so the comparison is checked on real output.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallOptions } from '../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import { type SessionRecord, SessionRecordSchema } from '../core/turn.js';
import type { WorldSpecInput } from '../core/world-spec.js';
import { createRealTerminalEngine } from '../engines/real/terminal/index.js';
import { createReplayEngine } from '../engines/replay/index.js';
import { createEnv } from '../session/create-env.js';
import { ShadowEngine, shadowOf } from './index.js';

const spec: WorldSpecInput = {
  id: 'shadow-terminal',
  domain: 'terminal',
  dialect: 'terminus',
  task: 'Print a few things.',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'box', home: '/root' } },
};

const run = (keystrokes: string) => [{ keystrokes, duration: 1 }];
const ACTIONS = [run('echo hello\n'), run("printf 'alpha\\nbeta\\ngamma\\n'\n"), run('pwd\n')];
const SEED = 3;

/** An engine of the test's own that fails every prediction (optionally after the caller's signal fires). */
class FailingEngine implements Engine {
  readonly id = 'failing';
  readonly signals: (AbortSignal | undefined)[] = [];
  identity(): Record<string, unknown> {
    return { engine: this.id };
  }
  async predict(_request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    this.signals.push(options.signal);
    throw new AgentWorldError('ENGINE_UNAVAILABLE', 'the shadow is down');
  }
  async close(): Promise<void> {}
}

describe('ShadowEngine over the real terminal', () => {
  const real = createRealTerminalEngine();
  let recorded: SessionRecord;
  before(async () => {
    const env = await createEnv(spec, { engine: real });
    await env.reset({ seed: SEED });
    for (const action of ACTIONS) await env.step(action);
    recorded = env.toRecord();
    await env.close();
  });
  after(() => real.close());

  it('records the shadow beside the real observation: exact on equal turns, a line diff where it differs', async () => {
    // The simulator "got" turn 2 wrong (beta became BETA, an extra line appeared) and put turn 3's prompt in
    // the wrong directory.
    const altered: SessionRecord = {
      ...recorded,
      turns: recorded.turns.map((turn) => {
        if (turn.index === 2)
          return { ...turn, observation: turn.observation.replace('beta\n', 'BETA\ndelta\n') };
        if (turn.index === 3)
          return {
            ...turn,
            observation: turn.observation.replace(/root@box:\/workspace# $/, 'root@box:/tmp# '),
          };
        return turn;
      }),
    };
    const engine = new ShadowEngine({ primary: real, shadow: createReplayEngine({ sessions: [altered] }) });
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: SEED });
    const results = [];
    for (const action of ACTIONS) results.push(await env.step(action));
    await env.close();

    for (const [index, result] of results.entries()) {
      const turn = result.info.turn;
      assert.equal(turn.provenance.source, 'real', 'the agent sees the real observation');
      assert.equal(result.observation, recorded.turns[index]?.observation);
      const comparison = shadowOf(turn);
      assert.ok(comparison, `turn ${turn.index} has a shadow comparison`);
      assert.equal(comparison.engine, 'replay');
      assert.equal(comparison.provenance?.source, 'replayed');
      assert.deepEqual(
        comparison.checks.map((check) => check.id),
        turn.checks.map((check) => check.id),
        'the same domain checks ran on the simulated observation',
      );
    }
    const [first, second, third] = results.map((result) => shadowOf(result.info.turn));
    assert.equal(first?.exactMatch, true);
    assert.equal(first?.similarity, 1);
    assert.deepEqual(first?.diff, { kind: 'lines', entries: [], omitted: 0 });
    assert.equal(third?.exactMatch, false);
    const failedOnShadow = third?.checks.filter((check) => check.status === 'fail').map((check) => check.id);
    assert.deepEqual(failedOnShadow, ['prompt-cwd'], 'the domain checks judged the simulated screen');
    assert.ok(results[2]?.info.turn.checks.every((check) => check.status !== 'fail'));

    assert.equal(second?.exactMatch, false);
    assert.ok(
      second !== undefined && second.similarity < 1 && second.similarity > 0.8,
      `${second?.similarity}`,
    );
    assert.match(second?.observation ?? '', /\nBETA\ndelta\n/);
    assert.equal(second?.diff?.kind, 'lines');
    const lines = results[1]?.observation.split('\n') ?? [];
    const betaLine = lines.indexOf('beta') + 1;
    assert.ok(betaLine > 1);
    assert.deepEqual(second?.diff?.entries, [
      { op: 'change', at: `line ${betaLine}`, primary: 'beta', shadow: 'BETA' },
      { op: 'add', at: `line ${betaLine + 1}`, shadow: 'delta' },
    ]);
    assert.match(
      results[1]?.info.turn.events.find((event) => event.type === 'shadow')?.message ?? '',
      /^shadow replay: similarity 0\.\d{3}, 2 differences$/,
    );

    // The session keeps the comparison in the turn's typed field (validated when stored); the event is one line.
    const storedTurn = SessionRecordSchema.parse(env.toRecord()).turns[1];
    assert.deepEqual(storedTurn?.shadow, second);
    const event = storedTurn?.events.find((candidate) => candidate.type === 'shadow');
    assert.equal(event?.data, undefined);
    assert.ok(event?.message);
  });

  it('a failing shadow (a replay miss, an engine that throws) is recorded and never fails the turn', async () => {
    const miss = new ShadowEngine({ primary: real, shadow: createReplayEngine({ sessions: [] }) });
    const env = await createEnv(spec, { engine: miss });
    await env.reset({ seed: SEED });
    const result = await env.step(ACTIONS[0]);
    assert.equal(result.observation, recorded.turns[0]?.observation);
    const comparison = shadowOf(result.info.turn);
    assert.equal(comparison?.error?.code, 'REPLAY_MISS');
    assert.equal(comparison?.exactMatch, false);
    assert.equal(comparison?.similarity, 0);
    assert.equal(comparison?.observation, undefined);
    await env.close();

    const failing = new FailingEngine();
    const thrower = new ShadowEngine({ primary: real, shadow: failing });
    const other = await createEnv(spec, { engine: thrower });
    await other.reset({ seed: SEED });
    const controller = new AbortController();
    const thrown = await other.step(ACTIONS[0], { signal: controller.signal });
    assert.equal(thrown.observation, recorded.turns[0]?.observation);
    assert.deepEqual(shadowOf(thrown.info.turn)?.error, {
      code: 'ENGINE_UNAVAILABLE',
      message: 'the shadow is down',
    });
    // The shadow got a signal that follows the caller's.
    const signal = failing.signals[0];
    assert.ok(signal !== undefined);
    assert.equal(signal.aborted, false);
    controller.abort();
    assert.equal(signal.aborted, true);
    await other.close();
  });

  it('a failing primary fails the turn and stops the shadow', async () => {
    const shadow = new FailingEngine();
    const primary = new FailingEngine();
    const engine = new ShadowEngine({ primary, shadow });
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: SEED });
    await assert.rejects(env.step(ACTIONS[0]), { code: 'ENGINE_UNAVAILABLE' });
    assert.equal(shadow.signals[0]?.aborted, true);
    assert.equal(env.turns.length, 0);
  });

  it('forwards releaseSession and close to both engines, and takes the primary kind', async () => {
    const released: string[] = [];
    let closed = 0;
    const tracked = (id: string): Engine => ({
      id,
      kind: 'real',
      identity: () => ({ engine: id }),
      predict: async () => {
        throw new AgentWorldError('ENGINE_UNAVAILABLE', 'unused');
      },
      releaseSession: async (sessionId) => {
        released.push(`${id}:${sessionId}`);
      },
      close: async () => {
        closed++;
      },
    });
    const engine = new ShadowEngine({ primary: tracked('a'), shadow: tracked('b') });
    assert.equal(engine.kind, 'real');
    assert.equal(engine.followsControlInstructions, false);
    await engine.releaseSession('s1');
    assert.deepEqual(released.sort(), ['a:s1', 'b:s1']);
    await engine.close();
    assert.equal(closed, 2);
  });
});
