import { createHash } from 'node:crypto';
import type { CallOptions } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { Session } from '../../session/session.js';
import {
  actionInputs,
  parseRowTurn,
  responseObservation,
  rowTurnContext,
  type TurnContext,
} from '../metrics/index.js';
import type { BenchRow } from '../schemas.js';

/** A row's evaluated turn rebuilt for a session engine: its spec, every turn's action input, the earlier truths. */
export interface RowSessionPlan {
  readonly context: TurnContext;
  /** The rebuilt spec, with room for every turn of the row. */
  readonly spec: WorldSpec;
  /** Each turn's action as the domain parses it (the form of the fenced text that parsed), oldest first. */
  readonly inputs: readonly unknown[];
  /** The ground-truth observations of the turns before the evaluated one (teacher forcing). */
  readonly earlierObservations: readonly string[];
}

/** An UNSUPPORTED failure: a row no session engine can be asked, never retried. */
export function unsupportedRow(message: string, details: Record<string, unknown> = {}): AgentWorldError {
  return new AgentWorldError('UNSUPPORTED', message, { details, retryable: false });
}

/**
 * Rebuilds a row's turn as the judge-free metrics do (`rowTurnContext`: a minimal spec, the actions parsed back by
 * the domain's dialect, the ledger over the earlier ground truth). Throws UNSUPPORTED when it cannot be rebuilt.
 */
export function planRowSession(row: BenchRow): RowSessionPlan {
  const context = rowTurnContext(row);
  if (context === undefined) {
    throw unsupportedRow(
      `Row ${row.task}:${row.id}:${row.turn_idx} cannot be rebuilt as a session turn: an unknown domain, or actions no dialect of the domain parses back.`,
      { reason: 'no_turn_context' },
    );
  }
  const spec = { ...context.spec, maxTurns: Math.max(context.spec.maxTurns, row.turn_idx) };
  const inputs = row.prompt.slice(0, row.turn_idx).map((prompt, index) => {
    for (const input of actionInputs(parseRowTurn(prompt))) {
      try {
        context.domain.parseAction(input, spec);
        return input;
      } catch {
        // Not this form: try the next.
      }
    }
    throw unsupportedRow(`Row ${row.task}:${row.id}: the action of turn ${index + 1} does not parse.`, {
      reason: 'action_unparsed',
      turn: index + 1,
    });
  });
  const earlierObservations = row.response
    .slice(0, row.turn_idx - 1)
    .map((message) => responseObservation(message));
  return { context, spec, inputs, earlierObservations };
}

/** A seed of the row alone (its key), so a sampling engine answers a row the same way on every run. */
export function rowSeed(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * The engine a row's session runs on: the turns before the evaluated one are answered with their recorded
 * observations (teacher forcing, as eval.py sends the ground-truth history), the evaluated turn by `inner`.
 */
class TeacherForcedEngine implements Engine {
  readonly id: string;
  readonly kind: Engine['kind'];
  readonly followsControlInstructions: boolean | undefined;
  readonly model: string | undefined;
  prediction: Prediction | undefined;

  constructor(
    private readonly inner: Engine,
    private readonly earlierObservations: readonly string[],
  ) {
    this.id = inner.id;
    this.kind = inner.kind;
    this.followsControlInstructions = inner.followsControlInstructions;
    this.model = inner.model;
  }

  identity(): Record<string, unknown> {
    return this.inner.identity();
  }

  async predict(request: PredictRequest, options?: CallOptions): Promise<Prediction> {
    const recorded = this.earlierObservations[request.turnIndex - 1];
    if (recorded !== undefined) {
      return {
        observation: recorded,
        provenance: { source: 'replayed', engine: 'bench-row', promptHash: request.promptHash },
        events: [],
      };
    }
    this.prediction = await this.inner.predict(request, options);
    return this.prediction;
  }

  async releaseSession(sessionId: string): Promise<void> {
    await this.inner.releaseSession?.(sessionId);
  }

  async close(): Promise<void> {
    // The inner engine serves every row; its owner closes it.
  }
}

/**
 * Answers a row's evaluated turn the way a session steps it: a Session of the rebuilt spec is reset, the earlier
 * actions are stepped with their recorded observations, then the evaluated action is stepped on `engine`. The
 * engine sees exactly the request (spec, history, prompt) a live session would send at that turn.
 */
export async function predictRowTurn(
  plan: RowSessionPlan,
  engine: Engine,
  key: string,
  options: CallOptions = {},
): Promise<Prediction> {
  const forced = new TeacherForcedEngine(engine, plan.earlierObservations);
  const session = new Session({ spec: plan.spec, domain: plan.context.domain, engine: forced });
  try {
    await session.reset({ seed: rowSeed(key), signal: options.signal });
    for (const input of plan.inputs) await session.step(input, { signal: options.signal });
  } finally {
    await session.close();
  }
  if (forced.prediction === undefined) {
    throw new AgentWorldError('ENGINE_ERROR', `The ${engine.id} engine was not asked for row ${key}.`, {
      retryable: false,
    });
  }
  return forced.prediction;
}
