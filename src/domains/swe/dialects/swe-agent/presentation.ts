/** How SWE-agent presents an observation to its policy (the harness presentation). */
/** SWE-agent's answer when a command printed nothing (config/default.yaml next_step_no_output_template). */
export const SWE_AGENT_NO_OUTPUT = 'Your command ran successfully and did not produce any output.';

/**
 * SWE-agent's next-step message (SWE-agent/SWE-agent 3ea751c0, config/default.yaml next_step_template
 * `OBSERVATION:\n{{observation}}`); an observation that is only whitespace gets the no-output message instead.
 */
export function presentSweAgentObservation(observation: string): string {
  return observation.trim().length === 0 ? SWE_AGENT_NO_OUTPUT : `OBSERVATION:\n${observation}`;
}
