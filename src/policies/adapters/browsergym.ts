/**
 * BrowserGym (ServiceNow/BrowserGym 9e779f08) over a browsergym world. The policy gets the agent-prompts
 * opening (goal, the page, the action space) and each page as the demo agent shows it (open tabs, the
 * accessibility tree, `# Error message from last action` when the action failed: the web domain's
 * `presentBrowserGymObservation`). It answers with BrowserGym action code (inside `<action>` tags or a code
 * fence, as agents write it), read by the dialect's parser. `send_msg_to_user(text)` is the agent's answer and
 * ends the episode (as does `report_infeasible`). Code that cannot be read runs nothing in BrowserGym: the step
 * comes back with the unchanged page and the exception as `last_action_error` (a SyntaxError for Python that
 * does not parse, a ValueError for a call it refuses), which is what the adapter shows after an invalid reply.
 */
import { isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  webParseBrowserGymAction as parseBrowserGymAction,
  webPresentBrowserGymObservation as presentBrowserGymObservation,
} from '../../domains/web/index.js';
import type { PolicyTurn } from '../policy.js';
import { exportHarness } from './harness.js';
import {
  type AdapterDecision,
  type AgentAdapter,
  type ChatMessage,
  issueMessage,
  openingMessages,
  type PolicyReply,
  userMessage,
} from './types.js';

const ERROR_LINE = 'Last action error: ';

/** The page with `error` as its last action error (the line the world-model format opens with). */
function withError(observation: string, error: string): string {
  const lines = observation.split('\n');
  const first = lines.findIndex((line) => line.trim().length > 0);
  const rest = first !== -1 && lines[first]?.startsWith(ERROR_LINE) ? lines.slice(first + 1) : lines;
  return `${ERROR_LINE}${error.replace(/\n/g, ' ')}\n${rest.join('\n')}`;
}

/** The action code of a reply: its last `<action>` block, else the whole reply (code fences are the parser's). */
export function browserGymActionText(reply: string): string {
  const blocks = [...reply.matchAll(/<action>([\s\S]*?)<\/action>/g)];
  const last = blocks.at(-1);
  return last === undefined ? reply : (last[1] ?? '');
}

/** BrowserGym's `last_action_error` for code the parser refused. */
export function browserGymRefusal(message: string): string {
  return /malformed Python/.test(message) ? `SyntaxError: ${message}` : `ValueError: ${message}`;
}

export function browserGymAdapter(spec: WorldSpec, instruction: string): AgentAdapter {
  let page = '';

  function present(turn: PolicyTurn): ChatMessage[] {
    if (turn.step === 0) {
      page = turn.observation;
      const opening = exportHarness(spec, instruction, presentBrowserGymObservation(page)).opening;
      return openingMessages(opening);
    }
    if (turn.invalidActionError !== undefined) {
      return [userMessage(presentBrowserGymObservation(withError(page, turn.invalidActionError)))];
    }
    page = turn.observation;
    return [userMessage(presentBrowserGymObservation(page))];
  }

  function parse(reply: PolicyReply): AdapterDecision {
    const code = browserGymActionText(reply.content);
    let action: ReturnType<typeof parseBrowserGymAction>;
    try {
      action = parseBrowserGymAction(code);
    } catch (error) {
      if (!isAgentWorldError(error, 'INVALID_ACTION')) throw error;
      return { invalid: browserGymRefusal(issueMessage(error)), done: false };
    }
    const message = action.calls.find((call) => call.function === 'send_msg_to_user');
    const infeasible = action.calls.some((call) => call.function === 'report_infeasible');
    if (message !== undefined) {
      const text = message.arguments.text;
      return { action: action.code, finalAnswer: typeof text === 'string' ? text : String(text), done: true };
    }
    return { action: action.code, done: infeasible };
  }

  return { name: 'browsergym (generic agent)', mode: 'text', tools: [], present, parse };
}
