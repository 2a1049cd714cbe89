/**
 * The rollout of the queue benchmark: the ten-decision terminal episode of bench/rollout (a Terminus-2 policy
 * scripted to run eight commands, claim completion and confirm; the world the lwm engine on terminal screens),
 * scored by a rule verifier, so every episode is `success` when the run is healthy.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECISIONS } from '../rollout/terminus-replies.js';

export const ROLLOUT_TASK_ID = 'bench-scale-terminal';

/** Writes the task file into `directory` and returns its path. */
export function writeRolloutTask(directory: string): string {
  const path = join(directory, `${ROLLOUT_TASK_ID}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      format: 'agentworld.task',
      version: 1,
      id: ROLLOUT_TASK_ID,
      instruction: 'Look around the workspace, then write done to /workspace/answer.txt.',
      spec: 'terminal',
      verifiers: [{ type: 'tool-called', tool: 'echo', commandRegex: 'answer\\.txt' }],
      budgets: { maxTurns: DECISIONS },
    }),
  );
  return path;
}
