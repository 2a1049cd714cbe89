import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionRecord,
  SessionRecordSchema,
} from '../core/turn.js';
import type { SessionSummary, StoredSession } from './store.js';

/** A `sessions` row as both backends return it (numbers may come back as text from PostgreSQL). */
export interface SessionRow {
  id: string;
  owner_hash: string;
  spec: string;
  system_prompt: string;
  initial_observation: string;
  seed: number | string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_id: string | null;
  forked_at_turn: number | string | null;
  labels: string;
}

export interface SummaryRow {
  id: string;
  spec: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_id: string | null;
  labels: string;
  turns: number | string;
}

/** The row a new session is stored as, closed `at` when the record is already closed. */
export function sessionRowOf(record: SessionRecord, ownerHash: string, at: number): SessionRow {
  const time = new Date(at).toISOString();
  return {
    id: record.id,
    owner_hash: ownerHash,
    spec: JSON.stringify(record.spec),
    system_prompt: record.systemPrompt,
    initial_observation: record.initialObservation,
    seed: record.seed,
    created_at: record.createdAt,
    updated_at: time,
    closed_at: record.closed ? time : null,
    parent_id: record.parentId ?? null,
    forked_at_turn: record.forkedAtTurn ?? null,
    labels: JSON.stringify(record.labels),
  };
}

/** The column order of an INSERT of a session row. */
export const SESSION_COLUMNS = [
  'id',
  'owner_hash',
  'spec',
  'system_prompt',
  'initial_observation',
  'seed',
  'created_at',
  'updated_at',
  'closed_at',
  'parent_id',
  'forked_at_turn',
  'labels',
] as const satisfies ReadonlyArray<keyof SessionRow>;

export function sessionValues(row: SessionRow): Array<string | number | null> {
  return SESSION_COLUMNS.map((column) => row[column]);
}

/** Rebuilds the stored session from its row and its turns' JSON texts (in turn order). */
export function storedSessionOf(row: SessionRow, turnTexts: readonly string[]): StoredSession {
  const record = SessionRecordSchema.parse({
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    id: row.id,
    ...(row.parent_id === null ? {} : { parentId: row.parent_id }),
    ...(row.forked_at_turn === null ? {} : { forkedAtTurn: Number(row.forked_at_turn) }),
    createdAt: row.created_at,
    seed: Number(row.seed),
    spec: JSON.parse(row.spec) as unknown,
    systemPrompt: row.system_prompt,
    initialObservation: row.initial_observation,
    turns: turnTexts.map((text) => JSON.parse(text) as unknown),
    closed: row.closed_at !== null,
    labels: JSON.parse(row.labels) as unknown,
  });
  return {
    record,
    ownerHash: row.owner_hash,
    updatedAt: row.updated_at,
    closedAt: row.closed_at ?? undefined,
  };
}

export function summaryOf(row: SummaryRow): SessionSummary {
  const spec = JSON.parse(row.spec) as { domain?: unknown };
  return {
    id: row.id,
    domain: String(spec.domain),
    turns: Number(row.turns),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closed: row.closed_at !== null,
    parentId: row.parent_id ?? undefined,
    labels: JSON.parse(row.labels) as Record<string, string>,
  };
}
