import { describe } from 'node:test';
import { describeCacheContract } from './store-contract-cache.js';
import { type StoreContractOptions, storeContractContext } from './store-contract-context.js';
import {
  describeClosedStoreContract,
  describeUnreachableDatabaseContract,
} from './store-contract-failures.js';
import { describeItemResultContract, describeSessionLeaseContract } from './store-contract-items-leases.js';
import { describeMigrationContract } from './store-contract-migrations.js';
import { describeSessionContract } from './store-contract-sessions.js';

export type { StoreContractOptions, StoreContractTarget } from './store-contract-context.js';

/**
 * The behaviour every Store backend must show, as node:test cases: the same cases run against SQLite and
 * PostgreSQL (see src/store/*.test.ts).
 */
export function describeStoreContract(name: string, options: StoreContractOptions): void {
  const context = storeContractContext(options);
  describe(`${name}: store contract`, () => {
    describeCacheContract(context);
    describeSessionContract(context);
    describeItemResultContract(context);
    describeSessionLeaseContract(context);
    describeMigrationContract(context);
    describeClosedStoreContract(context);
    describeUnreachableDatabaseContract(context);
  });
}
