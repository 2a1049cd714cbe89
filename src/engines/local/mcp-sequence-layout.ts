/**
 * The byte layout `mcp-bytes-v1` of AgentWorld's embedded MCP world model, exactly as training/mcp_layout.py
 * builds it (a test compares the two on a fixture of real server-memory sessions):
 *
 *   <s> agentworld mcp SERVER\n  call NAME ARGS\n OBSERVATION </s>  call NAME ARGS\n OBSERVATION </s> …
 *
 * The call line (ECHO) is what the engine knows and feeds: the tool name and its arguments as JSON.stringify
 * writes them (`{}` when missing). The observation text (TARGET) and `</s>` are what the model predicts, the
 * only ids with loss. Error results carry no flag of their own: the mcp domain reads isError off the text, and
 * a recorded turn whose server flag disagrees with the text (`datagen.error-sign-mismatch`) does not fit.
 * Same vocabulary as the terminal layout (sequence-layout.ts): 0 `<unk>`, 1 `<s>`, 2 `</s>`, byte b → 3 + b.
 */

import { BOS_ID, buildSequence, byteIds, type LayoutSequence, type LayoutTurn } from './sequence-layout.js';

export const MCP_LAYOUT_ID = 'mcp-bytes-v1';
export const MCP_DOMAIN = 'mcp';
export const MCP_SYSTEM_PREFIX = 'agentworld mcp';
export const MCP_CALL_PREFIX = 'call ';
export const ERROR_SIGN_MISMATCH_EVENT = 'datagen.error-sign-mismatch';
/** A tool name holding one of these has no place on the call line. */
const NAME_BREAKS = /[ \t\n\r\f\v]/;

/** One tool call as the layout writes it. */
export interface McpLayoutCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** One recorded (or engine-history) turn: the action sent and the observation returned. */
export interface McpLayoutTurnInput {
  readonly action: unknown;
  readonly observation: string;
  readonly events?: readonly { readonly type: string; readonly data?: unknown }[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The line after `<s>`, naming the server when the spec does. */
export function mcpSystemLine(serverName?: string): string {
  return serverName === undefined ? `${MCP_SYSTEM_PREFIX}\n` : `${MCP_SYSTEM_PREFIX} ${serverName}\n`;
}

/**
 * The server name of a spec (`initialState.data.serverName`): `{ fits: false }` when it is there but not a
 * non-empty one-line string.
 */
export function mcpServerNameOf(spec: unknown): { readonly fits: boolean; readonly name?: string } {
  const initialState = isPlainObject(spec) ? spec.initialState : undefined;
  const data = isPlainObject(initialState) ? initialState.data : undefined;
  const name = isPlainObject(data) ? data.serverName : undefined;
  if (name === undefined || name === null) return { fits: true };
  if (typeof name !== 'string' || name === '' || name.includes('\n') || name.includes('\r'))
    return { fits: false };
  return { fits: true, name };
}

/** The call of a `{ name, arguments }` action (missing arguments are `{}`); undefined for anything else. */
export function mcpCallOfAction(action: unknown): McpLayoutCall | undefined {
  if (!isPlainObject(action)) return undefined;
  const name = action.name;
  if (typeof name !== 'string' || name === '' || NAME_BREAKS.test(name)) return undefined;
  const args = action.arguments ?? {};
  if (!isPlainObject(args)) return undefined;
  return { name, arguments: args };
}

/** ECHO: the call line the engine feeds. */
export function renderMcpCall(call: McpLayoutCall): string {
  return `${MCP_CALL_PREFIX}${call.name} ${JSON.stringify(call.arguments)}\n`;
}

/** The ids of `<s>` and the system line, which start every sequence. */
export function mcpSequenceHead(serverName?: string): number[] {
  return [BOS_ID, ...byteIds(mcpSystemLine(serverName))];
}

/** The ids and loss mask of a whole session (echo without loss, target and `</s>` with). */
export function buildMcpSequence(
  serverName: string | undefined,
  turns: readonly LayoutTurn[],
): LayoutSequence {
  return buildSequence(turns, mcpSequenceHead(serverName));
}

/** The layout turn of one recorded turn, or undefined when it does not fit (see the file comment). */
export function mcpLayoutTurn(turn: McpLayoutTurnInput): LayoutTurn | undefined {
  const call = mcpCallOfAction(turn.action);
  if (call === undefined || typeof turn.observation !== 'string') return undefined;
  if (turn.events?.some((event) => event.type === ERROR_SIGN_MISMATCH_EVENT)) return undefined;
  return { echo: renderMcpCall(call), target: turn.observation };
}

/**
 * The prompt the engine feeds for the next call: head, the history's turns, then the call line, ready for the
 * model to write the observation. Undefined when the call or a history turn does not fit.
 */
export function mcpPromptIds(
  serverName: string | undefined,
  history: readonly McpLayoutTurnInput[],
  action: unknown,
): number[] | undefined {
  const turns: LayoutTurn[] = [];
  for (const turn of history) {
    const laid = mcpLayoutTurn(turn);
    if (laid === undefined) return undefined;
    turns.push(laid);
  }
  const call = mcpCallOfAction(action);
  if (call === undefined) return undefined;
  return [...buildMcpSequence(serverName, turns).ids, ...byteIds(renderMcpCall(call))];
}

/** The sequence of a recorded mcp session, or undefined when it is not one or does not fit the layout. */
export function mcpSessionSequence(record: {
  readonly spec: unknown;
  readonly turns: readonly McpLayoutTurnInput[];
}): LayoutSequence | undefined {
  const spec = record.spec;
  if (!isPlainObject(spec) || spec.domain !== MCP_DOMAIN) return undefined;
  const server = mcpServerNameOf(spec);
  if (!server.fits) return undefined;
  const turns: LayoutTurn[] = [];
  for (const turn of record.turns) {
    const laid = mcpLayoutTurn(turn);
    if (laid === undefined) return undefined;
    turns.push(laid);
  }
  return turns.length === 0 ? undefined : buildMcpSequence(server.name, turns);
}
