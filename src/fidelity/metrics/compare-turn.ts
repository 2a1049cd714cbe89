import type { CheckResult } from '../../core/turn.js';
import type { DomainId } from '../../core/world-spec.js';
import { editSimilarity } from '../../shadow/similarity.js';
import type { JudgeFreeMetrics } from '../schemas.js';
import { DOMAIN_METRICS } from './domains/index.js';
import { stateChangeOf } from './state-change.js';
import type { TurnContext } from './turn-context.js';

/**
 * The judge-free metrics of one prediction against its ground truth (both already cleaned). Exact match and edit
 * similarity always; the structural match of the domain when it can parse them; the domain's checks and the
 * state-change metric when the turn's context (spec, action, ledger) is known.
 */
export function compareTurn(
  domainId: DomainId | undefined,
  context: TurnContext | undefined,
  truth: string,
  prediction: string,
): JudgeFreeMetrics {
  const metrics: JudgeFreeMetrics = {
    exact: truth === prediction,
    editSimilarity: editSimilarity(truth, prediction),
  };
  const domainMetrics = context?.metrics ?? (domainId === undefined ? undefined : DOMAIN_METRICS[domainId]);
  if (domainMetrics !== undefined) {
    const dialect = context?.dialect ?? domainMetrics.domain;
    const structural = attempt(() => domainMetrics.structural(truth, prediction, dialect));
    if (structural !== undefined) metrics.structural = structural;
  }
  if (context !== undefined) {
    const checks = checksOf(context, truth, prediction);
    if (checks !== undefined) metrics.checks = checks;
    const stateChange = attempt(() => stateChangeOf(context, truth, prediction));
    if (stateChange !== undefined) metrics.stateChange = stateChange;
  }
  return metrics;
}

/**
 * The domain's checks on the prediction, counted only where the ground truth passes them: a check the real
 * observation fails says the rebuilt context lacks something (a tool's output schema, a file's content), not that
 * the prediction is wrong. Undefined when the checks throw.
 */
function checksOf(
  context: TurnContext,
  truth: string,
  prediction: string,
): { passed: number; failed: string[] } | undefined {
  const run = (observation: string): CheckResult[] =>
    context.domain.check({
      spec: context.spec,
      turnIndex: context.turnIndex,
      action: context.action,
      ledger: context.ledgerBefore,
      observation,
    });
  const truthChecks = attempt(() => run(truth));
  const predictionChecks = attempt(() => run(prediction));
  if (truthChecks === undefined || predictionChecks === undefined) return undefined;
  const failedOnTruth = new Set(
    truthChecks.filter((check) => check.status === 'fail').map((check) => check.id),
  );
  let passed = 0;
  const failed: string[] = [];
  for (const check of predictionChecks) {
    if (failedOnTruth.has(check.id)) continue;
    if (check.status === 'pass') passed++;
    else if (check.status === 'fail' && !failed.includes(check.id)) failed.push(check.id);
  }
  return { passed, failed };
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
