import type { SessionRecord } from '../../src/core/turn.js';
import { CLASSIC_IDENTITY, EXTENSION_FAMILY_NAMES } from '../../src/data-generation/terminal/index.js';
import { resolveTerminalSetup } from '../../src/domains/terminal/index.js';
import { terminalByteLayout } from '../../src/engines/local/index.js';
import { type Baseline, type BenchDomain, copyPrevious } from './bench-domain.js';

/** The screen a model that knows nothing would predict: the command prints nothing, the prompt stays. */
function promptOnly(previousScreen: string, action: unknown, record: SessionRecord): string {
  const command = terminalByteLayout.commandOfAction(action);
  const lastLine = previousScreen.slice(previousScreen.lastIndexOf('\n') + 1);
  const setup = resolveTerminalSetup(record.spec);
  const prompt = lastLine.includes(`${setup.user}@`)
    ? lastLine.slice(lastLine.indexOf(`${setup.user}@`))
    : lastLine;
  return command === undefined
    ? previousScreen
    : `${terminalByteLayout.renderEcho(prompt, command)}${prompt}`;
}

const promptOnlyBaseline: Baseline = {
  name: 'prompt only',
  predict: ({ previous, turn, record }) => promptOnly(previous, turn.action, record),
};

/** The terminal model's bench: screens of real bash, against "prompt only" and "copy previous screen". */
export const terminalBench: BenchDomain = {
  observations: 'screens',
  unseenFamilies: new Set(EXTENSION_FAMILY_NAMES),
  defaultMaxTokens: 768,
  baselines: () => [promptOnlyBaseline, copyPrevious],
  sessionGroup: (record) => `[shell: ${shellKindOf(record)}]`,
};

/** Which of the generator's kinds of shell a session ran in: the classic `user@sim`, root, or a named user. */
function shellKindOf(record: SessionRecord): string {
  const setup = resolveTerminalSetup(record.spec);
  if (setup.user === CLASSIC_IDENTITY.user && setup.host === CLASSIC_IDENTITY.host) return 'classic user@sim';
  if (setup.user === 'root') return setup.cwd === '/root' ? 'root in /root' : `root in ${setup.cwd}`;
  return setup.cwd === setup.home ? 'named user in home' : `named user in ${setup.cwd}`;
}
