import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The mcp domain's perturbation catalog. */
export const mcpPerturbations: readonly AnyPerturbationDefinition[] = [];
