/**
 * Part 2: the store's turn write rate. `appendTurn` (one transaction: the session's last-use time and the turn
 * row) on SQLite (a file, WAL, synchronous=NORMAL) and on PostgreSQL (the private server, one database), by one
 * writer appending to one session turn after turn, and by 16 sessions appending at once (each session's turns in
 * order, as the env server writes them). The turns are real ones (session-template.ts); a warm-up round on each
 * store runs first. Every turn written is counted back from the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionRecord } from '../../src/core/turn.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { PostgresProcess } from './postgres-process.js';
import { sessionTemplate } from './session-template.js';

export interface StoreSizes {
  /** Turns appended by the one sequential writer. */
  readonly sequentialTurns: number;
  readonly concurrentSessions: number;
  /** Turns appended by each of the concurrent sessions. */
  readonly turnsPerConcurrentSession: number;
}

export type StoreBackend = 'sqlite' | 'postgres';

export interface StoreMeasurement {
  readonly backend: StoreBackend;
  /** 1: one writer, sequential; else that many sessions at once. */
  readonly sessions: number;
  readonly turns: number;
  readonly seconds: number;
  readonly turnsPerSecond: number;
}

export interface StoreReport {
  readonly sizes: StoreSizes;
  readonly turnBytes: number;
  readonly measurements: readonly StoreMeasurement[];
}

const OWNER = 'bench-scale-owner';
let sessionsMade = 0;

/** Appends `turnsEach` turns to each of `sessions` new sessions at once; returns the seconds it took. */
async function appendTurns(
  store: Store,
  template: SessionRecord,
  sessions: number,
  turnsEach: number,
): Promise<number> {
  const ids = Array.from({ length: sessions }, () => {
    sessionsMade += 1;
    return `s_bench_scale_${process.pid}_${sessionsMade}`;
  });
  for (const id of ids) await store.createSession({ ...template, id, turns: [] }, OWNER);
  const source = template.turns;
  const started = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let index = 1; index <= turnsEach; index += 1) {
        const turn = source[(index - 1) % source.length] as SessionRecord['turns'][number];
        await store.appendTurn(id, { ...turn, index });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const id of ids) {
    const stored = await store.loadSession(id);
    if (stored?.record.turns.length !== turnsEach) {
      throw new Error(`session ${id}: ${stored?.record.turns.length} turns stored, expected ${turnsEach}`);
    }
  }
  return seconds;
}

async function measureBackend(
  backend: StoreBackend,
  location: string,
  template: SessionRecord,
  sizes: StoreSizes,
): Promise<StoreMeasurement[]> {
  const store = await openStore(location);
  try {
    await appendTurns(store, template, 4, 10);
    const sequential = await appendTurns(store, template, 1, sizes.sequentialTurns);
    const concurrentTurns = sizes.concurrentSessions * sizes.turnsPerConcurrentSession;
    const concurrent = await appendTurns(
      store,
      template,
      sizes.concurrentSessions,
      sizes.turnsPerConcurrentSession,
    );
    return [
      {
        backend,
        sessions: 1,
        turns: sizes.sequentialTurns,
        seconds: sequential,
        turnsPerSecond: sizes.sequentialTurns / sequential,
      },
      {
        backend,
        sessions: sizes.concurrentSessions,
        turns: concurrentTurns,
        seconds: concurrent,
        turnsPerSecond: concurrentTurns / concurrent,
      },
    ];
  } finally {
    await store.close();
  }
}

export async function runStoreWrites(
  sizes: StoreSizes,
  postgres: PostgresProcess,
  log: (line: string) => void,
): Promise<StoreReport> {
  const template = await sessionTemplate(8);
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-scale-store-'));
  try {
    log('store: SQLite');
    const sqlite = await measureBackend('sqlite', join(directory, 'turns.db'), template, sizes);
    log('store: PostgreSQL');
    const postgresRows = await measureBackend('postgres', await postgres.createDatabase(), template, sizes);
    const turnBytes =
      template.turns.reduce((sum, turn) => sum + Buffer.byteLength(JSON.stringify(turn)), 0) /
      template.turns.length;
    return { sizes, turnBytes, measurements: [...sqlite, ...postgresRows] };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
