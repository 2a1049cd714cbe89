import type { AnyPerturbationDefinition } from '../../core/perturbation.js';

/** The terminal domain's perturbation catalog. */
export const terminalPerturbations: readonly AnyPerturbationDefinition[] = [];
