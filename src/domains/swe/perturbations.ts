import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { externallyManagedPython } from './perturbations/externally-managed-python.js';
import { failingTestsPerturbation as failingTests } from './perturbations/failing-tests.js';
import { flakyTests } from './perturbations/flaky-tests.js';
import { lintFailure } from './perturbations/lint-failure.js';
import { mergeConflict } from './perturbations/merge-conflict.js';
import { missingDependency } from './perturbations/missing-dependency.js';
import { networkBlocked } from './perturbations/network-blocked.js';

export {
  externallyManagedPython,
  failingTests,
  flakyTests,
  lintFailure,
  mergeConflict,
  missingDependency,
  networkBlocked,
};

/**
 * The swe domain's perturbation catalog. Each entry tells the world model what the tool must return, renders
 * the same result deterministically in the dialect's own envelope (mini-swe-agent `<returncode>`, gemini-cli's
 * field list, Claude Code's `Exit code N` lead, SWE-agent's raw output), and checks that an observation shows it.
 */
export const swePerturbations: readonly AnyPerturbationDefinition[] = [
  failingTests,
  flakyTests,
  missingDependency,
  externallyManagedPython,
  mergeConflict,
  lintFailure,
  networkBlocked,
];
