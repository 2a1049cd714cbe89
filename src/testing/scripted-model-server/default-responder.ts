import type { ScriptedReply, ScriptedRequest } from './replies.js';

/** The action text of a turn prompt: the body of the code fence after `**Action:**`, else the whole message. */
function actionText(userMessage: string): string {
  const match = /\*\*Action:\*\*\n(`{3,})[^\n]*\n([\s\S]*?)\n\1/.exec(userMessage);
  return match?.[2] ?? userMessage.trim();
}

/**
 * The default responder: an observation derived only from the last user message and the request's seed, so
 * tests can assert determinism, forks and prompts:
 *
 *     scripted observation for turn N (seed S)
 *     <the action, echoed>
 */
export function defaultScriptedResponder(request: ScriptedRequest): ScriptedReply {
  const users = request.messages.filter((message) => message.role === 'user');
  const last = users[users.length - 1]?.content ?? '';
  const turn = /^### Turn (\d+)/m.exec(last)?.[1] ?? String(users.length);
  const seed = request.seed === undefined ? 'none' : String(request.seed);
  return {
    type: 'observation',
    observation: `scripted observation for turn ${turn} (seed ${seed})\n${actionText(last)}`,
    reasoning: `Scripted reasoning for turn ${turn}: the action is echoed back.`,
  };
}
