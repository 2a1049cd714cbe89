import type { ChatMessage } from '../core/messages.js';
import type { SessionRecord } from '../core/turn.js';
import { agentHarnessFor } from './agent-prompts/index.js';

/**
 * The session from the agent's side, one chat per session, as the session's harness (agent-prompts/) shows it
 * to its policy: the harness's system message when it has one, its first user message (its instruction
 * template with the task and the first observation), then each kept turn's action as the policy's reply
 * (assistant) and what the harness showed back (user). The chat ends on the last kept action; turns after the
 * first one left out by the filter are dropped (the agent never saw a history without them), and so are turns
 * after the harness ended the episode (Terminus-2's confirmed completion).
 */
export function agentSftChat(record: SessionRecord, keep: ReadonlySet<number>): ChatMessage[] | undefined {
  const harness = agentHarnessFor(record);
  const { system, user } = harness.opening;
  const messages: ChatMessage[] = [
    ...(system === undefined ? [] : [{ role: 'system' as const, content: system }]),
    { role: 'user', content: user },
  ];
  const opening = messages.length;
  let shown: string | undefined;
  for (const turn of record.turns) {
    if (!keep.has(turn.index)) break;
    if (messages.length > opening) {
      if (shown === undefined) break;
      messages.push({ role: 'user', content: shown });
    }
    messages.push({ role: 'assistant', content: harness.renderAction(turn.action) });
    shown = harness.observe(turn);
  }
  return messages.length > opening ? messages : undefined;
}
