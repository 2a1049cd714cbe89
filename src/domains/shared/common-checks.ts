import type { CheckResult } from '../../core/turn.js';

/**
 * Checks every domain runs: the observation must not carry prompt scaffolding (the observation marker, the
 * predicted-observation tags, turn headings), which would show the agent it is in a simulation.
 */
export function scaffoldingCheck(observation: string): CheckResult {
  const leaks = [
    '**Environment Observation:**',
    '<predicted_observation>',
    '</predicted_observation>',
    '<think>',
    '</think>',
  ].filter((needle) => observation.includes(needle));
  if (/^### Turn \d+$/m.test(observation)) leaks.push('### Turn N');
  if (leaks.length === 0) return { id: 'no-scaffolding', status: 'pass' };
  return { id: 'no-scaffolding', status: 'fail', message: `observation contains ${leaks.join(', ')}` };
}

export function nonEmptyCheck(observation: string): CheckResult {
  return observation.trim().length > 0
    ? { id: 'non-empty', status: 'pass' }
    : { id: 'non-empty', status: 'fail', message: 'observation is empty' };
}
