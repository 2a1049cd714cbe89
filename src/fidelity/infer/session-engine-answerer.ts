import type { Engine } from '../../core/engine.js';
import { type BenchRow, rowKey } from '../schemas.js';
import type { RawGeneration, RowAnswerer } from './answerer.js';
import { planRowSession, predictRowTurn, type RowSessionPlan } from './row-session.js';

export interface SessionEngineAnswererOptions {
  readonly manifest: RowAnswerer['manifest'];
  /**
   * The engine that answers a rebuilt row; throws UNSUPPORTED (see `unsupportedRow`) for a row it cannot answer
   * (another domain, a spec it refuses), before anything is sent.
   */
  engineFor(plan: RowSessionPlan, row: BenchRow): Engine;
  /** Frees the engines (called once, by whoever created the answerer). */
  close(): Promise<void>;
  notices?(): readonly string[];
}

/**
 * A RowAnswerer for any session engine (`local`; `hybrid` once it exists): each row is rebuilt as a session turn
 * (`planRowSession`) and stepped through a Session with the earlier turns teacher-forced (`predictRowTurn`); the
 * reference's messages are not used. The engine's observation is the generation, usage and finish reason as it
 * reports them. Rows that cannot be rebuilt, or that the engine does not cover, fail UNSUPPORTED, never retried.
 */
export function createSessionEngineAnswerer(options: SessionEngineAnswererOptions): RowAnswerer {
  return {
    manifest: options.manifest,
    async answer(row, _messages, callOptions): Promise<RawGeneration> {
      const plan = planRowSession(row);
      const engine = options.engineFor(plan, row);
      const prediction = await predictRowTurn(plan, engine, rowKey(row), callOptions);
      return {
        content: prediction.observation,
        ...(prediction.reasoning === undefined ? {} : { reasoning: prediction.reasoning }),
        ...(prediction.finishReason === undefined ? {} : { finishReason: prediction.finishReason }),
        ...(prediction.usage === undefined ? {} : { usage: prediction.usage }),
        ...(prediction.provenance.answeredBy === undefined
          ? {}
          : { answeredBy: prediction.provenance.answeredBy }),
      };
    },
    notices: () => options.notices?.() ?? [],
    close: () => options.close(),
  };
}
