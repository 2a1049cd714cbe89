import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import { guardUntrustedText } from '../../core/untrusted-text.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { validateDemonstrationActions } from '../shared/demonstrations.js';
import { webActionTools } from './action-tools.js';
import { isWebCompletion, parseWebAction, type WebAction, webActionSchema } from './actions.js';
import { checkWebObservation } from './checks.js';
import { DEFAULT_WEB_DIALECT, WEB_DIALECTS } from './dialects/index.js';
import { webInitialObservation } from './initial-state.js';
import { applyWebTurn, createWebLedger, summarizeWebLedger, type WebLedger } from './ledger.js';
import { webPerturbations } from './perturbations.js';
import { renderWebAction } from './render.js';
import { webSystemPrompt } from './system-prompt.js';

/** Checks that every demonstration action is an action of the spec's dialect. */
async function prepareWebSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  validateDemonstrationActions(spec, (action, current) => parseWebAction(action, current));
  return spec;
}

/**
 * The web domain: BrowserGym Python actions over accessibility-tree text (`browsergym`), or Playwright MCP tool
 * calls over ARIA snapshots (`playwright-mcp`). Every turn prompt carries the page the action acts on.
 */
export const webDomain: Domain<WebAction, WebLedger> = {
  id: 'web',
  dialects: WEB_DIALECTS,
  defaultDialect: DEFAULT_WEB_DIALECT,
  prepare: prepareWebSpec,
  actionSchema: webActionSchema,
  // A bid or ref the current page lacks is not refused: the real harnesses run the action and report the missing
  // element as the observation (checks.ts `ref-exists`).
  parseAction: (input: unknown, spec: WorldSpec) => parseWebAction(input, spec),
  renderAction: renderWebAction,
  // The page is the last observation, which may repeat what the agent typed: guarded, as it sits outside a fence.
  turnSections: (_spec, _turnIndex, ledger) => [
    { heading: 'Current State', body: guardUntrustedText(ledger.page) },
  ],
  systemPrompt: webSystemPrompt,
  initialObservation: webInitialObservation,
  createLedger: createWebLedger,
  applyTurn: applyWebTurn,
  check: checkWebObservation,
  isCompletion: isWebCompletion,
  summarize: summarizeWebLedger,
  actionTools: webActionTools,
  perturbations: webPerturbations,
};
