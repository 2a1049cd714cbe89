/**
 * The scripted policy of the rollout benchmark: a Terminus-2 model that runs one command a reply for eight
 * replies, claims completion with a ninth command (Terminus-2 runs it, then asks to confirm), and confirms on
 * the tenth: ten decisions, nine world-model steps per episode.
 */
import { BENCH_AGENT_COMMANDS } from '../shared/agent-commands.js';

/** Policy decisions per episode. */
export const DECISIONS = 10;
/** World-model steps per episode (the confirming tenth reply runs no command). */
export const WORLD_STEPS = DECISIONS - 1;

const COMMANDS = [...BENCH_AGENT_COMMANDS, 'echo done > /workspace/answer.txt\n'];

interface ScriptedRequest {
  readonly messages: ReadonlyArray<{ readonly role: string }>;
}

/** The reply to a request: the step is the number of assistant replies already in the conversation. */
export function terminusReply(request: ScriptedRequest): { type: 'raw'; content: string } {
  const step = request.messages.filter((message) => message.role === 'assistant').length;
  const confirming = step >= DECISIONS - 1;
  const command = COMMANDS[Math.min(step, COMMANDS.length - 1)] as string;
  return {
    type: 'raw',
    content: JSON.stringify({
      analysis: confirming ? 'The answer is written.' : `Step ${step + 1}: look around.`,
      plan: confirming ? 'Confirm completion.' : `Run ${command.trim()}.`,
      commands: confirming ? [] : [{ keystrokes: command, duration: 0.1 }],
      task_complete: step >= DECISIONS - 2,
    }),
  };
}
