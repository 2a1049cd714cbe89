import { z } from 'zod';
import type { WorldSpec } from './world-spec.js';

const TurnNumberSchema = z.number().int().positive();

/**
 * When a perturbation rule fires. Every condition given must hold; a rule with no `when` (or one holding only
 * `probability`) is trajectory-level: it is drawn once per episode and stated in the system prompt at reset.
 */
export const PerturbationWhenSchema = z
  .object({
    /** Fire on this turn (or these turns) only. */
    turn: z.union([TurnNumberSchema, z.array(TurnNumberSchema).min(1)]).optional(),
    /** Fire only when the action uses this tool (or one of these): an MCP/search tool, a shell command, a GUI action type. */
    tool: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Fire only when the rendered action text matches this regular expression. */
    match: z
      .string()
      .min(1)
      .max(500)
      .refine((source) => isValidRegex(source), 'not a valid regular expression')
      .optional(),
    /** Chance in [0, 1] that the rule fires when its other conditions hold, drawn from the session's seed. */
    probability: z.number().min(0).max(1).optional(),
    /** Fire every N turns, counting from `from` (default turn 1). */
    every: TurnNumberSchema.optional(),
    /** First turn the rule may fire on (inclusive). */
    from: TurnNumberSchema.optional(),
    /** Last turn the rule may fire on (inclusive). */
    until: TurnNumberSchema.optional(),
  })
  .strict()
  .refine((when) => when.from === undefined || when.until === undefined || when.from <= when.until, {
    message: '`from` must not be after `until`',
  });
export type PerturbationWhen = z.infer<typeof PerturbationWhenSchema>;

/** One rule of a WorldSpec's `perturbations`: which perturbation, with which parameters, and when. */
export const PerturbationRuleSchema = z
  .object({
    /** A label of your own for this rule, shown in events and reports (default: `rule-<index>`). */
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" and "-" only')
      .optional(),
    /** The catalog id of the perturbation in the spec's domain (`agentworld perturbations DOMAIN`). */
    perturbation: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    when: PerturbationWhenSchema.optional(),
  })
  .strict();
export type PerturbationRule = z.infer<typeof PerturbationRuleSchema>;
export type PerturbationRuleInput = z.input<typeof PerturbationRuleSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** What a perturbation sees when it writes its instruction (turn 0 = at reset, for trajectory-level rules). */
export interface PerturbationContext<Action = unknown> {
  readonly spec: WorldSpec;
  /** The session's seed: a perturbation that varies (a flaky test) draws from it with `seededUniform`. */
  readonly seed: number;
  readonly turnIndex: number;
  /** The validated action of this turn; undefined at reset. */
  readonly action?: Action | undefined;
  /** The action as rendered for the world model (fence included); empty at reset. */
  readonly actionText: string;
  /** The tools, commands or GUI action types the action uses (see `Domain.actionTools`). */
  readonly tools: readonly string[];
}

/** What a perturbation sees once the observation exists. */
export interface ObservationContext<Action = unknown> extends PerturbationContext<Action> {
  readonly observation: string;
}

/**
 * One entry of a domain's perturbation catalog: a failure or condition the simulated world can be told to show.
 * `instruction` is what a world model is told; `render` is the deterministic version used when the engine cannot
 * follow instructions (`real`, `replay`); `manifested` is the check that the observation shows it.
 */
export interface PerturbationDefinition<Params extends Record<string, unknown> = Record<string, unknown>> {
  /** Kebab-case, unique within the domain (e.g. `disk-full`). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The parameters with their defaults; validated when a spec is loaded. */
  readonly params: z.ZodType<Params>;
  /**
   * The domain checks (by check id, each with the reason) that this perturbation's manifestation legitimately
   * breaks: a result it reshapes on purpose no longer fits the tool's declared outputSchema, say. On every turn
   * where the perturbation is injected — rendered deterministically or instructed to a world model — the session
   * reports these checks as `skip`, with a message naming the perturbation, its rule and this reason, instead of
   * their verdict (see `SessionControl.overrideChecks`). Never used to hide a check that merely could fail.
   */
  readonly overridesChecks?: Readonly<Record<string, string>>;
  /**
   * Whether the condition can show on this turn's action (e.g. a full disk only shows when something is
   * written). A trajectory-level rule is labelled and checked only on turns where this holds. Default: always.
   */
  appliesTo?(params: Params, context: PerturbationContext): boolean;
  /** The control instruction handed to the world model, in plain words. */
  instruction(params: Params, context: PerturbationContext): string;
  /** The observation a `real` or `replay` engine shows instead of (or around) the observation it produced. */
  render(params: Params, context: ObservationContext): string;
  /** Whether the observation shows the perturbation (e.g. the ENOSPC message appears). */
  manifested(params: Params, context: ObservationContext): boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: a catalog holds definitions of every parameter type.
export type AnyPerturbationDefinition = PerturbationDefinition<any>;

/** Types a definition's params from its schema, so catalogs stay short. */
export function definePerturbation<Params extends Record<string, unknown>>(
  definition: PerturbationDefinition<Params>,
): PerturbationDefinition<Params> {
  return definition;
}
