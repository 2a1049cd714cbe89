import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { validateDemonstrationActions } from '../shared/demonstrations.js';
import { sweActionTools } from './action-tools.js';
import { isSweCompletion, parseSweAction, type SweAction, sweActionSchema } from './actions.js';
import { checkSweObservation } from './checks.js';
import { DEFAULT_SWE_DIALECT, SWE_DIALECTS, sweDialectOf } from './dialects/index.js';
import { readSweInitialData } from './initial-data.js';
import { applySweTurn, createSweLedger, type SweLedger, summarizeSweLedger } from './ledger.js';
import { swePerturbations } from './perturbations.js';
import { renderSweAction } from './render.js';
import { sweSystemPrompt } from './system-prompt.js';

/** Validates what the swe domain reads from a spec: dialect, initial data and demonstration actions. */
async function prepareSweSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  sweDialectOf(spec);
  readSweInitialData(spec);
  validateDemonstrationActions(spec, (action, current) => parseSweAction(action, current));
  return spec;
}

/** What the agent sees after reset: the spec's initial text, or where the repository is. */
export function sweInitialObservation(spec: WorldSpec): string {
  const text = spec.initialState.text;
  if (text !== undefined && text.trim().length > 0) return text;
  return `Working directory: ${readSweInitialData(spec).cwd}`;
}

/** The swe domain: coding-agent tool calls (Claude Code, Gemini CLI, mini-swe-agent, SWE-agent). */
export const sweDomain: Domain<SweAction, SweLedger> = {
  id: 'swe',
  dialects: SWE_DIALECTS,
  defaultDialect: DEFAULT_SWE_DIALECT,
  prepare: prepareSweSpec,
  actionSchema: sweActionSchema,
  parseAction: parseSweAction,
  renderAction: renderSweAction,
  turnSections: () => [],
  systemPrompt: sweSystemPrompt,
  initialObservation: sweInitialObservation,
  createLedger: createSweLedger,
  applyTurn: applySweTurn,
  check: checkSweObservation,
  isCompletion: isSweCompletion,
  summarize: summarizeSweLedger,
  actionTools: sweActionTools,
  perturbations: swePerturbations,
};
