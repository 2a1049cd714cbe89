import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { McpServerCommand, ToolDefinition } from '../../../core/world-spec.js';
import type { McpAction } from '../../../domains/mcp/index.js';
import {
  type CallToolResultLike,
  callToolResultToObservation,
  connectMcpServer,
  hasClearErrorSign,
  listAllTools,
  type McpServerConnection,
  mcpErrorText,
} from '../../../domains/mcp/index.js';

/** What one real tool call answered, as the generator sees it. */
export interface McpCallOutcome {
  readonly observation: string;
  /** The server's own isError flag (a JSON-RPC error counts as an error too). */
  readonly isError: boolean;
}

export interface McpServerEngineOptions extends CallOptions {
  /** The server's short name, recorded in provenance as `mcp-server/<name>`. */
  readonly serverName: string;
  /** Per-call time limit in milliseconds (default 10000); a slower call is ENGINE_TIMEOUT. */
  readonly callTimeoutMs?: number;
}

/**
 * An Engine over one live MCP server (official SDK client, stdio): each action is a real `tools/call`, and the
 * observation is the result rendered as the mcp domain renders CallToolResults (content blocks in order). An
 * isError result is an observation like any other; a JSON-RPC error the client raises is rendered as the text a
 * client shows for it (`MCP error <code>: <message>`). Only infrastructure failures (the server died, the call
 * timed out) are thrown.
 */
export class McpServerEngine implements Engine {
  readonly id: string;
  readonly kind = 'real' as const;
  readonly model = undefined;
  private last: McpCallOutcome | undefined;

  private constructor(
    private readonly connection: McpServerConnection,
    private readonly serverName: string,
    private readonly callTimeoutMs: number,
  ) {
    this.id = `mcp-server/${serverName}`;
  }

  /** Starts the server and completes the handshake. */
  static async start(command: McpServerCommand, options: McpServerEngineOptions): Promise<McpServerEngine> {
    const connection = await connectMcpServer(command, {
      clientName: 'agentworld-datagen',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return new McpServerEngine(connection, options.serverName, options.callTimeoutMs ?? 10_000);
  }

  /** The server's tools, every page of tools/list. */
  listTools(options: CallOptions = {}): Promise<ToolDefinition[]> {
    return listAllTools(this.connection, options);
  }

  /** What the last call answered. */
  get lastOutcome(): McpCallOutcome | undefined {
    return this.last;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id };
  }

  /** Calls one tool on the real server; usable without a Session (e.g. to see how it answers a bad call). */
  async call(action: McpAction, options: CallOptions = {}): Promise<McpCallOutcome> {
    throwIfAborted(options.signal);
    let outcome: McpCallOutcome;
    // The SDK never removes the abort listener it adds per request: give it a signal of this call only.
    const callSignal = new AbortController();
    const follow = (): void => callSignal.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', follow, { once: true });
    try {
      const result = (await this.connection.client.callTool(
        { name: action.name, arguments: action.arguments },
        undefined,
        { timeout: this.callTimeoutMs, signal: callSignal.signal },
      )) as CallToolResultLike;
      outcome = { observation: callToolResultToObservation(result), isError: result.isError === true };
    } catch (error) {
      throwIfAborted(options.signal);
      if (error instanceof McpError && error.code !== -32001) {
        // A protocol error the server answered (not a timeout): the agent's client shows it as text.
        const message = error.message.replace(/^MCP error -?\d+: /, '');
        outcome = { observation: mcpErrorText(error.code, message), isError: true };
      } else {
        const reason = error instanceof Error ? error.message : String(error);
        const timedOut = error instanceof McpError && error.code === -32001;
        throw new AgentWorldError(
          timedOut ? 'ENGINE_TIMEOUT' : 'ENGINE_ERROR',
          `The MCP server ${this.serverName} failed on ${action.name}: ${reason}`,
          { cause: error, details: { stderr: this.connection.stderrTail() } },
        );
      }
    } finally {
      options.signal?.removeEventListener('abort', follow);
    }
    this.last = outcome;
    return outcome;
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    const outcome = await this.call(request.action as McpAction, options);
    return {
      observation: outcome.observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events:
        outcome.isError === hasClearErrorSign(outcome.observation)
          ? []
          : [{ type: 'datagen.error-sign-mismatch', data: { isError: outcome.isError } }],
    };
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
