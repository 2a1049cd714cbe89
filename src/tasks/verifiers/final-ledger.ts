import { getDomain } from '../../domains/index.js';
import type { VerifyContext } from '../scoring.js';

const cache = new WeakMap<VerifyContext['record'], unknown>();

/**
 * The domain's own ledger after the episode (not only its JSON summary, which leaves file contents out),
 * rebuilt deterministically from the recorded actions and observations as `Session.fromRecord` does.
 */
export function finalLedger(context: VerifyContext): unknown {
  const cached = cache.get(context.record);
  if (cached !== undefined) return cached;
  const domain = getDomain(context.spec.domain);
  let ledger = domain.createLedger(context.spec);
  for (const turn of context.record.turns) {
    ledger = domain.applyTurn(ledger, turn.action, turn.observation, context.spec);
  }
  cache.set(context.record, ledger);
  return ledger;
}
