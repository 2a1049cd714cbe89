/**
 * Runs every entry of a domain's perturbation catalog on a real engine and proves each one: a real session with
 * the perturbation scheduled on one turn, whose observation must be the real engine's own answer with the
 * entry's deterministic rendering applied (provenance `injected`, origin `real`), shown (the entry's
 * manifestation check passes), and no domain check failing that did not fail on the real answer itself.
 *
 * The engine is wrapped only to keep each answer it gave, so the turn can be compared with exactly what the real
 * executor returned (no second session that could differ in timing or in a temporary name).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { AnyDomain } from '../../src/core/domain.js';
import type { Engine, Prediction } from '../../src/core/engine.js';
import type { PerturbationRuleInput } from '../../src/core/perturbation.js';
import type { CheckResult, Turn } from '../../src/core/turn.js';
import { getDomain } from '../../src/domains/index.js';
import { createEnv } from '../../src/session/create-env.js';

/** What one catalog entry is proved with: the actions of a session, and the turn its rule fires on. */
export interface PerturbationCase {
  /** The session's actions, in the domain's dialect. */
  readonly actions: readonly unknown[];
  /** The turn the perturbation is scheduled on (default: the last action's). */
  readonly turn?: number;
  /** The rule's parameters (default: the catalog's defaults). */
  readonly params?: Record<string, unknown>;
}

/** The engine's own answers, by session id and turn. */
export class AnswerLog {
  private readonly answers = new Map<string, Prediction>();

  record(sessionId: string, turnIndex: number, prediction: Prediction): void {
    this.answers.set(`${sessionId}#${turnIndex}`, prediction);
  }

  get(sessionId: string, turnIndex: number): Prediction {
    const found = this.answers.get(`${sessionId}#${turnIndex}`);
    assert.ok(found !== undefined, `the engine answered turn ${turnIndex} of ${sessionId}`);
    return found;
  }
}

/** The real engine as it is (kind `real`, no control instructions followed), keeping a copy of each answer. */
export function keepingAnswers(engine: Engine, log: AnswerLog): Engine {
  assert.equal(engine.kind, 'real', `${engine.id} is a real engine`);
  return {
    id: engine.id,
    kind: engine.kind,
    followsControlInstructions: engine.followsControlInstructions,
    model: engine.model,
    identity: () => engine.identity(),
    ...(engine.prepare === undefined
      ? {}
      : { prepare: (spec, options) => (engine.prepare as NonNullable<Engine['prepare']>)(spec, options) }),
    ...(engine.releaseSession === undefined
      ? {}
      : {
          releaseSession: (sessionId) =>
            (engine.releaseSession as NonNullable<Engine['releaseSession']>)(sessionId),
        }),
    predict: async (request, options) => {
      const prediction = await engine.predict(request, options);
      log.record(request.sessionId, request.turnIndex, prediction);
      return prediction;
    },
    close: () => engine.close(),
  };
}

/** How one catalog entry fared on the real engine. */
export interface Outcome {
  readonly id: string;
  /** The perturbed turn. */
  readonly turn: Turn;
  /** What the real engine itself answered on that turn. */
  readonly real: Prediction;
  /** The domain's checks on the real answer, as the session would have run them without the perturbation. */
  readonly realChecks: readonly CheckResult[];
  /** Whether the rule fired on the turn (the entry applied to the action). */
  readonly injected: boolean;
}

const failing = (checks: readonly CheckResult[]): string[] =>
  checks.filter((check) => check.status === 'fail').map((check) => check.id);

/**
 * Runs one real session of `spec` with `perturbation` scheduled on `testCase.turn`, returning the perturbed turn
 * and the real engine's own answer for it.
 */
export async function runWithPerturbation(
  engine: Engine,
  log: AnswerLog,
  spec: Record<string, unknown>,
  perturbation: string,
  testCase: PerturbationCase,
): Promise<Outcome> {
  const turnIndex = testCase.turn ?? testCase.actions.length;
  const rule: PerturbationRuleInput = {
    id: `real-${perturbation}`,
    perturbation,
    params: testCase.params ?? {},
    when: { turn: turnIndex },
  };
  const session = await createEnv(
    { ...spec, perturbations: [...((spec.perturbations as unknown[] | undefined) ?? []), rule] },
    { engine },
  );
  try {
    await session.reset({ seed: 11 });
    for (const action of testCase.actions) await session.step(action);
    const turn = session.turns[turnIndex - 1];
    assert.ok(turn !== undefined, `${perturbation}: turn ${turnIndex} ran`);
    const real = log.get(session.id, turnIndex);
    const domain: AnyDomain = getDomain(session.spec.domain);
    let ledger = domain.createLedger(session.spec);
    for (const earlier of session.turns.slice(0, turnIndex - 1)) {
      ledger = domain.applyTurn(ledger, earlier.action, earlier.observation, session.spec);
    }
    const realChecks = [
      ...domain.check({
        spec: session.spec,
        turnIndex,
        action: turn.action,
        ledger,
        observation: real.observation,
        rawResult: real.rawResult,
      }),
      ...(real.checks ?? []),
    ];
    const injected = turn.events.some(
      (event) => event.type === 'perturbation.injected' && event.data?.perturbation === perturbation,
    );
    return { id: perturbation, turn, real, realChecks, injected };
  } finally {
    await session.close();
  }
}

/**
 * Whether the entry manifested on the real engine: injected on its turn, rendered into the real answer (changed,
 * provenance `injected` with origin `real`) and shown by its own check.
 */
export function manifested(outcome: Outcome): boolean {
  const check = outcome.turn.checks.find((entry) => entry.id === `perturbation:${outcome.id}`);
  return (
    outcome.injected &&
    outcome.turn.observation !== outcome.real.observation &&
    outcome.turn.provenance.source === 'injected' &&
    check?.status === 'pass'
  );
}

/**
 * Whether the real engine itself already showed the condition on this action, so the rendering kept its answer
 * unchanged: injected and shown, the observation and provenance the real engine's own.
 */
export function shownByRealEngine(outcome: Outcome): boolean {
  const check = outcome.turn.checks.find((entry) => entry.id === `perturbation:${outcome.id}`);
  return (
    outcome.injected &&
    outcome.turn.observation === outcome.real.observation &&
    outcome.turn.provenance.source === 'real' &&
    check?.status === 'pass'
  );
}

/** Asserts that the real engine's own answer already shows the entry, kept as it is (see shownByRealEngine). */
export function assertShownByRealEngine(outcome: Outcome): void {
  const { id, turn, real } = outcome;
  assert.ok(outcome.injected, `${id}: the rule fired on turn ${turn.index}`);
  assert.equal(turn.observation, real.observation, `${id}: the real answer is kept`);
  assert.deepEqual(turn.provenance, real.provenance, `${id}: the provenance stays the real engine's`);
  const event = turn.events.find(
    (entry) => entry.type === 'perturbation.injected' && entry.data?.perturbation === id,
  );
  assert.equal(event?.data?.manifested, true, `${id}: labelled as shown`);
  const check = turn.checks.find((entry) => entry.id === `perturbation:${id}`);
  assert.equal(check?.status, 'pass', `${id}: its manifestation check passes on the real answer`);
}

/**
 * Domain checks a rendering is known to fail on a real answer, by entry and check id, each with the reason (the
 * failure is then asserted to happen, so the list cannot go stale).
 */
export type CheckConflicts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Asserts everything the entry must show on a real engine (see the file's comment), with the reasons. A domain
 * check that fails on the perturbed turn but passed on the real answer must be listed in `conflicts`.
 */
export function assertManifested(outcome: Outcome, conflicts: CheckConflicts = {}): void {
  const { id, turn, real } = outcome;
  const context = `${id}\n--- real ---\n${real.observation}\n--- perturbed ---\n${turn.observation}`;
  assert.equal(real.provenance.source, 'real', `${id}: the engine answered for real`);
  assert.ok(outcome.injected, `${id}: the rule fired on turn ${turn.index}\n${context}`);
  const event = turn.events.find(
    (entry) => entry.type === 'perturbation.injected' && entry.data?.perturbation === id,
  );
  assert.equal(event?.data?.rendered, true, `${id}: rendered, not instructed`);
  assert.notEqual(
    turn.observation,
    real.observation,
    `${id}: the rendering changed the real answer\n${context}`,
  );
  assert.equal(turn.provenance.source, 'injected', id);
  assert.equal(turn.provenance.engine, real.provenance.engine, id);
  assert.equal(turn.provenance.origin?.source, 'real', `${id}: origin kept`);
  assert.equal(turn.provenance.origin?.engine, real.provenance.engine, `${id}: origin kept`);
  const check = turn.checks.find((entry) => entry.id === `perturbation:${id}`);
  assert.equal(check?.status, 'pass', `${id}: its manifestation check passes\n${context}`);
  assert.equal(event?.data?.manifested, true, id);
  const before = new Set(failing(outcome.realChecks));
  const broken = turn.checks.filter(
    (entry) => entry.status === 'fail' && !entry.id.startsWith('perturbation:') && !before.has(entry.id),
  );
  const known = conflicts[id] ?? {};
  assert.deepEqual(
    broken.filter((entry) => !(entry.id in known)).map((entry) => `${entry.id}: ${entry.message ?? ''}`),
    [],
    `${id}: no domain check fails because of the rendering\n${context}`,
  );
  assert.deepEqual(
    broken.map((entry) => entry.id).filter((check) => check in known),
    Object.keys(known),
    `${id}: the documented check conflicts happen (else remove them from the list)`,
  );
}

/**
 * The cases for a catalog, checked against it: every entry has a case (or a documented reason it cannot
 * manifest on a real engine), and nothing is listed that the catalog lacks.
 */
export function assertCasesCoverCatalog(
  domain: AnyDomain,
  cases: Readonly<Record<string, PerturbationCase>>,
): void {
  const catalog = domain.perturbations.map((entry) => entry.id).sort();
  assert.deepEqual(Object.keys(cases).sort(), catalog, `${domain.id}: one case per catalog entry`);
}

/** How one domain's catalog is run on its real engine (see `catalogOnRealEngine`). */
export interface CatalogOnRealEngine {
  readonly domain: AnyDomain;
  readonly spec: Record<string, unknown>;
  readonly cases: Readonly<Record<string, PerturbationCase>>;
  readonly makeEngine: () => Engine;
  /** Entries that cannot manifest on this real engine, each with its reason (asserted exactly). */
  readonly cannotManifest: Readonly<Record<string, string>>;
  readonly checkConflicts?: CheckConflicts | undefined;
  /** Entries the real engine already shows by itself (its real answer kept), each with its reason. */
  readonly alreadyReal?: Readonly<Record<string, string>> | undefined;
  /** What the rendering goes into, for the tests' names: the real screen, result or page. */
  readonly into: string;
  /** More assertions on an entry's outcome. */
  readonly alsoCheck?: ((id: string, outcome: Outcome) => void) | undefined;
}

/**
 * Registers, inside the caller's `describe`, the tests of a whole catalog on one real engine: a case for every
 * entry, each entry rendered into the real answer and shown with no check broken, and exactly the documented
 * entries not manifesting. Returns what further tests of the file read: the engine and the outcomes by entry.
 */
export function catalogOnRealEngine(run: CatalogOnRealEngine): {
  readonly engine: () => Engine;
  readonly log: AnswerLog;
  readonly outcomes: ReadonlyMap<string, Outcome>;
} {
  const log = new AnswerLog();
  let engine: Engine | undefined;
  const outcomes = new Map<string, Outcome>();
  const alreadyReal = run.alreadyReal ?? {};
  before(() => {
    engine = keepingAnswers(run.makeEngine(), log);
  });
  after(async () => {
    await engine?.close();
  });

  it('has a case for every catalog entry', () => {
    assertCasesCoverCatalog(run.domain, run.cases);
  });

  for (const { id } of run.domain.perturbations) {
    const title =
      id in alreadyReal
        ? 'already shown by the real engine, kept'
        : `rendered into the real ${run.into}, shown, no check broken`;
    it(`${id}: ${title}`, async () => {
      const testCase = run.cases[id];
      assert.ok(testCase !== undefined, `a case for ${id}`);
      assert.ok(engine !== undefined, 'the engine started');
      const outcome = await runWithPerturbation(engine, log, run.spec, id, testCase);
      outcomes.set(id, outcome);
      if (id in alreadyReal) assertShownByRealEngine(outcome);
      else if (id in run.cannotManifest)
        assert.equal(manifested(outcome), false, `${id} is listed as not manifesting`);
      else assertManifested(outcome, run.checkConflicts);
      run.alsoCheck?.(id, outcome);
    });
  }

  it('exactly the documented entries did not manifest', () => {
    const missed = run.domain.perturbations
      .map(({ id }) => id)
      .filter((id) => {
        if (id in alreadyReal) return false;
        const outcome = outcomes.get(id);
        return outcome === undefined || !manifested(outcome);
      });
    assert.deepEqual(missed, Object.keys(run.cannotManifest));
  });

  return {
    engine: () => {
      assert.ok(engine !== undefined, 'the engine started');
      return engine;
    },
    log,
    outcomes,
  };
}
