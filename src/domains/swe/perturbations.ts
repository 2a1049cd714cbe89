import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The swe domain's perturbation catalog. */
export const swePerturbations: readonly AnyPerturbationDefinition[] = [];
