import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type ListToolsResult,
} from '@modelcontextprotocol/sdk/types.js';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { StepResult, Turn } from '../../core/turn.js';
import type { ToolDefinition } from '../../core/world-spec.js';
import { toolResultOf } from '../../domains/mcp/index.js';
import { createEnv } from '../../session/create-env.js';
import type { Session } from '../../session/session.js';
import { toJsonRpcError } from './json-rpc-errors.js';
import type { SimulatedWorld } from './simulated-world.js';
import { toolErrorResultOf } from './tool-error-result.js';

/** One MCP connection: an SDK `Server` whose tool calls are the steps of one simulated session. */
export interface SimulatedConnection {
  readonly server: Server;
  readonly session: Session;
  /** Closes the session (once); called when the transport closes, or by the owner. */
  close(): Promise<void>;
}

export interface OpenSimulatedConnectionOptions extends CallOptions {
  /** Called once with the session when the connection ends (to save it, log it …); errors are ignored. */
  readonly onSessionEnd?: ((session: Session) => Promise<void> | void) | undefined;
}

/**
 * The CallToolResult of a turn, as a real server of this domain sends it (see toolResultOf for mcp worlds:
 * the real result when the turn has one, else the result of the text). A successful result that no
 * structuredContent fits is a checked failure (the turn's `output-schema` check failed): it is reported as
 * MODEL_OUTPUT_INVALID rather than sent for the client to reject.
 */
function resultOf(world: SimulatedWorld, tool: ToolDefinition | undefined, turn: Turn): CallToolResult {
  if (world.domain !== 'mcp') return { content: [{ type: 'text', text: turn.observation }] };
  const outcome = toolResultOf(turn, tool);
  if (outcome.ok) return outcome.result;
  throw new AgentWorldError('MODEL_OUTPUT_INVALID', `Turn ${turn.index}: ${outcome.message}.`, {
    retryable: turn.provenance.source === 'simulated',
    details: { check: 'output-schema', turn: turn.index, tool: tool?.name, issues: outcome.issues },
  });
}

/**
 * Creates and resets the session of one MCP connection, and an SDK `Server` that lists the world's tools as
 * they are in the spec (names, descriptions, input and output schemas, annotations) and answers each
 * `tools/call` with one `step`, failing as McpServer fails: a refused call (unknown tool, invalid arguments)
 * is an `isError` result, our own failures (engine, turn limit, checked failures) are JSON-RPC errors. Calls are run one after another in arrival order (a session runs one step at a
 * time); a call the client cancels stops its engine request and records nothing.
 */
export async function openSimulatedConnection(
  world: SimulatedWorld,
  options: OpenSimulatedConnectionOptions = {},
): Promise<SimulatedConnection> {
  throwIfAborted(options.signal);
  const session = await createEnv(world.spec, { engine: world.engine, signal: options.signal });
  await session.reset({ seed: world.seed, signal: options.signal });
  const toolsByName = new Map(world.tools.map((tool) => [tool.name, tool]));

  // As a server built on the SDK's McpServer declares it (it may announce tool-list changes; ours never do).
  const server = new Server(world.serverInfo, {
    capabilities: { tools: { listChanged: true } },
    ...(world.instructions === undefined ? {} : { instructions: world.instructions }),
  });
  server.setRequestHandler(
    ListToolsRequestSchema,
    (): ListToolsResult => ({ tools: world.tools.map((tool) => ({ ...tool })) as ListToolsResult['tools'] }),
  );

  let queue: Promise<unknown> = Promise.resolve();
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const action = { name: request.params.name, arguments: request.params.arguments ?? {} };
    const run = async (): Promise<StepResult> => session.step(action, { signal: extra.signal });
    const step = queue.then(run, run);
    queue = step.catch(() => undefined);
    try {
      const result = await step;
      return resultOf(world, toolsByName.get(action.name), result.info.turn);
    } catch (error) {
      const refused = toolErrorResultOf(error);
      if (refused !== undefined) return refused;
      throw toJsonRpcError(error);
    }
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await session.close();
      try {
        await options.onSessionEnd?.(session);
      } catch {
        // Saving or logging a finished session must not break the server.
      }
    })();
    return closing;
  };
  server.onclose = () => {
    void close();
  };
  return { server, session, close };
}
