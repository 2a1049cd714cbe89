import type { WorldSpec } from '../core/world-spec.js';
import { findWorldQuestion } from './world-file.js';

/** What the agent of a spec is looking for, resolved against the world's questions. */
export interface ResolvedTarget {
  readonly question?: string;
  readonly answer: string;
  /** The pieces of the answer; one piece when the answer is not split. */
  readonly parts: readonly string[];
}

/**
 * The spec's target: `world.target` (its own answer, or a world question named by index or text), else the
 * world question whose text is the spec's task. Undefined when there is none.
 */
export function targetOf(spec: WorldSpec): ResolvedTarget | undefined {
  const world = spec.world;
  if (world === undefined || world.file !== undefined) return undefined;
  const target = world.target;
  if (target === undefined) {
    const matched = spec.task === undefined ? undefined : findWorldQuestion(world.questions, spec.task);
    if (matched === undefined) return undefined;
    return { question: matched.question, answer: matched.answer, parts: matched.parts ?? [matched.answer] };
  }
  const matched =
    target.question === undefined ? undefined : findWorldQuestion(world.questions, target.question);
  const answer = target.answer ?? matched?.answer;
  if (answer === undefined) return undefined;
  const parts = target.parts ?? (target.answer === undefined ? matched?.parts : undefined) ?? [answer];
  const question = typeof target.question === 'string' ? target.question : matched?.question;
  return { ...(question === undefined ? {} : { question }), answer, parts };
}
