import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine } from '../core/engine.js';
import { type ErrorCode, isAgentWorldError } from '../core/errors.js';
import { ResetResultSchema, SessionRecordSchema, StepResultSchema } from '../core/turn.js';
import type { WorldSpecInput } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { createEnv } from '../session/create-env.js';
import { Session } from '../session/session.js';

/** What the contract suite needs to know about one engine (or surface) under test. */
export interface EngineContractSubject {
  readonly name: string;
  readonly spec: WorldSpecInput;
  /** At least three valid actions for the spec, answered by the engine in this order. */
  readonly actions: readonly unknown[];
  /** A fresh engine; the suite closes it. */
  makeEngine(): Promise<Engine>;
  /** The seed the actions were recorded with (replay) or any seed (simulating engines). */
  readonly seed: number;
  /** An action the dialect rejects, and the `$.path` the error must name. */
  readonly invalidAction: { readonly action: unknown; readonly path: string };
  /**
   * Optional outage drill: `begin()` makes the engine's backend fail, `end()` restores it; the step during the
   * outage must fail with `code` and leave the session intact.
   */
  readonly outage?: { begin(): void | Promise<void>; end(): void | Promise<void>; readonly code: ErrorCode };
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAgentWorldError(error), `expected an AgentWorldError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Registers the engine contract tests (node:test) for one subject. */
export function engineContract(subject: EngineContractSubject): void {
  const [first, second, third] = subject.actions;
  assert.ok(third !== undefined, 'the contract needs at least three actions');

  async function withEnv(run: (env: Session, engine: Engine) => Promise<void>): Promise<void> {
    const engine = await subject.makeEngine();
    try {
      const env = await createEnv(subject.spec, { engine });
      await run(env, engine);
    } finally {
      await engine.close();
    }
  }

  describe(`engine contract: ${subject.name}`, () => {
    it('reset and step return the documented shapes; history stays byte-identical', async () => {
      await withEnv(async (env) => {
        await expectCode(env.step(first), 'SESSION_NOT_STARTED');
        const reset = ResetResultSchema.parse(await env.reset({ seed: subject.seed }));
        assert.equal(reset.info.seed, subject.seed);
        assert.equal(reset.info.sessionId, env.id);
        const one = StepResultSchema.parse(await env.step(first));
        assert.equal(one.info.turn.index, 1);
        assert.match(one.info.turn.provenance.promptHash, /^[0-9a-f]{64}$/);
        assert.ok(one.info.turn.timing.totalMs >= one.info.turn.timing.engineMs);
        const promptOfTurnOne = env.turns[0]?.prompt;
        const two = StepResultSchema.parse(await env.step(second));
        assert.equal(two.info.turn.index, 2);
        assert.equal(env.turns[0]?.prompt, promptOfTurnOne, 'turn 1 prompt changed after turn 2');
        assert.ok(two.info.turn.prompt.startsWith('### Turn 2\n'));
      });
    });

    it('the same seed and actions give the same observations', async () => {
      const runOnce = async (): Promise<Array<{ observation: string; promptHash: string }>> => {
        const results: Array<{ observation: string; promptHash: string }> = [];
        await withEnv(async (env) => {
          await env.reset({ seed: subject.seed });
          for (const action of [first, second, third]) {
            const result = await env.step(action);
            results.push({
              observation: result.observation,
              promptHash: result.info.turn.provenance.promptHash,
            });
          }
        });
        return results;
      };
      assert.deepEqual(await runOnce(), await runOnce(), 'observations and prompt hashes must repeat');
    });

    it('a fork evolves independently of its parent', async () => {
      await withEnv(async (env) => {
        await env.reset({ seed: subject.seed });
        await env.step(first);
        const fork = env.fork();
        assert.equal(fork.parentId, env.id);
        assert.equal(fork.forkedAtTurn, 1);
        assert.notEqual(fork.id, env.id);
        const forkResult = await fork.step(second);
        assert.equal(env.turns.length, 1, 'stepping the fork changed the parent');
        assert.equal(fork.turns.length, 2);
        const parentResult = await env.step(second);
        assert.equal(
          parentResult.observation,
          forkResult.observation,
          'same history, same seed, same action',
        );
        await fork.close();
        const parentThird = await env.step(third);
        assert.equal(parentThird.info.turn.index, 3, 'closing the fork must not close the parent');
      });
    });

    it('close is idempotent and later calls fail with SESSION_CLOSED', async () => {
      await withEnv(async (env, engine) => {
        await env.reset({ seed: subject.seed });
        await env.close();
        await env.close();
        assert.equal(env.isClosed, true);
        await expectCode(env.step(first), 'SESSION_CLOSED');
        assert.throws(
          () => env.fork(),
          (error: unknown) => isAgentWorldError(error, 'SESSION_CLOSED'),
        );
        const other = await createEnv(subject.spec, { engine });
        await other.reset({ seed: subject.seed });
        assert.equal(
          (await other.step(first)).info.turn.index,
          1,
          'closing a session must not affect the engine',
        );
      });
    });

    it('a malformed action is INVALID_ACTION with the bad field path, and nothing is recorded', async () => {
      await withEnv(async (env) => {
        await env.reset({ seed: subject.seed });
        await env.step(first);
        const error = (await expectCode(env.step(subject.invalidAction.action), 'INVALID_ACTION')) as {
          details: { path?: string };
          retryable: boolean;
        };
        assert.equal(error.details.path, subject.invalidAction.path);
        assert.equal(error.retryable, false);
        assert.equal(env.turns.length, 1);
        assert.equal((await env.step(second)).info.turn.index, 2);
      });
    });

    it('an aborted step is ABORTED and leaves the session intact', async () => {
      await withEnv(async (env) => {
        await env.reset({ seed: subject.seed });
        await expectCode(env.step(first, { signal: AbortSignal.abort() }), 'ABORTED');
        assert.equal(env.turns.length, 0);
        assert.equal((await env.step(first)).info.turn.index, 1);
      });
    });

    it('a session record round-trips and the restored session continues', async () => {
      await withEnv(async (env, engine) => {
        await env.reset({ seed: subject.seed });
        await env.step(first);
        await env.step(second);
        const record = SessionRecordSchema.parse(JSON.parse(JSON.stringify(env.toRecord())));
        const restored = Session.fromRecord(record, getDomain(record.spec.domain), engine);
        assert.deepEqual(restored.ledgerSummary(), env.ledgerSummary());
        const fromRestored = await restored.step(third);
        const fromOriginal = await env.step(third);
        assert.equal(fromRestored.observation, fromOriginal.observation);
        assert.equal(fromRestored.info.turn.prompt, fromOriginal.info.turn.prompt);
      });
    });

    const outage = subject.outage;
    if (outage !== undefined) {
      it(`an engine outage is ${outage.code}; the session is intact and works once the engine is back`, async () => {
        await withEnv(async (env) => {
          await env.reset({ seed: subject.seed });
          await env.step(first);
          const before = JSON.stringify(env.toRecord());
          await outage.begin();
          try {
            const error = (await expectCode(env.step(second), outage.code)) as { retryable: boolean };
            assert.equal(error.retryable, true);
            assert.equal(
              JSON.stringify(env.toRecord()),
              before,
              'a failed step must leave the session as it was',
            );
          } finally {
            await outage.end();
          }
          assert.equal((await env.step(second)).info.turn.index, 2);
        });
      });
    }
  });
}
