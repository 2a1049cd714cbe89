import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import {
  actionTexts,
  SUCCESS_CLAIM_CHECK_ID,
  specKnownTexts,
  successClaimCheck,
} from '../shared/success-claim-check.js';
import type { SearchAction } from './dialects/search/index.js';
import { EXTRACT_CONSISTENCY_CHECK, extractConsistencyCheck } from './extract-check.js';
import { readSearchInitialData } from './initial-data.js';
import type { SearchLedger } from './ledger.js';
import { MEMORY_CONSISTENCY_CHECK, memoryConsistencyCheck } from './memory-check.js';
import {
  SEARCH_COUNT_CHECK,
  SEARCH_FORMAT_CHECK,
  searchCountCheck,
  searchFormatCheck,
} from './search-checks.js';

export const SEARCH_CHECK_IDS = [
  'no-scaffolding',
  'non-empty',
  SEARCH_FORMAT_CHECK,
  SEARCH_COUNT_CHECK,
  EXTRACT_CONSISTENCY_CHECK,
  MEMORY_CONSISTENCY_CHECK,
  SUCCESS_CLAIM_CHECK_ID,
] as const;

/** Every check of the search domain, always in the same order; none of them throws. */
export function checkSearchObservation(context: CheckContext<SearchAction, SearchLedger>): CheckResult[] {
  const { action, observation, ledger } = context;
  const perQuery = readSearchInitialData(context.spec).resultsPerQuery;
  return [
    guarded('no-scaffolding', () => scaffoldingCheck(observation)),
    guarded('non-empty', () => nonEmptyCheck(observation)),
    guarded(SEARCH_FORMAT_CHECK, () => searchFormatCheck(action, observation)),
    guarded(SEARCH_COUNT_CHECK, () => searchCountCheck(action, observation, perQuery)),
    guarded(EXTRACT_CONSISTENCY_CHECK, () => extractConsistencyCheck(action, observation, ledger)),
    guarded(MEMORY_CONSISTENCY_CHECK, () => memoryConsistencyCheck(action, observation, ledger)),
    successClaimCheck({
      actionTexts: actionTexts(action.arguments),
      observation,
      knownTexts: [
        ...specKnownTexts(context.spec),
        ...[...ledger.pages.values()].flatMap((page) => [page.url, ...page.titles]),
        ...ledger.extracted,
        ...[...ledger.memory].map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
      ],
    }),
  ];
}

function guarded(id: string, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (error) {
    return {
      id,
      status: 'skip',
      message: `check could not run: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
