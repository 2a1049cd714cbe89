import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The os domain's perturbation catalog. */
export const osPerturbations: readonly AnyPerturbationDefinition[] = [];
