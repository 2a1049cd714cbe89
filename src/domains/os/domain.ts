import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import type { TurnSection } from '../../core/messages.js';
import { guardUntrustedText } from '../../core/untrusted-text.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { validateDemonstrationActions } from '../shared/demonstrations.js';
import { osActionTools } from './action-tools.js';
import { isOsCompletion, type OsAction, osActionSchema, parseOsAction } from './actions.js';
import { checkOsObservation } from './checks.js';
import { DEFAULT_OS_DIALECT, OS_DIALECTS } from './dialects/index.js';
import { applyOsTurn, createOsLedger, type OsLedger, summarizeOsLedger } from './ledger.js';
import { osPerturbations } from './perturbations.js';
import { renderOsAction } from './render.js';
import { osInitialObservation, readOsInitialData } from './setup.js';
import { osSystemPrompt } from './system-prompt.js';

/** Validates what the os domain reads from a spec: `initialState.data` and the demonstration actions. */
async function prepareOsSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  readOsInitialData(spec);
  validateDemonstrationActions(spec, (action, current) => parseOsAction(action, current));
  return spec;
}

/**
 * Each turn shows the task (when the spec has one) and the desktop before the action. Both sit outside any fence
 * and the desktop may repeat what the agent typed, so both are guarded (untrusted-text.ts).
 */
function osTurnSections(spec: WorldSpec, _turnIndex: number, ledger: OsLedger): TurnSection[] {
  const sections: TurnSection[] = [];
  if (spec.task !== undefined && spec.task.trim() !== '') {
    sections.push({ heading: 'Task Instruction', body: guardUntrustedText(spec.task.trim()) });
  }
  sections.push({ heading: 'Current State', body: guardUntrustedText(ledger.screen) });
  return sections;
}

/** The os domain: pyautogui code or computer13 dicts in, OSWorld-style accessibility tables out. */
export const osDomain: Domain<OsAction, OsLedger> = {
  id: 'os',
  dialects: OS_DIALECTS,
  defaultDialect: DEFAULT_OS_DIALECT,
  prepare: prepareOsSpec,
  actionSchema: osActionSchema,
  parseAction: parseOsAction,
  renderAction: renderOsAction,
  turnSections: osTurnSections,
  systemPrompt: osSystemPrompt,
  initialObservation: osInitialObservation,
  createLedger: createOsLedger,
  applyTurn: applyOsTurn,
  check: checkOsObservation,
  isCompletion: isOsCompletion,
  summarize: summarizeOsLedger,
  actionTools: osActionTools,
  perturbations: osPerturbations,
};
