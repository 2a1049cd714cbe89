import type { AnyDomain } from '../../core/domain.js';
import type { SessionRecord } from '../../core/turn.js';
import { type DomainId, DomainIdSchema, type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import type { BenchRow } from '../schemas.js';
import { actionInputs, type DomainMetrics, stateSection } from './domain-metrics.js';
import { DOMAIN_METRICS } from './domains/index.js';
import { parseRowTurn, type RowTurn, responseObservation } from './row-turns.js';
import { SHARED_TURN_CONTEXT_CACHE, TurnContextCache } from './turn-context-cache.js';

/** What the checks and the state-change metric need for one evaluated turn. */
export interface TurnContext {
  readonly domain: AnyDomain;
  readonly metrics: DomainMetrics;
  readonly spec: WorldSpec;
  readonly dialect: string;
  readonly turnIndex: number;
  /** The evaluated turn's action, parsed by the domain. */
  readonly action: unknown;
  /** The domain ledger after the turns before the evaluated one (their ground-truth observations applied). */
  readonly ledgerBefore: unknown;
  /**
   * What the world showed before the evaluated turn (the previous observation, or the initial screen): an
   * observation that shows nothing new, the reference `stateChange.changed` is measured against.
   */
  readonly previousObservation: string;
}

/** The domain of a row's `task` (the reference keeps the last path segment); undefined when unknown. */
export function rowDomain(row: Pick<BenchRow, 'task'>): DomainId | undefined {
  const parsed = DomainIdSchema.safeParse(row.task.split('/').at(-1));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Rebuilds the evaluated turn's context from a row alone: a minimal spec (see each domain's `specFromRow`),
 * every action parsed back from its fenced text (the first dialect whose parser takes them all), and the ledger
 * folded over the earlier turns' ground truth. Undefined when the row's actions cannot be parsed back or the
 * ledger cannot be rebuilt; the row then gets no checks and no state-change metric. With a cache (the shared one
 * unless told otherwise, `null` for none) the rows of one trajectory reuse each other's specs and ledgers: the
 * same context, built incrementally.
 */
export function rowTurnContext(
  row: BenchRow,
  cache: TurnContextCache | null = SHARED_TURN_CONTEXT_CACHE,
): TurnContext | undefined {
  const id = rowDomain(row);
  if (id === undefined || row.turn_idx > row.prompt.length || row.turn_idx > row.response.length) {
    return undefined;
  }
  const domain = getDomain(id);
  const metrics = DOMAIN_METRICS[id];
  const turns = row.prompt.slice(0, row.turn_idx).map(parseRowTurn);
  const dialects = [
    domain.defaultDialect,
    ...domain.dialects.filter((name) => name !== domain.defaultDialect),
  ];
  for (const dialect of dialects) {
    const spec = specFor(metrics, row, turns, dialect, cache);
    if (spec === undefined) continue;
    const folded = foldEarlierTurns(domain, spec, row, turns, cache);
    if (folded === undefined) continue;
    return {
      domain,
      metrics,
      spec,
      dialect,
      turnIndex: row.turn_idx,
      action: folded.action,
      ledgerBefore: folded.ledger,
      previousObservation:
        row.turn_idx >= 2
          ? responseObservation(row.response[row.turn_idx - 2] ?? '')
          : (stateSection(turns[0]) ?? ''),
    };
  }
  return undefined;
}

/**
 * The evaluated turn's action and the ledger after the turns before it, in one dialect's spec; undefined when an
 * action does not parse or the fold throws (a ledger that cannot follow these turns in this dialect). Resumes
 * from the longest prefix the cache holds a ledger for: its actions parsed and folded before.
 */
function foldEarlierTurns(
  domain: AnyDomain,
  spec: WorldSpec,
  row: BenchRow,
  turns: readonly RowTurn[],
  cache: TurnContextCache | null,
): { action: unknown; ledger: unknown } | undefined {
  const earlier = row.turn_idx - 1;
  const prefix = cache?.prefixKeys(row, spec, earlier);
  let start = 0;
  let ledger: unknown;
  let resumed = false;
  for (let length = earlier; cache !== null && prefix !== undefined && length >= 0; length--) {
    const entry = cache.get(prefix.keys[length] as string);
    if (entry === undefined) continue;
    if (TurnContextCache.isFailed(entry)) return undefined;
    start = length;
    ledger = entry.ledger;
    resumed = true;
    break;
  }
  const actions = parseActions(domain, spec, turns.slice(start));
  if (actions === undefined) return undefined;
  let failedPrefix = start;
  try {
    if (!resumed) ledger = domain.createLedger(spec);
    for (let index = start; index < earlier; index++) {
      failedPrefix = index + 1;
      const observation = responseObservation(row.response[index] ?? '');
      ledger = domain.applyTurn(ledger, actions[index - start], observation, spec);
    }
  } catch {
    if (prefix !== undefined) cache?.setFailed(prefix.keys[failedPrefix] as string);
    return undefined;
  }
  if (prefix !== undefined) {
    cache?.setLedger(prefix.keys[earlier] as string, ledger, prefix.characters[earlier] ?? 0);
  }
  return { action: actions[earlier - start], ledger };
}

/** The context of a recorded session's turn (1-based): its own spec, action and ledger. */
export function sessionTurnContext(record: SessionRecord, turnIndex: number): TurnContext | undefined {
  const parsedId = DomainIdSchema.safeParse(record.spec.domain);
  const turn = record.turns[turnIndex - 1];
  if (!parsedId.success || turn === undefined) return undefined;
  const domain = getDomain(parsedId.data);
  const spec = record.spec;
  try {
    let ledger = domain.createLedger(spec);
    for (const earlier of record.turns.slice(0, turnIndex - 1)) {
      ledger = domain.applyTurn(ledger, earlier.action, earlier.observation, spec);
    }
    return {
      domain,
      metrics: DOMAIN_METRICS[parsedId.data],
      spec,
      dialect: spec.dialect ?? domain.defaultDialect,
      turnIndex,
      action: turn.action,
      ledgerBefore: ledger,
      previousObservation:
        turnIndex >= 2 ? (record.turns[turnIndex - 2]?.observation ?? '') : record.initialObservation,
    };
  } catch {
    return undefined;
  }
}

function specFor(
  metrics: DomainMetrics,
  row: BenchRow,
  turns: readonly RowTurn[],
  dialect: string,
  cache: TurnContextCache | null,
): WorldSpec | undefined {
  let input: unknown;
  try {
    input = metrics.specFromRow(row, turns, dialect);
  } catch {
    return undefined;
  }
  return cache === null ? parseSpec(input) : cache.spec(input, parseSpec);
}

function parseSpec(input: unknown): WorldSpec | undefined {
  try {
    return WorldSpecSchema.parse(input);
  } catch {
    return undefined;
  }
}

function parseActions(domain: AnyDomain, spec: WorldSpec, turns: readonly RowTurn[]): unknown[] | undefined {
  const actions: unknown[] = [];
  for (const turn of turns) {
    let parsed: { action: unknown } | undefined;
    for (const input of actionInputs(turn)) {
      try {
        parsed = { action: domain.parseAction(input, spec) };
        break;
      } catch {
        // Not this form: try the next.
      }
    }
    if (parsed === undefined) return undefined;
    actions.push(parsed.action);
  }
  return actions;
}
