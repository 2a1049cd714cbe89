import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import { guardUntrustedText } from '../../core/untrusted-text.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { validateDemonstrationActions } from '../shared/demonstrations.js';
import { terminalActionTools } from './action-tools.js';
import { checkTerminalObservation } from './checks.js';
import { TERMINAL_DIALECTS } from './dialects/index.js';
import {
  isTerminalCompletion,
  parseTerminalAction,
  type TerminalAction,
  TerminalActionSchema,
} from './dialects/terminus/index.js';
import {
  applyTerminalTurn,
  createTerminalLedger,
  summarizeTerminalLedger,
  type TerminalLedger,
} from './ledger.js';
import { terminalPerturbations } from './perturbations.js';
import { renderTerminalAction } from './render.js';
import { resolveTerminalSetup, terminalInitialScreen } from './setup.js';
import { terminalSystemPrompt } from './system-prompt.js';

/** Validates what the terminal domain reads from a spec: `initialState.data` and demonstration actions. */
async function prepareTerminalSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  resolveTerminalSetup(spec);
  validateDemonstrationActions(spec, (action, current) => parseTerminalAction(action, current));
  return spec;
}

/** The terminal domain, Terminus dialect: keystroke batches in, pane captures out. */
export const terminalDomain: Domain<TerminalAction, TerminalLedger> = {
  id: 'terminal',
  dialects: TERMINAL_DIALECTS,
  defaultDialect: 'terminus',
  prepare: prepareTerminalSpec,
  actionSchema: () => TerminalActionSchema,
  parseAction: parseTerminalAction,
  renderAction: renderTerminalAction,
  // Section bodies sit outside any fence: guarded so no screen line can pass for prompt layout.
  turnSections: (spec, turnIndex) =>
    turnIndex === 1
      ? [{ heading: 'Current State', body: guardUntrustedText(terminalInitialScreen(spec)) }]
      : [],
  systemPrompt: terminalSystemPrompt,
  initialObservation: terminalInitialScreen,
  createLedger: createTerminalLedger,
  applyTurn: applyTerminalTurn,
  check: checkTerminalObservation,
  isCompletion: isTerminalCompletion,
  summarize: summarizeTerminalLedger,
  actionTools: terminalActionTools,
  perturbations: terminalPerturbations,
};
