/** mini-swe-agent's action schema: one bash command, sent as a tool call or as a text with one command block. */
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { invalidSweAction } from '../../action-errors.js';
import { str, tool } from '../../tool-schema.js';
export const MINI_SWE_AGENT_TOOLS: ToolDefinition[] = [
  tool(
    'bash',
    'Runs one command in a fresh subshell in the repository folder and reports its return code and output.',
    { command: str('The command line.') },
    ['command'],
  ),
];

/**
 * A mini-swe-agent text answer must hold exactly one action block: v2's ```mswea_bash_command fence
 * (SWE-agent/mini-swe-agent a83fcae8, models/litellm_textbased_model.py action_regex) or v1's ```bash fence
 * (16aff66, agents/default.py). Other fences (```sh, ```python) are not actions. A text without any fence is
 * taken as the bare command (AgentWorld's canonical form of the action).
 */
const MINI_SWE_ACTION_FENCE = /```(?:mswea_bash_command|bash)\s*\n([\s\S]*?)\n```/g;

export function miniSweCommandFromText(text: string): string {
  const blocks = [...text.matchAll(MINI_SWE_ACTION_FENCE)].map((match) => (match[1] ?? '').trim());
  if (blocks.length > 1) {
    throw invalidSweAction('mini-swe-agent', '$', `Expected exactly 1 action, found ${blocks.length}.`);
  }
  const body = blocks[0] ?? (text.includes('```') ? undefined : text.trim());
  if (body === undefined)
    throw invalidSweAction(
      'mini-swe-agent',
      '$',
      'Expected exactly 1 action, found 0 (a ```mswea_bash_command block).',
    );
  if (body.length === 0) throw invalidSweAction('mini-swe-agent', '$', 'the command is empty');
  return body;
}
