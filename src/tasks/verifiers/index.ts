import type { WorldSpec } from '../../core/world-spec.js';
import type { VerifierSpec, VerifierType } from '../task-schema.js';
import { fileContentVerifier } from './file-content.js';
import { finalAnswerVerifier } from './final-answer.js';
import { pageReachedVerifier } from './page-reached.js';
import { realCheckVerifier } from './real-check.js';
import { rubricVerifier } from './rubric.js';
import { toolCalledVerifier } from './tool-called.js';
import type { Verifier } from './types.js';

export { answerMatches, firstNumber } from './final-answer.js';
export { finalLedger } from './final-ledger.js';
export { checkAction, exitStatusOf, runRealCheck } from './real-check.js';
export { judgeTrajectory, parseJudgeReply, rubricPrompt } from './rubric.js';
export type { JudgeSettings, Verifier, VerifierOptions } from './types.js';

/** Every verifier type, by its `type`. */
export const VERIFIERS: Readonly<Record<VerifierType, Verifier>> = {
  'file-content': fileContentVerifier as Verifier,
  'tool-called': toolCalledVerifier as Verifier,
  'final-answer': finalAnswerVerifier as Verifier,
  'page-reached': pageReachedVerifier as Verifier,
  'real-check': realCheckVerifier as Verifier,
  rubric: rubricVerifier as Verifier,
};

export function verifierFor(type: VerifierType): Verifier {
  return VERIFIERS[type];
}

/** Why a verifier cannot be evaluated in a world (its domain, a bad regex …), or undefined when it can. */
export function verifierProblem(verifier: VerifierSpec, spec: WorldSpec): string | undefined {
  const implementation = VERIFIERS[verifier.type];
  if (!implementation.domains.includes(spec.domain)) {
    return `cannot be evaluated on a ${spec.domain} world (it can on ${implementation.domains.join(', ')})`;
  }
  return implementation.problem?.(verifier, spec);
}
