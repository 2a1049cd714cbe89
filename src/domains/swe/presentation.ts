/**
 * How each harness wraps a tool's result before its policy sees it (the harness presentation), kept apart from
 * the world-model format (what the environment returns). The rollout side uses these to show a policy the
 * observation as its own harness would.
 */
import type { SweDialect } from './dialects/index.js';
import { presentSweAgentObservation } from './dialects/swe-agent/index.js';

/** The observation as the dialect's harness presents it to its policy. */
export function presentSweObservation(dialect: SweDialect, observation: string): string {
  return dialect === 'swe-agent' ? presentSweAgentObservation(observation) : observation;
}
