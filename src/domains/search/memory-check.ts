import type { CheckResult } from '../../core/turn.js';
import type { SearchAction } from './dialects/search/index.js';
import { dictMemoryCallOf, valueAppearsIn } from './dialects/search/index.js';
import type { SearchLedger } from './ledger.js';

export const MEMORY_CONSISTENCY_CHECK = 'memory-consistency';

const NOT_FOUND = /not found|does not exist|doesn't exist|no such key|not exist|not in memory|missing/i;
const CONFIRMATION =
  /success|\badded\b|\bstored\b|\bsaved\b|\bupdated\b|\bremoved\b|\bdeleted\b|\bcleared\b|\bdone\b|\bok\b/i;
const FAILURE = /error|fail|not found|invalid|does not exist|doesn't exist|no such|exception/i;

/**
 * `dict_memory` answers must agree with the memory the ledger holds: retrieved values appear, absent keys are
 * reported not found, and changes are confirmed (or report the keys they could not find).
 */
export function memoryConsistencyCheck(
  action: SearchAction,
  observation: string,
  ledger: SearchLedger,
): CheckResult {
  const call = dictMemoryCallOf(action);
  if (call === undefined)
    return { id: MEMORY_CONSISTENCY_CHECK, status: 'skip', message: 'not a dict_memory call' };
  const memory = ledger.memory;
  const fail = (message: string): CheckResult => ({ id: MEMORY_CONSISTENCY_CHECK, status: 'fail', message });
  // Keys and values may themselves contain words such as "error" or "missing": such names are blanked out
  // before the text is read as a confirmation or a failure.
  const named = [...Object.keys(call.dict), ...Object.values(call.dict).filter(isString), ...call.keys];
  const prose = named
    .filter((name) => FAILURE.test(name) || NOT_FOUND.test(name))
    .reduce((text, name) => text.split(name).join(' '), observation);

  switch (call.operation) {
    case 'retrieve':
    case 'retrieve_all': {
      const keys = call.operation === 'retrieve' ? call.keys : [...memory.keys()];
      if (keys.length === 0)
        return { id: MEMORY_CONSISTENCY_CHECK, status: 'skip', message: 'nothing to compare' };
      for (const key of keys) {
        if (!memory.has(key)) {
          if (!NOT_FOUND.test(prose))
            return fail(`key "${key}" is not in memory but is not reported as not found`);
        } else if (!valueAppearsIn(memory.get(key), observation)) {
          return fail(`the stored value of "${key}" does not appear in the answer`);
        }
      }
      return { id: MEMORY_CONSISTENCY_CHECK, status: 'pass' };
    }
    case 'update':
    case 'remove': {
      const keys = call.operation === 'update' ? Object.keys(call.dict) : call.keys;
      const missing = keys.filter((key) => !memory.has(key));
      if (missing.length > 0) {
        return NOT_FOUND.test(prose)
          ? { id: MEMORY_CONSISTENCY_CHECK, status: 'pass' }
          : fail(`keys not in memory (${missing.join(', ')}) are not reported as not found`);
      }
      return confirmation(prose, fail);
    }
    default:
      return confirmation(prose, fail);
  }
}

function confirmation(prose: string, fail: (message: string) => CheckResult): CheckResult {
  if (FAILURE.test(prose)) return fail('a valid memory change is answered with an error');
  if (!CONFIRMATION.test(prose)) return fail('the answer does not confirm the memory change');
  return { id: MEMORY_CONSISTENCY_CHECK, status: 'pass' };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
