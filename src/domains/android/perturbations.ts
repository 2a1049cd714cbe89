import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The android domain's perturbation catalog. */
export const androidPerturbations: readonly AnyPerturbationDefinition[] = [];
