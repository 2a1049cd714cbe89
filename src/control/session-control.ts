import type { AnyDomain } from '../core/domain.js';
import { seededUniform } from '../core/seeded-random.js';
import type { CheckResult, SessionEvent } from '../core/turn.js';
import { guardUntrustedText } from '../core/untrusted-text.js';
import type { WorldSpec } from '../core/world-spec.js';
import { perturbationContext } from './perturbation-context.js';
import { type ResolvedRule, resolveRules } from './resolve-rules.js';

/** A perturbation planned for one turn: a firing turn-level rule, or a trajectory-level one in force. */
export interface Injection {
  readonly rule: ResolvedRule;
  /** The instruction for this turn's user message; undefined for trajectory-level rules (stated at reset). */
  readonly instruction: string | undefined;
}

/** The facts about a turn that rules are matched against. */
export interface TurnFacts {
  readonly seed: number;
  readonly turnIndex: number;
  readonly action: unknown;
  /** The action as rendered for the world model (fence included). */
  readonly actionText: string;
}

/** The observation after control: possibly rendered, with the checks and events of every injection. */
export interface ControlledObservation {
  readonly observation: string;
  readonly checks: CheckResult[];
  readonly events: SessionEvent[];
}

export const SYSTEM_CONDITIONS_HEADING = '## Conditions in Force for This Session';
export const TURN_CONTROL_HEADING = '**Simulation Control:**';

/**
 * The control module as one session sees it: the spec's rules resolved against the domain's catalog, turned
 * into system-prompt conditions at reset and per-turn instructions, and, after the engine answered, into
 * labels (events), manifestation checks and — for engines that cannot follow instructions — deterministic
 * renderings (see `Engine.followsControlInstructions`). Stateless apart from the resolved rules: every draw is a pure function of the seed.
 */
export class SessionControl {
  readonly rules: readonly ResolvedRule[];

  constructor(
    private readonly spec: WorldSpec,
    private readonly domain: AnyDomain,
  ) {
    this.rules = resolveRules(spec.perturbations, domain);
  }

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  /** Trajectory-level rules in force for this seed (a `probability` is drawn once per episode). */
  trajectoryRules(seed: number): ResolvedRule[] {
    return this.rules.filter(
      (rule) =>
        rule.level === 'trajectory' &&
        (rule.when.probability === undefined ||
          seededUniform(seed, 'episode', rule.index) < rule.when.probability),
    );
  }

  /** The system prompt with the conditions in force for this episode appended (unchanged when none). */
  systemPrompt(base: string, seed: number): string {
    const rules = this.trajectoryRules(seed);
    if (rules.length === 0) return base;
    const context = perturbationContext(this.domain, this.spec, { seed, turnIndex: 0 });
    const lines = rules.map((rule) => `- ${rule.definition.instruction(rule.params, context)}`);
    const separator = base.length === 0 ? '' : '\n\n';
    return `${base}${separator}${SYSTEM_CONDITIONS_HEADING}\nKeep these conditions in every observation they can affect, for the whole session:\n${lines.join('\n')}`;
  }

  /** What is injected on this turn. */
  planTurn(facts: TurnFacts): Injection[] {
    if (this.rules.length === 0) return [];
    const context = perturbationContext(this.domain, this.spec, facts);
    const tools = context.tools;
    const injections: Injection[] = [];
    const inForce = new Set(this.trajectoryRules(facts.seed));
    for (const rule of this.rules) {
      const applies = rule.definition.appliesTo?.(rule.params, context) ?? true;
      if (rule.level === 'trajectory') {
        if (inForce.has(rule) && applies) injections.push({ rule, instruction: undefined });
        continue;
      }
      if (!applies || !this.fires(rule, facts, tools)) continue;
      injections.push({ rule, instruction: rule.definition.instruction(rule.params, context) });
    }
    return injections;
  }

  /**
   * Applies deterministic renderings when the observation's engine did not follow the control instructions
   * (`recorded` and `real` engines, and models that cannot, such as the embedded ones), then checks whether each
   * injection shows in the observation and labels it.
   */
  afterObservation(
    injections: readonly Injection[],
    facts: TurnFacts,
    observation: string,
    followedInstructions: boolean,
  ): ControlledObservation {
    if (injections.length === 0) return { observation, checks: [], events: [] };
    const base = perturbationContext(this.domain, this.spec, facts);
    const rendered = !followedInstructions;
    let text = observation;
    if (rendered) {
      for (const injection of injections) {
        text = injection.rule.definition.render(injection.rule.params, { ...base, observation: text });
      }
    }
    const checks: CheckResult[] = [];
    const events: SessionEvent[] = [];
    for (const { rule } of injections) {
      const manifested = rule.definition.manifested(rule.params, { ...base, observation: text });
      checks.push({
        id: `perturbation:${rule.definition.id}`,
        status: manifested ? 'pass' : 'fail',
        ...(manifested
          ? {}
          : { message: `${rule.label}: the observation does not show "${rule.definition.id}"` }),
      });
      events.push({
        type: 'perturbation.injected',
        message: `${rule.definition.id} (${rule.label}, ${rule.level})${manifested ? '' : ': not shown'}`,
        data: {
          rule: rule.label,
          ruleIndex: rule.index,
          perturbation: rule.definition.id,
          params: rule.params,
          level: rule.level,
          rendered,
          manifested,
        },
      });
    }
    return { observation: text, checks, events };
  }

  /**
   * The checks of a turn with those its injections override turned into `skip` (see
   * `PerturbationDefinition.overridesChecks`): the message names the perturbation, its rule and the reason, and
   * keeps what the check said, so an override is never silent. Checks no injection overrides are unchanged.
   */
  overrideChecks(injections: readonly Injection[], checks: readonly CheckResult[]): CheckResult[] {
    const overrides = new Map<string, string[]>();
    for (const { rule } of injections) {
      for (const [check, reason] of Object.entries(rule.definition.overridesChecks ?? {})) {
        const notes = overrides.get(check) ?? [];
        notes.push(`perturbation "${rule.definition.id}" (${rule.label}) overrides this check: ${reason}`);
        overrides.set(check, notes);
      }
    }
    if (overrides.size === 0) return [...checks];
    return checks.map((check) => {
      const notes = overrides.get(check.id);
      if (notes === undefined) return check;
      const verdict =
        check.status === 'fail'
          ? ` (it failed: ${check.message ?? 'no message'})`
          : check.status === 'pass'
            ? ' (it passed)'
            : check.message === undefined
              ? ''
              : ` (it was skipped: ${check.message})`;
      return { id: check.id, status: 'skip', message: `${notes.join('; ')}${verdict}` };
    });
  }

  private fires(rule: ResolvedRule, facts: TurnFacts, tools: readonly string[]): boolean {
    const { when } = rule;
    const turn = facts.turnIndex;
    if (when.from !== undefined && turn < when.from) return false;
    if (when.until !== undefined && turn > when.until) return false;
    if (when.turn !== undefined) {
      const turns = typeof when.turn === 'number' ? [when.turn] : when.turn;
      if (!turns.includes(turn)) return false;
    }
    if (when.every !== undefined && (turn - (when.from ?? 1)) % when.every !== 0) return false;
    if (when.tool !== undefined) {
      const wanted = typeof when.tool === 'string' ? [when.tool] : when.tool;
      if (!wanted.some((name) => tools.includes(name))) return false;
    }
    if (rule.pattern !== undefined && !rule.pattern.test(facts.actionText)) return false;
    if (
      when.probability !== undefined &&
      seededUniform(facts.seed, 'turn', rule.index, turn) >= when.probability
    )
      return false;
    return true;
  }
}

/** The block appended after the action fence on a turn with control instructions; kept in history. */
export function renderControlBlock(instructions: readonly string[]): string {
  if (instructions.length === 0) return '';
  // Instructions may quote agent text (a URL, a file name): guarded like any untrusted text outside a fence.
  return `\n\n${TURN_CONTROL_HEADING}\n${instructions.map((line) => `- ${guardUntrustedText(line)}`).join('\n')}`;
}
