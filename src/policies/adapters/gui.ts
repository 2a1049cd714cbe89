/**
 * The GUI harnesses: AndroidWorld's text agents (JSONAction written as `Action: {…}`), the phone-invoke agent
 * (`<invoke name="phone">`), and OSWorld's accessibility-tree agent (pyautogui code in a ```python block, or a
 * computer_13 action as JSON in a ```json block; ```WAIT```, ```DONE```, ```FAIL```). The opening and each
 * observation are the agent-prompts harness's; the reply is cut out as the harness does and read by the
 * domain's own parser. `status` (AndroidWorld) and `DONE` / `FAIL` (OSWorld) end the episode; AndroidWorld's
 * `answer` is remembered and given as the final answer when the episode ends.
 */
import { isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import type { PolicyTurn } from '../policy.js';
import { exportHarness, liveTurn } from './harness.js';
import {
  type AdapterDecision,
  type AgentAdapter,
  type ChatMessage,
  isRecord,
  issueMessage,
  openingMessages,
  type PolicyReply,
  userMessage,
} from './types.js';

/** What AndroidWorld's agents report when the reply has no readable action (M3A/T3A), in our words. */
export const ANDROID_FORMAT_ERROR =
  'The output for action selection is not in the expected format (`Action: {json}`), so no action was performed.';

/** The same for the phone tool call. */
export const PHONE_FORMAT_ERROR =
  'The output holds no readable <invoke name="phone"> call, so no action was performed.';

/** OSWorld's agent runs nothing when it finds no action block; what it tells the policy, in our words. */
export const OS_FORMAT_ERROR = 'No action was found in the answer, so nothing was run.';

/** The JSON after the last `Action:` of an AndroidWorld reply (the reason before it is the agent's own). */
export function androidWorldActionText(reply: string): string | undefined {
  const at = reply.lastIndexOf('Action:');
  if (at === -1) return undefined;
  const rest = reply.slice(at + 'Action:'.length);
  const start = rest.indexOf('{');
  const end = rest.lastIndexOf('}');
  return start === -1 || end < start ? undefined : rest.slice(start, end + 1);
}

/** The `<invoke name="phone">` part of a reply (with a `remember` call before it, when there is one). */
export function phoneInvokeText(reply: string): string | undefined {
  const start = reply.indexOf('<invoke');
  const end = reply.lastIndexOf('</invoke>');
  return start === -1 || end < start ? undefined : reply.slice(start, end + '</invoke>'.length);
}

/**
 * The action of an OSWorld reply, as its agent's code parser finds it: a code block holding only WAIT, DONE or
 * FAIL wins; otherwise the code blocks joined (pyautogui) or the last one (computer_13). Without any block, a
 * bare WAIT/DONE/FAIL reply counts.
 */
export function osActionText(reply: string, dialect: 'pyautogui' | 'computer13'): string | undefined {
  const token = /```\s*(WAIT|DONE|FAIL)\s*```/.exec(reply);
  if (token !== null) return token[1];
  const blocks = [...reply.matchAll(/```[A-Za-z0-9_-]*[^\S\n]*\n([\s\S]*?)```/g)].map((match) =>
    (match[1] ?? '').trim(),
  );
  const special = blocks.find((block) => ['WAIT', 'DONE', 'FAIL'].includes(block));
  if (special !== undefined) return special;
  if (blocks.length === 0) {
    const bare = reply.trim();
    return ['WAIT', 'DONE', 'FAIL'].includes(bare) ? bare : undefined;
  }
  return dialect === 'pyautogui' ? blocks.join('\n') : blocks.at(-1);
}

export function guiAdapter(spec: WorldSpec, instruction: string): AgentAdapter {
  const domain = getDomain(spec.domain);
  const android = spec.domain === 'android';
  const phone = android && spec.dialect === 'phone-invoke';
  const osDialect = spec.dialect === 'computer13' ? 'computer13' : 'pyautogui';
  let harness: ReturnType<typeof exportHarness> | undefined;
  let lastAction: unknown;
  let answer: string | undefined;

  function present(turn: PolicyTurn): ChatMessage[] {
    if (turn.step === 0 || harness === undefined) {
      harness = exportHarness(spec, instruction, turn.observation);
      return openingMessages(harness.opening);
    }
    if (turn.invalidActionError !== undefined) return [userMessage(turn.invalidActionError)];
    const shown = harness.observe(liveTurn(turn.step, lastAction, turn.observation));
    return shown === undefined ? [] : [userMessage(shown)];
  }

  function extract(reply: string): { text: string } | { error: string } {
    if (android) {
      const text = phone ? phoneInvokeText(reply) : androidWorldActionText(reply);
      return text === undefined ? { error: phone ? PHONE_FORMAT_ERROR : ANDROID_FORMAT_ERROR } : { text };
    }
    const text = osActionText(reply, osDialect);
    return text === undefined ? { error: OS_FORMAT_ERROR } : { text };
  }

  function parse(reply: PolicyReply): AdapterDecision {
    const extracted = extract(reply.content);
    if ('error' in extracted) return { invalid: extracted.error, done: false };
    let action: unknown;
    try {
      action = domain.parseAction(extracted.text, spec);
    } catch (error) {
      if (!isAgentWorldError(error, 'INVALID_ACTION')) throw error;
      const lead = android ? (phone ? PHONE_FORMAT_ERROR : ANDROID_FORMAT_ERROR) : OS_FORMAT_ERROR;
      return { invalid: `${lead} ${issueMessage(error)}`, done: false };
    }
    lastAction = action;
    if (isRecord(action) && action.action_type === 'answer' && typeof action.text === 'string') {
      answer = action.text;
    }
    const done = domain.isCompletion(action as never, spec);
    return done && answer !== undefined ? { action, finalAnswer: answer, done } : { action, done };
  }

  const name = android ? (phone ? 'phone-invoke' : 'androidworld (text agent)') : `osworld (${osDialect})`;
  return { name, mode: 'text', tools: [], present, parse };
}
