import { z } from 'zod';
import {
  definePerturbation,
  type ObservationContext,
  type PerturbationContext,
} from '../../../core/perturbation.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import { exitStatusNote } from './exit-status.js';
import { dialectOf, linesToOutput, renderShellResult, shellRunOf } from './shell-result.js';
import {
  FAILED_EXIT_CODE,
  failingTests,
  firstTestFramework,
  knownTests,
  renderTestFailures,
  showsFailingTests,
  type TestCase,
  type TestFramework,
  testId,
} from './test-runs.js';

const FailingTestsParams = z
  .object({
    /** The failing tests (`tests/test_x.py::test_y`, or a bare test name); empty: the first known test. */
    tests: z.array(z.string().min(1)).default([]),
    /** The error each failing test reports. */
    error: z.string().min(1).max(300).default('AssertionError'),
  })
  .strict();

/** The runner this turn starts, or (at reset) the one the repository's tests are written for. */
export function frameworkFor(context: PerturbationContext): TestFramework | undefined {
  const run = shellRunOf(context);
  if (run !== undefined) return firstTestFramework(run.commands);
  if (context.action !== undefined) return undefined;
  return guessFramework(context.spec);
}

function guessFramework(spec: WorldSpec): TestFramework {
  const order: TestFramework[] = ['pytest', 'jest', 'go', 'cargo'];
  return order.find((framework) => knownTests(spec, framework).length > 0) ?? 'pytest';
}

export function describeTests(tests: readonly TestCase[], framework: TestFramework): string {
  return tests.map((test) => `\`${testId(test, framework)}\``).join(', ');
}

/** What the runner shows: the report naming the failing tests, in the harness's envelope. */
export function renderFailingRun(
  context: ObservationContext,
  named: readonly string[],
  error: string,
): string {
  const run = shellRunOf(context);
  const framework = frameworkFor(context) ?? 'pytest';
  const tests = failingTests(context.spec, framework, named);
  const cwd = run?.cwd ?? '/testbed';
  const report = renderTestFailures(framework, tests, { cwd, error, spec: context.spec });
  if (run === undefined) return `${context.observation}\n${report.join('\n')}`;
  return renderShellResult(run, context.observation, linesToOutput(report), FAILED_EXIT_CODE[framework]);
}

/** The instruction both test perturbations give, with their own opening. */
export function failureInstruction(
  opening: string,
  context: PerturbationContext,
  tests: readonly TestCase[],
  framework: TestFramework,
  error: string,
): string {
  const code = FAILED_EXIT_CODE[framework];
  const report =
    framework === 'pytest'
      ? `pytest's usual report: the FAILURES section with the test's source and an \`E       ${error}\` line, \`FAILED <id> - ${error}\` in the short test summary and "N failed" in the final line`
      : `the runner's usual failure report naming each failing test with \`${error}\``;
  return `${opening} ${describeTests(tests, framework)} fail${tests.length === 1 ? 's' : ''} with \`${error}\` while every other test passes: the run prints ${report}; ${exitStatusNote(dialectOf(context.spec), code)}.`;
}

/** Tests that fail when the agent runs the test suite. */
export const failingTestsPerturbation = definePerturbation({
  id: 'failing-tests',
  title: 'Failing tests',
  description:
    "Running the test suite reports named failures (pytest, unittest, jest, go test or cargo test, in the runner's own report format) with a failing exit status.",
  params: FailingTestsParams,
  appliesTo: (_params, context) => frameworkFor(context) !== undefined,
  instruction: (params, context) => {
    const framework = frameworkFor(context) ?? 'pytest';
    const tests = failingTests(context.spec, framework, params.tests);
    const opening =
      context.action === undefined ? 'Whenever the agent runs the tests,' : 'This test run fails:';
    return failureInstruction(opening, context, tests, framework, params.error);
  },
  render: (params, context) => renderFailingRun(context, params.tests, params.error),
  manifested: (params, context) =>
    showsFailingTests(
      context.observation,
      failingTests(context.spec, frameworkFor(context) ?? 'pytest', params.tests),
    ),
});
