import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The search domain's perturbation catalog. */
export const searchPerturbations: readonly AnyPerturbationDefinition[] = [];
