import { osParseDesktopTable } from '../../../domains/os/index.js';
import { type DomainMetrics, stateSection } from '../domain-metrics.js';
import { multisetF1 } from '../structural/multiset-f1.js';

/**
 * OS: the first screen is turn 1's `Current State`; structure is a node-level F1 of the accessibility tables
 * (tag, name, text; positions and sizes left out). No state-change metric: the os ledger keeps the screen text
 * and the action's own pointer and typed text, nothing an observation decides beyond the screen itself.
 */
export const osMetrics: DomainMetrics = {
  domain: 'os',
  specFromRow(_row, turns, dialect) {
    const screen = stateSection(turns[0]);
    const task = turns[0]?.sections['Task Instruction'];
    return {
      domain: 'os',
      dialect,
      ...(task === undefined ? {} : { task }),
      initialState: screen === undefined ? { data: {} } : { text: screen, data: {} },
    };
  },
  structural(truth, prediction) {
    const parse = (text: string): string[] =>
      osParseDesktopTable(text).nodes.map((node) => [node.tag, node.name, node.text].join('\t'));
    return { kind: 'nodes', score: multisetF1(parse(truth), parse(prediction)) };
  },
};
