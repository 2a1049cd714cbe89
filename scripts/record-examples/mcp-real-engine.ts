import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallOptions } from '../../src/core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import { AgentWorldError } from '../../src/core/errors.js';
import type { SessionEvent } from '../../src/core/turn.js';
import type { McpServerCommand } from '../../src/core/world-spec.js';
import {
  callToolResultToObservation,
  connectMcpServer,
  type McpAction,
  type McpServerConnection,
} from '../../src/domains/mcp/index.js';

export const REAL_MCP_ENGINE_ID = 'real-mcp';

/** An engine whose observations come from a real MCP server. */
export interface RealMcpEngine extends Engine {
  readonly serverInfo: { readonly name: string; readonly version: string } | undefined;
}

/** JSON-RPC codes the SDK uses for transport failures (infra, not observations). */
const TRANSPORT_CODES = new Set<number>([ErrorCode.ConnectionClosed, ErrorCode.RequestTimeout]);

/**
 * Starts a real MCP server over stdio and answers every step with a real `tools/call`. The CallToolResult
 * becomes the observation as an agent reads it (see callToolResultToObservation) and is kept whole as the turn's
 * `rawResult` (content blocks, structuredContent, the real `isError`), so a replay gives it back; `isError` results are
 * observations too, and so are JSON-RPC errors the server answers with (their text is what a client shows,
 * `MCP error <code>: <message>`). A dead or silent server is an infra failure: ENGINE_UNAVAILABLE /
 * ENGINE_TIMEOUT, never an observation.
 */
export async function createRealMcpEngine(
  command: McpServerCommand,
  options: CallOptions = {},
): Promise<RealMcpEngine> {
  const connection = await connectMcpServer(command, { ...options, clientName: 'agentworld-recorder' });
  return new StdioMcpEngine(connection, command);
}

class StdioMcpEngine implements RealMcpEngine {
  readonly id = REAL_MCP_ENGINE_ID;
  readonly model: string | undefined = undefined;
  readonly serverInfo: { readonly name: string; readonly version: string } | undefined;

  constructor(
    private readonly connection: McpServerConnection,
    private readonly command: McpServerCommand,
  ) {
    this.serverInfo = connection.serverInfo;
  }

  identity(): Record<string, unknown> {
    return {
      engine: REAL_MCP_ENGINE_ID,
      command: [this.command.command, ...this.command.args].join(' '),
      ...(this.serverInfo === undefined
        ? {}
        : { server: `${this.serverInfo.name}@${this.serverInfo.version}` }),
    };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    const action = request.action as McpAction;
    const provenance = {
      source: 'real' as const,
      engine: REAL_MCP_ENGINE_ID,
      promptHash: request.promptHash,
    };
    const events: SessionEvent[] = [];
    let observation: string;
    let rawResult: Record<string, unknown> | undefined;
    try {
      const result = await this.connection.client.callTool(
        { name: action.name, arguments: action.arguments },
        undefined,
        options.signal === undefined ? undefined : { signal: options.signal },
      );
      observation = callToolResultToObservation(result);
      rawResult = result;
      if (result.isError === true) {
        events.push({
          type: 'mcp.tool-error',
          message: 'the server answered with isError: true',
          data: { isError: true },
        });
      }
    } catch (error) {
      if (error instanceof McpError && !TRANSPORT_CODES.has(error.code)) {
        observation = error.message;
        events.push({ type: 'mcp.jsonrpc-error', message: error.message, data: { code: error.code } });
      } else {
        throw this.infraError(error, options.signal);
      }
    }
    return { observation, provenance, events, ...(rawResult === undefined ? {} : { rawResult }) };
  }

  private infraError(error: unknown, signal: AbortSignal | undefined): AgentWorldError {
    if (error instanceof AgentWorldError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    if (signal?.aborted) return new AgentWorldError('ABORTED', `Aborted: ${reason}`, { cause: error });
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
    return new AgentWorldError(
      timedOut ? 'ENGINE_TIMEOUT' : 'ENGINE_UNAVAILABLE',
      `The real MCP server failed: ${reason}`,
      { cause: error, details: { stderr: this.connection.stderrTail() } },
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
