import type { GrammarView } from '../grammar-view.js';

/** A variable a command sets (or `unset` removes) in the session's shell when it succeeds. */
export interface VariableChange {
  readonly name: string;
  /** undefined: the variable is unset. */
  readonly value: string | undefined;
  readonly exported: boolean;
}

/** One generated command line (it may span several lines, e.g. a here-document). */
export interface CommandDraft {
  readonly text: string;
  readonly variables?: readonly VariableChange[];
}

/**
 * A named kind of command. `build` looks at the real workspace through the view and returns a command, or
 * undefined when it has nothing sensible to do in this state (the grammar then draws another family).
 */
export interface CommandFamily {
  readonly name: string;
  /** Relative frequency among the families of its grammar. */
  readonly weight: number;
  /** Families that create entries; drawn more often while the workspace is nearly empty. */
  readonly creates?: boolean;
  /** Families that may run while the shell is outside the workspace. */
  readonly anywhere?: boolean;
  build(view: GrammarView): CommandDraft | string | undefined;
}
