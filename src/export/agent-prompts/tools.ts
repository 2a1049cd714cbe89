/**
 * The mcp and search harnesses, and the function-calling layout other tool-calling harnesses share (swe,
 * playwright-mcp): the tools go into the system prompt as one JSON signature per line inside `<tools>`, a call
 * is the JSON `{"name", "arguments"}` inside `<tool_call>` and a result comes back inside `<tool_response>`.
 * This follows the tool layout of the Qwen3 chat template (the `tools` branch of `chat_template` in the
 * `tokenizer_config.json` of the Qwen3 models on the Hugging Face hub, e.g. Qwen/Qwen3-4B; no commit is
 * pinned there), which Qwen-family agents are trained on; the wording around the tags is ours.
 */
import type { SessionRecord, Turn } from '../../core/turn.js';
import type { ToolDefinition } from '../../core/world-spec.js';
import { searchToolsOf } from '../../domains/search/index.js';
import { type AgentHarness, plainAction, taskText } from './types.js';

/** A tool definition (MCP `tools/list` shape) as a function signature. */
export function functionSignature(tool: ToolDefinition): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.inputSchema,
    },
  };
}

/** `intro`, then the tools section of the function-calling layout. */
export function toolsSystemPrompt(intro: string, tools: readonly ToolDefinition[]): string {
  return [
    intro,
    '',
    '# Tools',
    '',
    'Call the functions below to work on the task. Their signatures, one per line, inside <tools></tools>:',
    '<tools>',
    ...tools.map((tool) => JSON.stringify(functionSignature(tool))),
    '</tools>',
    '',
    'To call a function, reply with a JSON object of its name and arguments inside <tool_call></tool_call> tags:',
    '<tool_call>',
    '{"name": <function-name>, "arguments": <arguments-json-object>}',
    '</tool_call>',
  ].join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A `{name, arguments}` action as the policy's call; anything else as plain text. */
export function renderToolCall(action: unknown): string {
  if (!isRecord(action) || typeof action.name !== 'string') return plainAction(action);
  const call = { name: action.name, arguments: isRecord(action.arguments) ? action.arguments : {} };
  return `<tool_call>\n${JSON.stringify(call)}\n</tool_call>`;
}

/** A tool's result as the layout hands it back to the policy. */
export function renderToolResponse(result: string): string {
  return `<tool_response>\n${result}\n</tool_response>`;
}

/** A function-calling harness: the system prompt with the tools, the task as the first user message. */
export function functionCallingHarness(options: {
  readonly name: string;
  readonly system: string;
  readonly user: string;
  readonly present?: ((turn: Turn) => string) | undefined;
}): AgentHarness {
  const present = options.present ?? ((turn: Turn) => turn.observation);
  return {
    name: options.name,
    opening: { system: options.system, user: options.user },
    renderAction: renderToolCall,
    observe: (turn) => renderToolResponse(present(turn)),
  };
}

/** An MCP client agent: the server's tools (as the session recorded them) and the task. */
export function mcpHarness(record: SessionRecord): AgentHarness {
  const intro =
    'You are an agent working through the tools of a connected MCP server. Call one tool at a time, read its ' +
    'result, and stop calling tools once the task is done.';
  return functionCallingHarness({
    name: 'mcp (function calling)',
    system: toolsSystemPrompt(intro, record.spec.tools ?? []),
    user: taskText(record),
  });
}

/** A search agent: the search world's tools (the spec's own, else the built-in three) and the question. */
export function searchHarness(record: SessionRecord): AgentHarness {
  const intro =
    'You are a research agent. Answer the question by searching the web and reading pages through the tools ' +
    'below; keep notes of what you found, and give the final answer in plain text once you are sure.';
  return functionCallingHarness({
    name: 'search (function calling)',
    system: toolsSystemPrompt(intro, searchToolsOf(record.spec)),
    user: taskText(record),
  });
}
