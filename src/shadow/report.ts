import type { AnyDomain } from '../core/domain.js';
import type { SessionRecord, ShadowComparison, Turn } from '../core/turn.js';
import { getDomain } from '../domains/index.js';
import { parseTrailingPrompt, resolveTerminalSetup } from '../domains/terminal/index.js';
import { shadowOf } from './shadow-record.js';

export type TurnPosition = 'first' | 'middle' | 'last';

/** Divergence numbers of one group of shadowed turns. Rates and means are over compared turns; null if none. */
export interface ShadowGroupStats {
  readonly key: string;
  /** Turns with a shadow comparison (compared or failed). */
  readonly turns: number;
  /** Turns where the shadow gave an observation. */
  readonly compared: number;
  readonly exactMatches: number;
  readonly exactMatchRate: number | null;
  readonly meanSimilarity: number | null;
  /** Compared turns where at least one check on the shadow's observation failed. */
  readonly simulatedCheckFailures: number;
  readonly simulatedCheckFailureRate: number | null;
  /** Turns where the shadow engine failed (no observation). */
  readonly shadowFailures: number;
}

export interface WorstTurn {
  readonly sessionId: string;
  readonly turn: number;
  readonly domain: string;
  readonly family: string;
  readonly similarity: number;
  /** Diff entries (kept and omitted). */
  readonly differences: number;
  /** The first diff entry, in a few words. */
  readonly firstDifference?: string | undefined;
}

export interface ShadowReport {
  /** Sessions holding at least one shadowed turn. */
  readonly sessions: number;
  readonly overall: ShadowGroupStats;
  readonly byDomain: readonly ShadowGroupStats[];
  /** Keyed `domain/dialect`. */
  readonly byDialect: readonly ShadowGroupStats[];
  /** Keyed `domain:family`: the command word (terminal, swe), tool name (mcp, search) or action type (GUIs). */
  readonly byFamily: readonly ShadowGroupStats[];
  readonly byPosition: readonly ShadowGroupStats[];
  /** The least similar compared turns that did not match exactly, least similar first. */
  readonly worstTurns: readonly WorstTurn[];
}

export interface ShadowReportOptions {
  /** How many worst turns to list (default 10). */
  readonly worst?: number | undefined;
}

/** One shadowed turn, with the keys it is grouped by. */
interface Row {
  readonly sessionId: string;
  readonly turn: number;
  readonly domain: string;
  readonly dialect: string;
  readonly family: string;
  readonly position: TurnPosition;
  readonly comparison: ShadowComparison;
}

/** Summarises where and how shadow engines diverged from the primary in recorded sessions. */
export function buildShadowReport(
  records: Iterable<SessionRecord>,
  options: ShadowReportOptions = {},
): ShadowReport {
  const rows: Row[] = [];
  let sessions = 0;
  for (const record of records) {
    const found = rowsOf(record);
    if (found.length > 0) sessions++;
    rows.push(...found);
  }
  const worstTurns = rows
    .filter((row) => row.comparison.error === undefined && !row.comparison.exactMatch)
    .sort(
      (a, b) =>
        a.comparison.similarity - b.comparison.similarity ||
        a.sessionId.localeCompare(b.sessionId) ||
        a.turn - b.turn,
    )
    .slice(0, options.worst ?? 10)
    .map(worstTurnOf);
  const positions: TurnPosition[] = ['first', 'middle', 'last'];
  return {
    sessions,
    overall: statsOf('all', rows),
    byDomain: groupBy(rows, (row) => row.domain),
    byDialect: groupBy(rows, (row) => `${row.domain}/${row.dialect}`),
    byFamily: groupBy(rows, (row) => `${row.domain}:${row.family}`),
    byPosition: positions
      .map((position) =>
        statsOf(
          position,
          rows.filter((row) => row.position === position),
        ),
      )
      .filter((stats) => stats.turns > 0),
    worstTurns,
  };
}

function rowsOf(record: SessionRecord): Row[] {
  let domain: AnyDomain | undefined;
  try {
    domain = getDomain(record.spec.domain);
  } catch {
    domain = undefined;
  }
  const dialect = record.spec.dialect ?? domain?.defaultDialect ?? 'default';
  const lastIndex = record.turns.reduce((last, turn) => Math.max(last, turn.index), 0);
  const rows: Row[] = [];
  for (const turn of record.turns) {
    const comparison = shadowOf(turn);
    if (comparison === undefined) continue;
    rows.push({
      sessionId: record.id,
      turn: turn.index,
      domain: record.spec.domain,
      dialect,
      family: commandFamily(domain, record, turn),
      position: turn.index === 1 ? 'first' : turn.index === lastIndex ? 'last' : 'middle',
      comparison,
    });
  }
  return rows;
}

/**
 * The command family of a turn: the first name the domain finds in its action (`Domain.actionTools`): the
 * command word of a shell line (by the terminal's shell-aware splitter), a tool name, a GUI action type. Keys
 * typed into a terminal whose screen did not end at the shell prompt are input to a running program
 * (`PROGRAM_INPUT`), not commands.
 */
export function commandFamily(domain: AnyDomain | undefined, record: SessionRecord, turn: Turn): string {
  if (domain === undefined) return '(unknown)';
  let family: string | undefined;
  try {
    family = domain.actionTools(turn.action, record.spec)[0];
  } catch {
    return '(unknown)';
  }
  if (family === undefined) return '(none)';
  return record.spec.domain === 'terminal' && !atShellPrompt(record, turn) ? PROGRAM_INPUT : family;
}

/** The family of keys typed while a program (a Python prompt, `cat >`, a pager) rather than the shell reads them. */
export const PROGRAM_INPUT = '(input to a running program)';

/** Whether the screen before this turn ends at the session's shell prompt. */
function atShellPrompt(record: SessionRecord, turn: Turn): boolean {
  const before = turn.index === 1 ? record.initialObservation : record.turns[turn.index - 2]?.observation;
  if (before === undefined) return true;
  // The cursor's line is the screen's last one: after `cat > file` + Enter it is empty, at the prompt it is the prompt.
  const cursorLine = before.slice(before.lastIndexOf('\n') + 1);
  return parseTrailingPrompt(cursorLine, resolveTerminalSetup(record.spec)) !== undefined;
}

function groupBy(rows: readonly Row[], keyOf: (row: Row) => string): ShadowGroupStats[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return [...groups]
    .map(([key, group]) => statsOf(key, group))
    .sort((a, b) => b.turns - a.turns || a.key.localeCompare(b.key));
}

function statsOf(key: string, rows: readonly Row[]): ShadowGroupStats {
  const compared = rows.filter((row) => row.comparison.error === undefined);
  const exactMatches = compared.filter((row) => row.comparison.exactMatch).length;
  const checkFailures = compared.filter((row) =>
    row.comparison.checks.some((check) => check.status === 'fail'),
  ).length;
  const similaritySum = compared.reduce((sum, row) => sum + row.comparison.similarity, 0);
  const rate = (count: number): number | null => (compared.length === 0 ? null : count / compared.length);
  return {
    key,
    turns: rows.length,
    compared: compared.length,
    exactMatches,
    exactMatchRate: rate(exactMatches),
    meanSimilarity: compared.length === 0 ? null : similaritySum / compared.length,
    simulatedCheckFailures: checkFailures,
    simulatedCheckFailureRate: rate(checkFailures),
    shadowFailures: rows.length - compared.length,
  };
}

function worstTurnOf(row: Row): WorstTurn {
  const diff = row.comparison.diff;
  const first = diff?.entries[0];
  return {
    sessionId: row.sessionId,
    turn: row.turn,
    domain: row.domain,
    family: row.family,
    similarity: row.comparison.similarity,
    differences: (diff?.entries.length ?? 0) + (diff?.omitted ?? 0),
    ...(first === undefined
      ? {}
      : {
          firstDifference: `${first.op} ${first.at}: ${[first.primary, first.shadow]
            .filter((value) => value !== undefined)
            .map((value) => JSON.stringify(value))
            .join(' → ')}`,
        }),
  };
}
