import type { DomainId, WorldSpecInput } from '../../core/world-spec.js';
import type { BenchRow } from '../schemas.js';
import type { RowTurn } from './row-turns.js';

/** A structural match of one prediction against its ground truth, in [0, 1], with what was compared. */
export interface StructuralScore {
  readonly kind: string;
  readonly score: number;
}

/**
 * What the judge-free metrics need to know about one domain (one file per domain under `domains/`): how to rebuild
 * a minimal spec from a bench row, how to score structure, and which ledger fields are world state.
 */
export interface DomainMetrics {
  readonly domain: DomainId;
  /**
   * The spec the row's world implies, as far as the row shows it (initial screen, prompt, tools named by the
   * actions), for one of the domain's dialects; the dialect whose parser takes every action of the row wins.
   */
  specFromRow(row: BenchRow, turns: readonly RowTurn[], dialect: string): WorldSpecInput;
  /** A structural match of prediction against ground truth (both cleaned observations). */
  structural(truth: string, prediction: string, dialect: string): StructuralScore;
  /**
   * The world state a ledger holds — the fields an observation can change (cwd, files, URL, focus …), without
   * the action's own bookkeeping (turn counters, command history) — or undefined where the domain's ledger holds
   * nothing an observation decides beyond the observation itself (then no state-change metric).
   */
  stateOf?(ledger: unknown, dialect: string): Record<string, unknown>;
}

/** Action inputs to try for a turn's fenced action: its JSON value when it parses, then its text. */
export function actionInputs(turn: RowTurn): unknown[] {
  const body = turn.action;
  if (body === undefined) return [];
  const inputs: unknown[] = [];
  const trimmed = body.trim();
  if (turn.language === 'json' || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      inputs.push(JSON.parse(trimmed) as unknown);
    } catch {
      // Not JSON after all: the text is tried below.
    }
  }
  inputs.push(body);
  if (turn.language === 'bash' || turn.language === 'sh') inputs.push({ command: body });
  return inputs;
}

/** The state section a GUI turn shows before its action, by the headings the domains write. */
export function stateSection(turn: RowTurn | undefined): string | undefined {
  if (turn === undefined) return undefined;
  return turn.sections['Current State'] ?? turn.sections['Current Phone State'];
}

/** Picks the named fields of a ledger summary. */
export function pickFields(
  summary: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, summary[field] ?? null]));
}
