import { throwIfAborted } from '../core/abort.js';
import type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';

/**
 * Plays a task's known solution, action by action, in the world's own dialect (no adapter: the actions are the
 * ones the task file holds), then ends with the solution's final answer. For smoke runs of a task set and for
 * checking a rollout set-up end to end; its "conversation" is the actions themselves.
 */
export class SolutionPolicy implements Policy {
  readonly id = 'solution';
  private readonly played: Record<string, unknown>[] = [];

  constructor(
    private readonly actions: readonly unknown[],
    private readonly finalAnswer?: string | undefined,
  ) {}

  async decide(turn: PolicyTurn, options: { signal?: AbortSignal } = {}): Promise<PolicyDecision> {
    throwIfAborted(options.signal);
    this.played.push({ role: 'user', content: turn.invalidActionError ?? turn.observation });
    const action = this.actions[turn.step];
    if (action === undefined) {
      const reply = this.finalAnswer ?? '';
      this.played.push({ role: 'assistant', content: reply });
      return {
        reply,
        done: true,
        ...(this.finalAnswer === undefined ? {} : { finalAnswer: this.finalAnswer }),
      };
    }
    const reply = typeof action === 'string' ? action : JSON.stringify(action);
    this.played.push({ role: 'assistant', content: reply });
    const last = turn.step === this.actions.length - 1;
    return {
      action,
      reply,
      done: last,
      ...(last && this.finalAnswer !== undefined ? { finalAnswer: this.finalAnswer } : {}),
    };
  }

  messages(): readonly Record<string, unknown>[] {
    return this.played;
  }
}

/** A factory of solution policies, one per episode, from the solution of each task (looked up by instruction). */
export function solutionPolicyFactory(
  solutionOf: (instruction: string) => {
    readonly actions: readonly unknown[];
    readonly answer?: string | undefined;
  },
): PolicyFactory {
  return (_spec, instruction) => {
    const { actions, answer } = solutionOf(instruction);
    return new SolutionPolicy(actions, answer);
  };
}
