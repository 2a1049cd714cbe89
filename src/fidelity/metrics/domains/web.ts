import { parseWebPage, type WebDialect, type WebLedger, type WebNode } from '../../../domains/web/index.js';
import { type DomainMetrics, stateSection } from '../domain-metrics.js';
import { multisetF1 } from '../structural/multiset-f1.js';

/** A node as role and accessible name (ids, refs and depth left out: they renumber between snapshots). */
export function webNodeKey(node: WebNode): string {
  return `${node.role}\t${node.name}`;
}

/**
 * Web: the first page is turn 1's `Current State`; structure is a node-level F1 of the accessibility trees
 * (role + name per node); state is the page's URL, title and tabs.
 */
export const webMetrics: DomainMetrics = {
  domain: 'web',
  specFromRow(_row, turns, dialect) {
    const page = stateSection(turns[0]);
    return {
      domain: 'web',
      dialect,
      initialState: page === undefined ? { data: {} } : { text: page, data: {} },
    };
  },
  structural(truth, prediction, dialect) {
    const parse = (text: string): string[] => parseWebPage(text, dialect as WebDialect).nodes.map(webNodeKey);
    return { kind: 'nodes', score: multisetF1(parse(truth), parse(prediction)) };
  },
  // Read from the ledger directly: its summary would parse the whole page again only to count its nodes.
  stateOf(ledger) {
    const web = ledger as WebLedger;
    return { url: web.url ?? null, title: web.title ?? null, tabs: web.tabs };
  },
};
