import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { seededUniform } from '../../../core/seeded-random.js';
import { describeTests, failureInstruction, frameworkFor, renderFailingRun } from './failing-tests.js';
import { failingTests, showsFailingTests } from './test-runs.js';

const FlakyTestsParams = z
  .object({
    /** The flaky tests (`tests/test_x.py::test_y`, or a bare name); empty: the first known test. */
    tests: z.array(z.string().min(1)).default([]),
    /** The share of test runs on which they fail. */
    failRate: z.number().min(0).max(1).default(0.5),
    /** The intermittent error a failing run reports. */
    error: z.string().min(1).max(300).default('TimeoutError: timed out after 5.0 seconds'),
  })
  .strict();
type FlakyTestsParams = z.output<typeof FlakyTestsParams>;

/**
 * Whether the flaky tests fail on this turn's run: a draw from the spec's seed, its id and the turn, so the
 * same world fails and passes on the same runs every time it is played.
 */
export function flakyRunFails(params: FlakyTestsParams, context: PerturbationContext): boolean {
  return seededUniform(context.seed, 'flaky-tests', context.spec.id, context.turnIndex) < params.failRate;
}

/** Tests that fail on some runs and pass on others, with no change to the code. */
export const flakyTests = definePerturbation({
  id: 'flaky-tests',
  title: 'Flaky tests',
  description:
    'Some tests are flaky: with no change to the code they fail on a seeded share of the runs (with an intermittent error such as a timeout) and pass on the others.',
  params: FlakyTestsParams,
  appliesTo: (params, context) => frameworkFor(context) !== undefined && flakyRunFails(params, context),
  instruction: (params, context) => {
    const framework = frameworkFor(context) ?? 'pytest';
    const tests = failingTests(context.spec, framework, params.tests);
    if (context.action === undefined) {
      return `${describeTests(tests, framework)} ${tests.length === 1 ? 'is' : 'are'} flaky: with no change to the code, about ${Math.round(params.failRate * 100)}% of test runs fail ${tests.length === 1 ? 'it' : 'them'} with \`${params.error}\` in the runner's normal failure report (and a failing exit status), and the other runs pass; a failure never hints that the test is flaky.`;
    }
    return failureInstruction(
      'This run hits an intermittent failure (the code is unchanged; the same test passed on other runs):',
      context,
      tests,
      framework,
      params.error,
    );
  },
  render: (params, context) => renderFailingRun(context, params.tests, params.error),
  manifested: (params, context) =>
    showsFailingTests(
      context.observation,
      failingTests(context.spec, frameworkFor(context) ?? 'pytest', params.tests),
    ),
});
