import type { CheckResult } from '../../core/turn.js';
import type { SearchAction } from './dialects/search/index.js';
import {
  extractorUrlsOf,
  foldText,
  looksLikeErrorMessage,
  significantWords,
} from './dialects/search/index.js';
import type { SearchLedger } from './ledger.js';
import { urlKey } from './url-key.js';

export const EXTRACT_CONSISTENCY_CHECK = 'extract-consistency';

/**
 * A page opened after search results showed its URL must mention at least one significant word of the title
 * it was listed with. Unseen URLs and error answers (an unreachable page) are skipped.
 */
export function extractConsistencyCheck(
  action: SearchAction,
  observation: string,
  ledger: SearchLedger,
): CheckResult {
  const urls = extractorUrlsOf(action);
  if (urls.length === 0)
    return { id: EXTRACT_CONSISTENCY_CHECK, status: 'skip', message: 'not a web_extractor call' };
  const seen = urls.flatMap((url) => {
    const page = ledger.pages.get(urlKey(url));
    return page === undefined ? [] : [page];
  });
  if (seen.length === 0) {
    return { id: EXTRACT_CONSISTENCY_CHECK, status: 'skip', message: 'URL not shown by an earlier search' };
  }
  if (looksLikeErrorMessage(observation)) {
    return { id: EXTRACT_CONSISTENCY_CHECK, status: 'skip', message: 'the page could not be fetched' };
  }
  const page = foldText(observation);
  let checked = 0;
  for (const seenPage of seen) {
    const words = significantWords(seenPage.titles.join(' '));
    if (words.length === 0) continue;
    checked += 1;
    if (!words.some((word) => page.includes(word))) {
      return {
        id: EXTRACT_CONSISTENCY_CHECK,
        status: 'fail',
        message: `page ${seenPage.url} mentions no word of its search title "${seenPage.titles[0] ?? ''}"`,
      };
    }
  }
  return checked === 0
    ? { id: EXTRACT_CONSISTENCY_CHECK, status: 'skip', message: 'the search title has no significant words' }
    : { id: EXTRACT_CONSISTENCY_CHECK, status: 'pass' };
}
