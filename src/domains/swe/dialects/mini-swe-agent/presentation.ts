/** How mini-swe-agent presents an observation to its policy (the harness presentation). */

/**
 * mini-swe-agent v2 shows the policy its observation template unchanged (the `<returncode>`/`<output>` text is
 * both the world-model format and the presentation).
 */
export function presentMiniSweObservation(observation: string): string {
  return observation;
}
