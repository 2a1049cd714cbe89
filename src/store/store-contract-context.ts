import assert from 'node:assert/strict';
import { type AgentWorldError, isAgentWorldError } from '../core/errors.js';
import type { SessionRecord, Turn } from '../core/turn.js';
import type { Migration } from './migrations.js';
import { type OpenStoreOptions, openStore } from './open-store.js';
import type { Store, StoreKind } from './store.js';

/** One backend the contract runs against (read in the tests, after the suite's `before` hooks ran). */
export interface StoreContractTarget {
  readonly kind: StoreKind;
  /** The location of a new, empty store (a fresh file or a fresh database). */
  freshLocation(): Promise<string>;
  /** The backend's migration list (STORE_MIGRATIONS or POSTGRES_MIGRATIONS). */
  readonly migrations: readonly Migration[];
  /** How many rows the store's `schema_version` table holds (read around the store, to prove one migration). */
  appliedMigrations(location: string): Promise<number>;
  /** A database server the tests may stop and start again (PostgreSQL); absent for an embedded store. */
  readonly server?: { stop(): Promise<void>; restart(): Promise<void> } | undefined;
}

export interface StoreContractOptions {
  readonly target: () => StoreContractTarget;
  /** A valid recorded session with at least three turns (the contract stores copies of it). */
  readonly sample: SessionRecord;
}

/** What the contract's cases share: the target, sample sessions and turns, and a fresh store to work in. */
export interface StoreContractContext {
  readonly options: StoreContractOptions;
  readonly sample: SessionRecord;
  /** The owner hash the cases store sessions under. */
  readonly OWNER: string;
  /** A copy of the sample with a new id and its first `turns` turns. */
  session(turns: number, overrides?: Partial<SessionRecord>): SessionRecord;
  /** The sample's turn at `index`. */
  turn(index: number): Turn;
  /** Runs `work` on a store opened at a fresh location, closing it afterwards. */
  withStore<T>(work: (store: Store, location: string) => Promise<T>, open?: OpenStoreOptions): Promise<T>;
}

const OWNER = 'owner-a';
let sessionCounter = 0;

export function storeContractContext(options: StoreContractOptions): StoreContractContext {
  const { sample } = options;
  assert.ok(sample.turns.length >= 3, 'the contract sample needs at least three turns');
  const session = (turns: number, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
    ...sample,
    id: `s_contract_${process.pid}_${++sessionCounter}`,
    turns: sample.turns.slice(0, turns),
    closed: false,
    labels: { origin: 'contract' },
    ...overrides,
  });
  const turn = (index: number): Turn => sample.turns[index] as Turn;

  async function withStore<T>(
    work: (store: Store, location: string) => Promise<T>,
    open: OpenStoreOptions = {},
  ): Promise<T> {
    const location = await options.target().freshLocation();
    const store = await openStore(location, open);
    try {
      return await work(store, location);
    } finally {
      await store.close();
    }
  }

  return { options, sample, OWNER, session, turn, withStore };
}

/** Asserts a retryable STORE_UNAVAILABLE whose message names the store (its password redacted). */
export function assertUnavailable(error: unknown, location: string): true {
  assert.ok(
    isAgentWorldError(error, 'STORE_UNAVAILABLE'),
    `expected STORE_UNAVAILABLE, got ${String(error)}`,
  );
  const failure = error as AgentWorldError;
  assert.equal(failure.retryable, true);
  const shown = location.replace(/:[^:@/]*@/, ':***@');
  assert.ok(failure.message.includes(shown), `the message names the store: ${failure.message}`);
  return true;
}
