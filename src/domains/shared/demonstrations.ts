import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';

/**
 * Parses every demonstration action with the domain's own parser, so a spec whose examples the domain would
 * refuse is INVALID_SPEC at load time, naming the demonstration, turn and field (`$.demonstrations[0].turns[2]
 * .action.arguments`).
 */
export function validateDemonstrationActions(
  spec: WorldSpec,
  parseAction: (action: unknown, spec: WorldSpec) => unknown,
): void {
  spec.demonstrations.forEach((demonstration, demoIndex) => {
    demonstration.turns.forEach((turn, turnIndex) => {
      try {
        parseAction(turn.action, spec);
      } catch (error) {
        const inner =
          isAgentWorldError(error) && typeof error.details.path === 'string' ? error.details.path : '$';
        const path = `$.demonstrations[${demoIndex}].turns[${turnIndex}].action${inner.slice(1)}`;
        throw new AgentWorldError(
          'INVALID_SPEC',
          `Invalid WorldSpec at ${path}: ${error instanceof Error ? error.message : String(error)}`,
          { details: { path }, cause: error },
        );
      }
    });
  });
}
