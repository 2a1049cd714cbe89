import { type SweLedger, summarizeSweLedger } from '../../../domains/swe/index.js';
import { type DomainMetrics, pickFields } from '../domain-metrics.js';
import { jsonOrLines } from './json-or-lines.js';

/**
 * SWE: the working directory is taken from the system prompt's `Working directory:` line when it has one;
 * structure is JSON agreement or a line-level F1 of the tool results; state is the ledger's cwd, files (what
 * reads and writes established) and background shells (todos and submission are the action's own).
 */
export const sweMetrics: DomainMetrics = {
  domain: 'swe',
  specFromRow(row, _turns, dialect) {
    const cwd = /Working directory:\s*(\/\S*)/.exec(row.system_str)?.[1];
    return { domain: 'swe', dialect, initialState: { data: cwd === undefined ? {} : { cwd } } };
  },
  structural: jsonOrLines,
  stateOf: (ledger) =>
    pickFields(summarizeSweLedger(ledger as SweLedger), ['cwd', 'files', 'backgroundShells']),
};
