import type { SessionRecord } from '../../core/turn.js';
import { getDomain } from '../../domains/index.js';
import { commandFamily } from '../../shadow/report.js';
import { shadowOf } from '../../shadow/shadow-record.js';
import { judgeFreeMetrics, sessionTurnMetrics } from '../metrics/judge-free.js';
import type { InferLine } from '../schemas.js';
import type { ScoredTurn } from './scored-turn.js';

/**
 * The shadowed turns of a recorded session, each scored with the judge-free metrics: the shadow's observation
 * against the real one, with the session's own spec, action and ledger. A turn whose shadow failed is kept
 * without metrics (counted as a failure).
 */
export function scoreShadowSession(record: SessionRecord): ScoredTurn[] {
  const scored: ScoredTurn[] = [];
  let domain: ReturnType<typeof getDomain> | undefined;
  try {
    domain = getDomain(record.spec.domain);
  } catch {
    domain = undefined;
  }
  for (const turn of record.turns) {
    const comparison = shadowOf(turn);
    if (comparison === undefined) continue;
    const base = {
      source: 'shadow' as const,
      domain: record.spec.domain,
      key: `${record.id}:${turn.index}`,
      family: commandFamily(domain, record, turn),
    };
    if (comparison.observation === undefined || comparison.error !== undefined) {
      scored.push(base);
      continue;
    }
    scored.push({ ...base, metrics: sessionTurnMetrics(record, turn.index, comparison.observation) });
  }
  return scored;
}

/**
 * An infer line scored: its own `metrics` when `bench infer` computed them, else computed here from the row it
 * carries. A failed line is kept without metrics.
 */
export function scoreInferLine(line: InferLine): ScoredTurn {
  const base = {
    source: 'infer' as const,
    domain: line.task.split('/').at(-1) ?? line.task,
    key: line.key,
    ...(line.confidence === undefined ? {} : { confidence: line.confidence }),
  };
  if (line.failed) return base;
  return { ...base, metrics: line.metrics ?? judgeFreeMetrics(line, line.prediction) };
}
