import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import { AgentWorldError } from '../../core/errors.js';
import { guardUntrustedText } from '../../core/untrusted-text.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { validateDemonstrationActions } from '../shared/demonstrations.js';
import { androidActionTools } from './action-tools.js';
import {
  type AndroidAction,
  androidActionSchema,
  isAndroidCompletion,
  parseAndroidAction,
} from './actions.js';
import { checkAndroidObservation } from './checks.js';
import {
  ANDROID_DIALECTS,
  ANDROID_ELEMENT_LIST_FORMATS,
  androidDialectOf,
  DEFAULT_ANDROID_DIALECT,
  stateHeadingOf,
} from './dialects/index.js';
import { androidInitialObservation } from './initial-state.js';
import {
  type AndroidLedger,
  applyAndroidTurn,
  createAndroidLedger,
  summarizeAndroidLedger,
} from './ledger.js';
import { androidPerturbations } from './perturbations.js';
import { renderAndroidAction } from './render.js';
import { androidSystemPrompt } from './system-prompt.js';

/** Checks that every demonstration action is an action of the spec's dialect. */
async function prepareAndroidSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  const elementList = spec.initialState.data.elementList;
  if (
    elementList !== undefined &&
    !(ANDROID_ELEMENT_LIST_FORMATS as readonly unknown[]).includes(elementList)
  ) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid spec at $.initialState.data.elementList: expected ${ANDROID_ELEMENT_LIST_FORMATS.join(' or ')}`,
      { details: { path: '$.initialState.data.elementList' } },
    );
  }
  validateDemonstrationActions(spec, (action, current) => parseAndroidAction(action, current));
  return spec;
}

/**
 * The android domain: AndroidWorld JSONActions over element lists (`androidworld`), or `<invoke name="phone">`
 * calls over phone states (`phone-invoke`). Every turn prompt carries the screen the action acts on.
 */
export const androidDomain: Domain<AndroidAction, AndroidLedger> = {
  id: 'android',
  dialects: ANDROID_DIALECTS,
  defaultDialect: DEFAULT_ANDROID_DIALECT,
  prepare: prepareAndroidSpec,
  actionSchema: androidActionSchema,
  // A caller holding the ledger may pass it: the index is then checked against the current screen.
  parseAction: (input: unknown, spec: WorldSpec, ledger?: AndroidLedger) =>
    parseAndroidAction(input, spec, ledger?.screen),
  renderAction: renderAndroidAction,
  // The screen is the last observation, which may repeat what the agent typed: guarded, as it sits outside a
  // fence.
  turnSections: (spec, _turnIndex, ledger) => [
    { heading: stateHeadingOf(androidDialectOf(spec)), body: guardUntrustedText(ledger.screen) },
  ],
  systemPrompt: androidSystemPrompt,
  initialObservation: androidInitialObservation,
  createLedger: createAndroidLedger,
  applyTurn: applyAndroidTurn,
  check: checkAndroidObservation,
  isCompletion: isAndroidCompletion,
  summarize: summarizeAndroidLedger,
  actionTools: androidActionTools,
  perturbations: androidPerturbations,
};
