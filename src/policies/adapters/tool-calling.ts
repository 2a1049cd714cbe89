/**
 * The function-calling harnesses: mcp and search agents, the swe tool dialects (SWE-agent, Claude Code, Gemini
 * CLI) and @playwright/mcp. The policy gets the agent-prompts opening (its system message without the `<tools>`
 * section: the tools go as OpenAI function definitions instead) and answers with tool calls; each result comes
 * back as a `tool` message answering the call (SWE-agent's keeps its `OBSERVATION:` wrapper). A call written in
 * the text (`<tool_call>{…}</tool_call>`, Qwen style, when the server runs no tool parser) is read too; its
 * result then comes back as the text layout's `<tool_response>` in a user message.
 *
 * A reply without a tool call is the agent's final answer where the harness ends there (an MCP or search
 * client, Claude Code, Gemini CLI, a browser agent), and `invalid` for SWE-agent, whose function-calling parser
 * refuses it and asks for a call (config/default.yaml of SWE-agent/SWE-agent 3ea751c0, restated in our words).
 */
import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { searchToolsOf } from '../../domains/search/index.js';
import { presentSweObservation, sweDialectOf, sweTools } from '../../domains/swe/index.js';
import { WEB_PLAYWRIGHT_TOOLS } from '../../domains/web/index.js';
import { functionSignature, renderToolResponse } from '../../export/agent-prompts/index.js';
import type { PolicyTurn } from '../policy.js';
import { exportHarness, withoutToolsSection } from './harness.js';
import { miniSweFormatError } from './mini-swe-agent.js';
import { parseTextToolCalls } from './text-tool-calls.js';
import {
  type AdapterDecision,
  type AgentAdapter,
  type ChatMessage,
  isRecord,
  openingMessages,
  type PolicyReply,
  userMessage,
} from './types.js';

/** SWE-agent's answer to a reply with no function call (its format error), in our words. */
export const SWE_AGENT_NO_TOOL_CALL_ERROR = [
  'Your last output did not call any tool.',
  'Every reply must contain exactly ONE function call, made through the function-calling format (not as a',
  'command inside ``` fences).',
  'If the issue is already resolved, call `submit` to hand in your changes; otherwise continue with a tool call.',
].join('\n');

/** SWE-agent's answer to a reply with several function calls, in our words. */
export const SWE_AGENT_MULTIPLE_TOOL_CALLS_ERROR = [
  'Your last output called more than one tool.',
  'Every reply must contain exactly ONE function call; make the calls one reply at a time.',
].join('\n');

/** What a call the harness did not run is answered with (every tool call needs an answer). */
export const TOOL_CALL_NOT_RUN = 'Not run: one tool call is run per turn, and this one came after the first.';

interface ToolDialectRules {
  readonly tools: readonly ToolDefinition[];
  readonly presentResult: (observation: string) => string;
  /** The error for a reply without a call; undefined: that reply is the final answer. */
  readonly noCallError?: string | undefined;
  readonly multipleCallsError?: string | undefined;
}

function rulesFor(spec: WorldSpec): ToolDialectRules {
  const same = (observation: string): string => observation;
  switch (spec.domain) {
    case 'search':
      return { tools: searchToolsOf(spec), presentResult: same };
    case 'swe': {
      const dialect = sweDialectOf(spec);
      if (dialect === 'mini-swe-agent') {
        // Its tool-calling form (litellm_model.py): a reply without exactly one bash call is its format error.
        return {
          tools: sweTools(spec),
          presentResult: (observation) => presentSweObservation(dialect, observation),
          noCallError: miniSweFormatError(0),
          multipleCallsError: miniSweFormatError(2),
        };
      }
      if (dialect === 'swe-agent') {
        return {
          tools: sweTools(spec),
          presentResult: (observation) => presentSweObservation(dialect, observation),
          noCallError: SWE_AGENT_NO_TOOL_CALL_ERROR,
          multipleCallsError: SWE_AGENT_MULTIPLE_TOOL_CALLS_ERROR,
        };
      }
      return {
        tools: sweTools(spec),
        presentResult: (observation) => presentSweObservation(dialect, observation),
      };
    }
    case 'web':
      return { tools: spec.tools ?? WEB_PLAYWRIGHT_TOOLS, presentResult: same };
    default:
      return { tools: spec.tools ?? [], presentResult: same };
  }
}

/** How the last reply called: natively (ids to answer), in its text, or not at all. */
type LastCall =
  | { readonly kind: 'native'; readonly ids: readonly string[] }
  | { readonly kind: 'text' }
  | { readonly kind: 'none' };

export function toolCallingAdapter(spec: WorldSpec, instruction: string): AgentAdapter {
  const rules = rulesFor(spec);
  const domain = getDomain(spec.domain);
  let last: LastCall = { kind: 'none' };

  function answer(first: string, rest: string): ChatMessage[] {
    if (last.kind === 'native') {
      return last.ids.map((id, index) => ({
        role: 'tool',
        tool_call_id: id,
        content: index === 0 ? first : rest,
      }));
    }
    return [userMessage(last.kind === 'text' ? renderToolResponse(first) : first)];
  }

  function present(turn: PolicyTurn): ChatMessage[] {
    if (turn.step === 0) {
      const opening = exportHarness(spec, instruction, turn.observation).opening;
      return openingMessages({ system: withoutToolsSection(opening.system), user: opening.user });
    }
    if (turn.invalidActionError !== undefined) {
      const error = turn.invalidActionError;
      return last.kind === 'native' ? answer(error, error) : [userMessage(error)];
    }
    return answer(rules.presentResult(turn.observation), TOOL_CALL_NOT_RUN);
  }

  function completes(action: unknown): boolean {
    try {
      return domain.isCompletion(domain.parseAction(action, spec) as never, spec);
    } catch {
      return false;
    }
  }

  function decided(name: string, args: Record<string, unknown>): AdapterDecision {
    const action = { name, arguments: args };
    return { action, done: completes(action) };
  }

  function parse(reply: PolicyReply): AdapterDecision {
    if (reply.toolCalls.length > 0) {
      last = { kind: 'native', ids: reply.toolCalls.map((call) => call.id) };
      if (reply.toolCalls.length > 1 && rules.multipleCallsError !== undefined) {
        return { invalid: rules.multipleCallsError, done: false };
      }
      const [call] = reply.toolCalls;
      if (call === undefined) return { invalid: 'no tool call', done: false };
      let args: unknown;
      try {
        args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          invalid: `The arguments of the ${call.name} call are not valid JSON: ${reason}`,
          done: false,
        };
      }
      if (!isRecord(args)) {
        return { invalid: `The arguments of the ${call.name} call must be a JSON object.`, done: false };
      }
      return decided(call.name, args);
    }
    const inText = parseTextToolCalls(reply.content);
    if (inText.kind === 'malformed') {
      last = { kind: 'none' };
      return { invalid: `Your tool call could not be read: ${inText.message}.`, done: false };
    }
    if (inText.kind === 'calls') {
      last = { kind: 'text' };
      if (inText.calls.length > 1 && rules.multipleCallsError !== undefined) {
        return { invalid: rules.multipleCallsError, done: false };
      }
      const [call] = inText.calls;
      if (call !== undefined) return decided(call.name, call.arguments);
    }
    last = { kind: 'none' };
    if (rules.noCallError !== undefined) return { invalid: rules.noCallError, done: false };
    return { finalAnswer: reply.content.trim(), done: true };
  }

  return {
    name: `${spec.domain}/${spec.dialect ?? spec.domain} (function calling)`,
    mode: 'tools',
    tools: rules.tools.map((tool) => functionSignature(tool)),
    present,
    parse,
  };
}
