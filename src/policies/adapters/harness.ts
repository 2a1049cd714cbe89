/**
 * The agent-prompts harnesses (written for agent-SFT export over recorded sessions) reused for live episodes:
 * a session record is made from the spec, the task and the first observation, so the policy gets exactly the
 * opening an exported trajectory starts with.
 */
import type { SessionRecord, Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { type AgentHarness, agentHarnessFor } from '../../export/agent-prompts/index.js';

/** The export harness of the spec's dialect, opening on `initialObservation` with `instruction` as the task. */
export function exportHarness(
  spec: WorldSpec,
  instruction: string,
  initialObservation: string,
): AgentHarness {
  const record = {
    format: 'agentworld.session',
    version: 1,
    id: 'policy-episode',
    createdAt: new Date(0).toISOString(),
    seed: spec.seed ?? 0,
    spec: { ...spec, task: instruction },
    systemPrompt: '',
    initialObservation,
    turns: [],
    closed: false,
    labels: {},
  } as unknown as SessionRecord;
  return agentHarnessFor(record);
}

/** A turn as far as a harness's `observe` reads it (the action that led to the observation, and the observation). */
export function liveTurn(index: number, action: unknown, observation: string): Turn {
  return { index, action, observation } as unknown as Turn;
}

/** The tools section the function-calling layout appends to a system prompt (sent as `tools` instead). */
const TOOLS_SECTION = '\n\n# Tools\n';

/** A function-calling harness's system message without its `<tools>` section (the tools go as definitions). */
export function withoutToolsSection(system: string | undefined): string | undefined {
  if (system === undefined) return undefined;
  const at = system.indexOf(TOOLS_SECTION);
  return at === -1 ? system : system.slice(0, at);
}
