import { parseWorldSpec } from '../../session/create-env.js';
import { parseSweAction } from './actions.js';
import { checkSweObservation } from './checks.js';
import { createSweLedger } from './ledger.js';

/** A conformance fixture: one tool call, the state it ran in, and the exact text the real harness returns. */
export interface SweFixture {
  readonly name: string;
  /** Where the rule that produces this text lives: repository, commit and file. */
  readonly source: string;
  /** The files before the call (absolute paths). */
  readonly files: Readonly<Record<string, string>>;
  /** The tool call as the agent sends it. */
  readonly action: unknown;
  /** What the command printed and its exit status (shell tools), when the text renders from them. */
  readonly shell?: { readonly returncode: number; readonly output: string; readonly exception?: string };
  /** The exact observation text. */
  readonly observation: string;
}

/** The spec a fixture runs in: the dialect, with the fixture's files in /testbed. */
export function specFor(dialect: string, fixture: SweFixture) {
  return parseWorldSpec({
    domain: 'swe',
    dialect,
    initialState: { data: { cwd: '/testbed', files: fixture.files } },
  });
}

/** The checks of one fixture turn, none of which may fail. */
export function failingChecks(dialect: string, fixture: SweFixture): string[] {
  const spec = specFor(dialect, fixture);
  const action = parseSweAction(fixture.action, spec);
  const ledger = createSweLedger(spec);
  const checks = checkSweObservation({
    spec,
    turnIndex: 1,
    action,
    ledger,
    observation: fixture.observation,
  });
  return checks.filter((check) => check.status === 'fail').map((check) => `${check.id}: ${check.message}`);
}
