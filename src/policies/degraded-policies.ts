/**
 * Scripted policies of known, clearly different quality, for sim-vs-real agreement runs and smoke tests:
 *   solution  every action of the task's known solution, then its answer (SolutionPolicy);
 *   partial   only the first ⌊fraction × n⌋ of the solution's n actions (half by default), and no answer;
 *   noop      ends at once: no action, no answer.
 * All three are deterministic, so on an honest simulator they rank solution ≥ partial ≥ noop, as on the real
 * engine. How far apart partial lands depends on the task: a solution whose tail only confirms completion
 * (Terminus' two `task_complete` replies) is often done by its first half; a smaller fraction cuts deeper.
 */
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';
import { SolutionPolicy } from './solution-policy.js';

/** A policy under another id (the id a run's episodes are recorded under), otherwise the same policy. */
export function withPolicyId(policy: Policy, id: string): Policy {
  return {
    id,
    decide: (turn, options) => policy.decide(turn, options),
    messages: () => policy.messages(),
  };
}

/** Ends every episode at its first decision: no action, no answer. */
export class NoopPolicy implements Policy {
  readonly id = 'noop';
  private readonly played: Record<string, unknown>[] = [];

  async decide(turn: PolicyTurn, options: CallOptions = {}): Promise<PolicyDecision> {
    throwIfAborted(options.signal);
    this.played.push({ role: 'user', content: turn.invalidActionError ?? turn.observation });
    this.played.push({ role: 'assistant', content: '' });
    return { reply: '', done: true };
  }

  messages(): readonly Record<string, unknown>[] {
    return this.played;
  }
}

/** The default share of the solution a partial policy plays. */
export const DEFAULT_PARTIAL_FRACTION = 0.5;

/** The prefix of a solution a partial policy plays: its first ⌊fraction × n⌋ actions. */
export function partialPrefix(actions: readonly unknown[], fraction: number): readonly unknown[] {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `A partial policy plays a share of the solution between 0 and 1, got ${fraction}.`,
    );
  }
  return actions.slice(0, Math.floor(actions.length * fraction));
}

/** Plays the first ⌊fraction × n⌋ actions of a solution, then stops without an answer. Id `partial`. */
export function partialSolutionPolicy(
  actions: readonly unknown[],
  fraction: number = DEFAULT_PARTIAL_FRACTION,
): Policy {
  return withPolicyId(new SolutionPolicy(partialPrefix(actions, fraction), undefined), 'partial');
}

/** The known solution of the task an episode runs (its actions and final answer). */
export type SolutionOf = (
  spec: Parameters<PolicyFactory>[0],
  instruction: string,
) => { readonly actions: readonly unknown[]; readonly answer?: string | undefined };

/** A factory of noop policies. */
export function noopPolicyFactory(): PolicyFactory {
  return () => new NoopPolicy();
}

/** A factory of partial policies over each task's solution. */
export function partialPolicyFactory(
  solutionOf: SolutionOf,
  fraction: number = DEFAULT_PARTIAL_FRACTION,
): PolicyFactory {
  partialPrefix([], fraction);
  return (spec, instruction) => partialSolutionPolicy(solutionOf(spec, instruction).actions, fraction);
}
