import { anySignal, type CallOptions } from '../core/abort.js';
import type { AnyDomain } from '../core/domain.js';
import {
  type Engine,
  followsControlInstructions,
  type Prediction,
  type PredictRequest,
} from '../core/engine.js';
import { toAgentWorldError } from '../core/errors.js';
import type { CheckResult, ShadowComparison, Turn } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { type DiffLimits, diffKindFor, diffObservations } from './observation-diff.js';
import { SHADOW_EVENT, shadowEventMessage } from './shadow-record.js';
import { editSimilarity } from './similarity.js';

export interface ShadowEngineOptions {
  /** The engine whose observation the agent sees (usually `real`). */
  readonly primary: Engine;
  /** The engine run beside it on the same requests (usually a world model); never seen by the agent. */
  readonly shadow: Engine;
  /** The domain whose checks run on the shadow's observations; default: the domain of each request's spec. */
  readonly domain?: AnyDomain | undefined;
  /** Bounds of the recorded diff. */
  readonly diff?: DiffLimits | undefined;
}

/** The ledger of a session after its first `turns` turns, kept so each step applies only the newest turn. */
interface LedgerMemo {
  readonly last: Turn | undefined;
  readonly turns: number;
  readonly ledger: unknown;
}

/**
 * Shadow mode: answers every request with the primary engine and runs the shadow engine on the same request at
 * the same time (both get the caller's AbortSignal). The prediction is the primary's — observation, provenance,
 * events — plus the comparison (`Prediction.shadow`, which the session keeps as the turn's typed `shadow` field;
 * see `ShadowComparison`): the shadow's observation, the domain's checks on it, exact match, edit similarity and a
 * bounded structural diff, and one `shadow` event with a one-line summary. A shadow that fails is recorded as such
 * and never fails the turn; a primary that fails fails it (and stops the shadow).
 *
 * @example
 * const engine = new ShadowEngine({ primary: createRealTerminalEngine(), shadow: lwmEngine });
 * const env = await createEnv(spec, { engine });
 */
export class ShadowEngine implements Engine {
  readonly id = 'shadow';
  readonly primary: Engine;
  readonly shadow: Engine;
  private readonly domain: AnyDomain | undefined;
  private readonly diffLimits: DiffLimits;
  private readonly ledgers = new Map<string, LedgerMemo>();

  constructor(options: ShadowEngineOptions) {
    this.primary = options.primary;
    this.shadow = options.shadow;
    this.domain = options.domain;
    this.diffLimits = options.diff ?? {};
  }

  get kind(): Engine['kind'] {
    return this.primary.kind;
  }

  get followsControlInstructions(): boolean {
    return followsControlInstructions(this.primary);
  }

  get model(): string | undefined {
    return this.primary.model;
  }

  identity(): Record<string, unknown> {
    return { engine: 'shadow', primary: this.primary.identity(), shadow: this.shadow.identity() };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    const shadowReady = Promise.resolve(this.shadow.prepare?.(spec, options)).catch(() => undefined);
    try {
      await this.primary.prepare?.(spec, options);
    } finally {
      // A shadow that cannot simulate the spec fails on each turn, where its failure is recorded.
      await shadowReady;
    }
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    const stopShadow = new AbortController();
    const shadowSignal = anySignal([options.signal, stopShadow.signal]);
    const shadowStarted = performance.now();
    const shadowRun = this.shadow.predict(request, { signal: shadowSignal }).then(
      (prediction) => ({ prediction, engineMs: performance.now() - shadowStarted }),
      (error: unknown) => ({ error: toAgentWorldError(error), engineMs: performance.now() - shadowStarted }),
    );
    let primary: Prediction;
    try {
      primary = await this.primary.predict(request, options);
    } catch (error) {
      stopShadow.abort(new Error('the primary engine failed'));
      await shadowRun;
      throw error;
    }
    const outcome = await shadowRun;
    const comparison =
      'prediction' in outcome
        ? this.compare(request, primary, outcome.prediction, outcome.engineMs)
        : {
            engine: this.shadow.id,
            error: { code: outcome.error.code, message: outcome.error.message },
            checks: [],
            exactMatch: false,
            similarity: 0,
            engineMs: outcome.engineMs,
          };
    return {
      ...primary,
      events: [...primary.events, { type: SHADOW_EVENT, message: shadowEventMessage(comparison) }],
      shadow: comparison,
    };
  }

  async releaseSession(sessionId: string): Promise<void> {
    this.ledgers.delete(sessionId);
    const results = await Promise.allSettled([
      this.primary.releaseSession?.(sessionId),
      this.shadow.releaseSession?.(sessionId),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  async close(): Promise<void> {
    this.ledgers.clear();
    const results = await Promise.allSettled([this.primary.close(), this.shadow.close()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private compare(
    request: PredictRequest,
    primary: Prediction,
    shadow: Prediction,
    engineMs: number,
  ): ShadowComparison {
    const domain = this.domain ?? getDomain(request.spec.domain);
    const checks: CheckResult[] = [
      ...safeChecks(() =>
        domain.check({
          spec: request.spec,
          turnIndex: request.turnIndex,
          action: request.action,
          ledger: this.ledgerBefore(domain, request),
          observation: shadow.observation,
          rawResult: shadow.rawResult,
        }),
      ),
      ...(shadow.checks ?? []),
    ];
    const exactMatch = primary.observation === shadow.observation;
    return {
      engine: this.shadow.id,
      provenance: shadow.provenance,
      observation: shadow.observation,
      checks,
      exactMatch,
      similarity: editSimilarity(primary.observation, shadow.observation),
      diff: diffObservations(
        diffKindFor(request.spec.domain),
        primary.observation,
        shadow.observation,
        this.diffLimits,
      ),
      engineMs,
    };
  }

  /** The domain ledger before the requested turn, built from the history (only new turns are applied). */
  private ledgerBefore(domain: AnyDomain, request: PredictRequest): unknown {
    const history = request.history;
    const memo = this.ledgers.get(request.sessionId);
    let turns = 0;
    let ledger = domain.createLedger(request.spec);
    if (memo !== undefined && memo.turns <= history.length && history[memo.turns - 1] === memo.last) {
      turns = memo.turns;
      ledger = memo.ledger;
    }
    for (; turns < history.length; turns++) {
      const turn = history[turns] as Turn;
      ledger = domain.applyTurn(ledger, turn.action, turn.observation, request.spec);
    }
    this.ledgers.set(request.sessionId, { last: history.at(-1), turns, ledger });
    return ledger;
  }
}

/** Checks that throw on an odd observation are recorded as a failed check, never as a failed turn. */
function safeChecks(run: () => CheckResult[]): CheckResult[] {
  try {
    return run();
  } catch (error) {
    return [
      { id: 'shadow:checks', status: 'fail', message: `checks threw: ${toAgentWorldError(error).message}` },
    ];
  }
}
