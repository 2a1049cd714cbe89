import type { z } from 'zod';
import type { FinalAnswerVerifierSchema } from '../task-schema.js';
import { quote, regexProblem, result, type Verifier } from './types.js';

type FinalAnswerVerifier = z.infer<typeof FinalAnswerVerifierSchema>;

const NUMBER = /[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/;

/** The first number in a text (thousands separators dropped), or undefined. */
export function firstNumber(text: string): number | undefined {
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const value = Number(match[0].replaceAll(',', ''));
  return Number.isFinite(value) ? value : undefined;
}

const normalise = (text: string, caseSensitive: boolean): string => {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? trimmed : trimmed.toLowerCase();
};

/** Whether an answer matches: exact (whitespace-normalised), numeric (first number, tolerance), regex, contains. */
export function answerMatches(verifier: FinalAnswerVerifier, answer: string): boolean {
  switch (verifier.match) {
    case 'exact':
      return (
        normalise(answer, verifier.caseSensitive) === normalise(verifier.expected, verifier.caseSensitive)
      );
    case 'contains':
      return normalise(answer, verifier.caseSensitive).includes(
        normalise(verifier.expected, verifier.caseSensitive),
      );
    case 'regex':
      return new RegExp(verifier.expected, verifier.caseSensitive ? '' : 'i').test(answer);
    case 'numeric': {
      const expected = firstNumber(verifier.expected);
      const got = firstNumber(answer);
      return expected !== undefined && got !== undefined && Math.abs(got - expected) <= verifier.tolerance;
    }
  }
}

export const finalAnswerVerifier: Verifier<FinalAnswerVerifier> = {
  type: 'final-answer',
  domains: ['terminal', 'swe', 'mcp', 'search', 'web', 'android', 'os'],
  problem(verifier) {
    if (verifier.match === 'regex') return regexProblem('expected', verifier.expected);
    if (verifier.match === 'numeric' && firstNumber(verifier.expected) === undefined) {
      return `expected ${quote(verifier.expected)} holds no number`;
    }
    return undefined;
  },
  async verify(verifier, context) {
    const answer = context.finalAnswer;
    if (answer === undefined || answer.trim() === '') {
      return result(verifier, 0, 'the agent gave no final answer');
    }
    const ok = answerMatches(verifier, answer);
    const how = verifier.match === 'numeric' ? `numeric ±${verifier.tolerance}` : verifier.match;
    return result(
      verifier,
      ok ? 1 : 0,
      `${ok ? 'matches' : 'does not match'} (${how}) ${quote(verifier.expected)}: answer ${quote(answer)}`,
    );
  },
};
