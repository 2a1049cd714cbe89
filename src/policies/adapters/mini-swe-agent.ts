/**
 * mini-swe-agent in its text form (v2's litellm text-based model, SWE-agent/mini-swe-agent a83fcae8
 * `models/litellm_textbased_model.py`, `config/default.yaml`): the policy answers with a THOUGHT and exactly one
 * ```mswea_bash_command block (v1's ```bash is read too, by the dialect's own parser); any other count is its
 * format error, fed back as a user message (our words); each result is the dialect's `<returncode>`/`<output>`
 * observation, unchanged. The opening is the agent-prompts one with the tool rule worded for the text form. A
 * command whose output will start with COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT submits: it runs, then the episode
 * ends.
 */
import { isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  isSweCompletion,
  miniSweCommandFromText,
  presentSweObservation,
  type SweAction,
} from '../../domains/swe/index.js';
import type { PolicyTurn } from '../policy.js';
import { exportHarness, withoutToolsSection } from './harness.js';
import {
  type AdapterDecision,
  type AgentAdapter,
  type ChatMessage,
  issueMessage,
  openingMessages,
  type PolicyReply,
  userMessage,
} from './types.js';

const TOOL_RULE = '- Call the bash tool with exactly one command per reply';
const TEXT_RULE = '- Put exactly one command per reply in a ```mswea_bash_command block';

/** How the text form wants replies written (the system message's second part), in our words. */
export const MINI_SWE_TEXT_FORMAT = [
  'Reply with a THOUGHT paragraph explaining your reasoning, then exactly ONE command in a fenced block:',
  '',
  'THOUGHT: why this command is the next step.',
  '',
  '```mswea_bash_command',
  'your_command_here',
  '```',
].join('\n');

/** mini-swe-agent's format error for a reply with `found` action blocks instead of one, in our words. */
export function miniSweFormatError(found: number): string {
  return [
    `Format error: your reply must hold EXACTLY ONE action in a \`\`\`mswea_bash_command block; it held ${found}.`,
    '',
    'Write a THOUGHT, then one block with one command (join steps with && or ||). To finish, run',
    '`echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT` on its own, with no other command.',
  ].join('\n');
}

export function miniSweAgentAdapter(spec: WorldSpec, instruction: string): AgentAdapter {
  function present(turn: PolicyTurn): ChatMessage[] {
    if (turn.step === 0) {
      const opening = exportHarness(spec, instruction, turn.observation).opening;
      const system = withoutToolsSection(opening.system);
      return openingMessages({
        system: system === undefined ? MINI_SWE_TEXT_FORMAT : `${system}\n\n${MINI_SWE_TEXT_FORMAT}`,
        user: opening.user.replace(TOOL_RULE, TEXT_RULE),
      });
    }
    if (turn.invalidActionError !== undefined) return [userMessage(turn.invalidActionError)];
    return [userMessage(presentSweObservation('mini-swe-agent', turn.observation))];
  }

  function parse(reply: PolicyReply): AdapterDecision {
    // The harness reads only fenced blocks: a reply without one is a format error (AgentWorld's own parser
    // would take the bare text as the command).
    if (!reply.content.includes('```')) return { invalid: miniSweFormatError(0), done: false };
    let command: string;
    try {
      command = miniSweCommandFromText(reply.content);
    } catch (error) {
      if (!isAgentWorldError(error, 'INVALID_ACTION')) throw error;
      const found = /found (\d+)/.exec(issueMessage(error));
      if (found === null) return { invalid: `Format error: ${issueMessage(error)}`, done: false };
      return { invalid: miniSweFormatError(Number(found[1])), done: false };
    }
    const action: SweAction = { name: 'bash', arguments: { command } };
    return { action, done: isSweCompletion(action, spec) };
  }

  return { name: 'mini-swe-agent (text)', mode: 'text', tools: [], present, parse };
}
