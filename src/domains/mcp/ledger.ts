import { contentHash } from '../../core/hash.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { McpAction } from './dialects/mcp/index.js';
import { mayBeErrorMessage } from './error-signs.js';
import { readMcpInitialData } from './initial-data.js';
import {
  deepReferences,
  isCreateTool,
  isDeleteTool,
  parseJsonObservation,
  topLevelReferences,
} from './resource-refs.js';

export const MAX_RECORDED_CALLS = 100;
export const MAX_RECORDED_RESOURCES = 500;

const ALL_KINDS = { ids: true, names: true, paths: true } as const;

/** One tool call as the ledger remembers it. */
export interface McpCallRecord {
  readonly turn: number;
  readonly tool: string;
  /** First 16 hex digits of the sha256 of the canonical JSON of the arguments. */
  readonly argumentsHash: string;
  /** Whether the observation read like an error. */
  readonly error: boolean;
}

/**
 * What the mcp domain tracks from calls and observations. An immutable value: every update returns a new
 * object, so forks can share ledgers.
 */
export interface McpLedger {
  readonly turns: number;
  /** The newest calls, oldest first (at most MAX_RECORDED_CALLS). */
  readonly calls: readonly McpCallRecord[];
  readonly callsPerTool: Readonly<Record<string, number>>;
  /** Identifiers seen in JSON observations (fields `id`, `*_id`, `*Id` …) or given by the spec, oldest first. */
  readonly resourceIds: readonly string[];
  /** `name` fields of objects seen in JSON observations, oldest first. */
  readonly resourceNames: readonly string[];
  /** Identifiers, names or paths a delete call reported as deleted (and that no create call brought back). */
  readonly deleted: readonly string[];
  readonly errors: number;
}

export function createMcpLedger(spec: WorldSpec): McpLedger {
  const data = readMcpInitialData(spec);
  return {
    turns: 0,
    calls: [],
    callsPerTool: {},
    resourceIds: [...new Set(data.resourceIds ?? [])].slice(-MAX_RECORDED_RESOURCES),
    resourceNames: [],
    deleted: [],
    errors: 0,
  };
}

/** Appends new entries (keeping first-seen order, dropping duplicates) and keeps the newest `limit`. */
function merge(existing: readonly string[], added: readonly string[], limit: number): readonly string[] {
  const known = new Set(existing);
  const fresh = added.filter((entry) => {
    if (known.has(entry)) return false;
    known.add(entry);
    return true;
  });
  if (fresh.length === 0) return existing;
  return [...existing, ...fresh].slice(-limit);
}

/** The ledger after one call and its observation; `ledger` itself is left unchanged. */
export function applyMcpTurn(
  ledger: McpLedger,
  action: McpAction,
  observation: string,
  _spec?: WorldSpec,
): McpLedger {
  const error = mayBeErrorMessage(observation);
  const turn = ledger.turns + 1;
  const call: McpCallRecord = {
    turn,
    tool: action.name,
    argumentsHash: contentHash(action.arguments).slice(0, 16),
    error,
  };
  const json = error ? undefined : parseJsonObservation(observation);
  const seenIds = json === undefined ? [] : deepReferences(json, { ids: true, names: false, paths: false });
  const seenNames = json === undefined ? [] : namesOf(json);

  let deleted = ledger.deleted;
  if (!error && isDeleteTool(action.name)) {
    deleted = merge(deleted, topLevelReferences(action.arguments, ALL_KINDS), MAX_RECORDED_RESOURCES);
  } else if (!error && isCreateTool(action.name) && deleted.length > 0) {
    const created = new Set([
      ...topLevelReferences(action.arguments, ALL_KINDS),
      ...(json === undefined ? [] : deepReferences(json, ALL_KINDS)),
    ]);
    const remaining = deleted.filter((entry) => !created.has(entry));
    if (remaining.length !== deleted.length) deleted = remaining;
  }

  return {
    turns: turn,
    calls: [...ledger.calls, call].slice(-MAX_RECORDED_CALLS),
    callsPerTool: { ...ledger.callsPerTool, [action.name]: (ledger.callsPerTool[action.name] ?? 0) + 1 },
    resourceIds: merge(ledger.resourceIds, seenIds, MAX_RECORDED_RESOURCES),
    resourceNames: merge(ledger.resourceNames, seenNames, MAX_RECORDED_RESOURCES),
    deleted,
    errors: ledger.errors + (error ? 1 : 0),
  };
}

/** `name` fields of objects only (not `*Name` fields, which usually point at other objects). */
function namesOf(json: unknown): string[] {
  const out = new Set<string>();
  let visited = 0;
  const walk = (node: unknown, depth: number): void => {
    if (depth > 32 || visited > 20_000 || node === null || typeof node !== 'object') return;
    visited += 1;
    if (Array.isArray(node)) {
      for (const entry of node) walk(entry, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.name === 'string' && record.name.length > 0 && record.name.length <= 500)
      out.add(record.name);
    for (const entry of Object.values(record)) walk(entry, depth + 1);
  };
  walk(json, 0);
  return [...out];
}

const SUMMARY_LIST_LIMIT = 100;

/** A compact JSON view of the ledger for `info`, `state` and compact prompts. */
export function summarizeMcpLedger(ledger: McpLedger): Record<string, unknown> {
  return {
    turns: ledger.turns,
    errors: ledger.errors,
    callsPerTool: { ...ledger.callsPerTool },
    recentCalls: ledger.calls.slice(-10).map((call) => ({ ...call })),
    resourceIds: ledger.resourceIds.slice(-SUMMARY_LIST_LIMIT),
    resourceNames: ledger.resourceNames.slice(-SUMMARY_LIST_LIMIT),
    deleted: ledger.deleted.slice(-SUMMARY_LIST_LIMIT),
  };
}
