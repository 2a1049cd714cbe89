/**
 * Tool calls written in the reply text, as Qwen-family models do when the server runs no tool parser (the
 * Qwen3 chat template's layout, the one the agent-prompts tools prompt teaches): `<tool_call>` + a JSON object
 * `{"name", "arguments"}` + `</tool_call>`. A closing tag cut off at the end of the reply is tolerated.
 */
import { isRecord } from './types.js';

export interface TextToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** What a reply's `<tool_call>` blocks hold: the calls, or why the first block is not a call. */
export type TextToolCallParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'calls'; readonly calls: readonly TextToolCall[] }
  | { readonly kind: 'malformed'; readonly message: string };

const BLOCK = /<tool_call>\s*([\s\S]*?)\s*(?:<\/tool_call>|$)/g;

function readCall(body: string): TextToolCall | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return `the <tool_call> block is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!isRecord(value) || typeof value.name !== 'string' || value.name.length === 0) {
    return 'the <tool_call> block must be a JSON object with a "name" string and an "arguments" object';
  }
  let args: unknown = value.arguments ?? value.parameters ?? {};
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return `the arguments of ${value.name} are not a JSON object`;
    }
  }
  if (!isRecord(args)) return `the arguments of ${value.name} are not a JSON object`;
  return { name: value.name, arguments: args };
}

export function parseTextToolCalls(text: string): TextToolCallParse {
  const bodies = [...text.matchAll(BLOCK)].map((match) => match[1] ?? '');
  if (bodies.length === 0) return { kind: 'none' };
  const calls: TextToolCall[] = [];
  for (const body of bodies) {
    const call = readCall(body);
    if (typeof call === 'string') return { kind: 'malformed', message: call };
    calls.push(call);
  }
  return { kind: 'calls', calls };
}
