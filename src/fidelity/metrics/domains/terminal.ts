import {
  DEFAULT_TERMINAL_PROMPT_TEMPLATE,
  parsePromptLine,
  summarizeTerminalLedger,
  type TerminalLedger,
} from '../../../domains/terminal/index.js';
import { type DomainMetrics, pickFields, stateSection } from '../domain-metrics.js';
import { contentLines, multisetF1 } from '../structural/multiset-f1.js';

/**
 * Terminal: the spec's user, host and working directory come from turn 1's initial screen (its last prompt line),
 * structure is a line-level F1 of the screens, state is the ledger's cwd, env, files, program mode and pending
 * input (the command history is the action's own, so it is left out).
 */
export const terminalMetrics: DomainMetrics = {
  domain: 'terminal',
  specFromRow(_row, turns, dialect) {
    const screen = stateSection(turns[0]);
    const lastLine = screen?.replace(/\s+$/, '').split('\n').at(-1) ?? '';
    const prompt = parsePromptLine(`${lastLine} `, {
      promptTemplate: DEFAULT_TERMINAL_PROMPT_TEMPLATE,
      home: '/root',
    });
    const user = prompt?.user;
    const home = user === undefined || user === 'root' ? '/root' : `/home/${user}`;
    const cwd = prompt?.shownCwd?.replace(/^~(?=\/|$)/, home);
    return {
      domain: 'terminal',
      dialect,
      initialState: {
        ...(screen === undefined ? {} : { text: screen }),
        data: {
          ...(user === undefined ? {} : { user }),
          ...(prompt?.host === undefined ? {} : { host: prompt.host }),
          ...(cwd?.startsWith('/') === true ? { cwd } : {}),
        },
      },
    };
  },
  structural: (truth, prediction) => ({
    kind: 'lines',
    score: multisetF1(contentLines(truth), contentLines(prediction)),
  }),
  stateOf: (ledger) =>
    pickFields(summarizeTerminalLedger(ledger as TerminalLedger), [
      'cwd',
      'previousCwd',
      'env',
      'files',
      'mode',
      'pendingInput',
    ]),
};
