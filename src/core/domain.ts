import type { z } from 'zod';
import type { CallOptions } from './abort.js';
import type { TurnSection } from './messages.js';
import type { AnyPerturbationDefinition } from './perturbation.js';
import type { CheckResult } from './turn.js';
import type { DomainId, WorldSpec } from './world-spec.js';

/** What a domain's checks see for one observation. */
export interface CheckContext<Action, Ledger> {
  readonly spec: WorldSpec;
  readonly turnIndex: number;
  readonly action: Action;
  /** The ledger before this turn was applied. */
  readonly ledger: Ledger;
  readonly observation: string;
  /** The real tool's own result for this observation, when the engine gave one (see Turn.rawResult). */
  readonly rawResult?: Record<string, unknown> | undefined;
}

/**
 * One of the seven domains. Every domain folder exports one object of this shape; the session engine knows
 * nothing domain-specific beyond it. Ledgers are immutable values: `applyTurn` returns a new one, so a fork
 * can share its parent's ledger safely.
 */
export interface Domain<Action = unknown, Ledger = unknown> {
  readonly id: DomainId;
  readonly dialects: readonly string[];
  readonly defaultDialect: string;
  /** Resolves what the spec refers to but does not hold (e.g. tools fetched from a real MCP server). */
  prepare(spec: WorldSpec, options?: CallOptions): Promise<WorldSpec>;
  /** The action schema of the spec's dialect (source of the JSON Schema emitted for tools and HTTP). */
  actionSchema(spec: WorldSpec): z.ZodType<Action>;
  /**
   * Validates and normalises an action; throws INVALID_ACTION (with the bad field's path) or UNKNOWN_TOOL. With
   * the ledger (the session passes it), a domain can also refuse references to things the current state lacks
   * (an unknown element index, bid or ref).
   */
  parseAction(input: unknown, spec: WorldSpec, ledger?: Ledger): Action;
  /** The action as it appears after `**Action:**`, fence included. */
  renderAction(action: Action, spec: WorldSpec): string;
  /** Sections shown before `**Action:**` in this turn (e.g. the terminal's initial screen on turn 1). */
  turnSections(spec: WorldSpec, turnIndex: number, ledger: Ledger): TurnSection[];
  /** The world-model system prompt for this spec; stable for the whole session. */
  systemPrompt(spec: WorldSpec): string;
  /** What the agent sees after reset, before any action. */
  initialObservation(spec: WorldSpec): string;
  createLedger(spec: WorldSpec): Ledger;
  applyTurn(ledger: Ledger, action: Action, observation: string, spec: WorldSpec): Ledger;
  check(context: CheckContext<Action, Ledger>): CheckResult[];
  /** Whether this action ends the episode (e.g. the terminal's `[]`). */
  isCompletion(action: Action, spec: WorldSpec): boolean;
  /** A JSON view of the ledger for `info`, `state` and compact prompts. */
  summarize(ledger: Ledger): Record<string, unknown>;
  /** The tools, shell commands or GUI action types an action uses (matched by a rule's `when.tool`). */
  actionTools(action: Action, spec: WorldSpec): readonly string[];
  /** The failures and conditions this domain's world can be told to show (see src/control). */
  readonly perturbations: readonly AnyPerturbationDefinition[];
}

/** A domain whose types are erased, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds domains of every action and ledger type.
export type AnyDomain = Domain<any, any>;
