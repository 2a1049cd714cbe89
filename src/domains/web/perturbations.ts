import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The web domain's perturbation catalog. */
export const webPerturbations: readonly AnyPerturbationDefinition[] = [];
