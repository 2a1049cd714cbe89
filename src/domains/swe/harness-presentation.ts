/**
 * How each harness wraps a tool's result before its policy sees it (the harness presentation), kept apart from
 * the world-model format (what the environment returns). The rollout side uses these to show a policy the
 * observation as its own harness would.
 */
import type { SweDialect } from './dialects.js';

/** SWE-agent's answer when a command printed nothing (config/default.yaml next_step_no_output_template). */
export const SWE_AGENT_NO_OUTPUT = 'Your command ran successfully and did not produce any output.';

/**
 * SWE-agent's next-step message (SWE-agent/SWE-agent 3ea751c0, config/default.yaml next_step_template
 * `OBSERVATION:\n{{observation}}`); an observation that is only whitespace gets the no-output message instead.
 */
export function presentSweAgentObservation(observation: string): string {
  return observation.trim().length === 0 ? SWE_AGENT_NO_OUTPUT : `OBSERVATION:\n${observation}`;
}

/**
 * mini-swe-agent v2 shows the policy its observation template unchanged (the `<returncode>`/`<output>` text is
 * both the world-model format and the presentation).
 */
export function presentMiniSweObservation(observation: string): string {
  return observation;
}

/** The observation as the dialect's harness presents it to its policy. */
export function presentSweObservation(dialect: SweDialect, observation: string): string {
  return dialect === 'swe-agent' ? presentSweAgentObservation(observation) : observation;
}
