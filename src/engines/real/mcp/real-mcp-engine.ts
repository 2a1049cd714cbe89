import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../../core/errors.js';
import type { SessionEvent } from '../../../core/turn.js';
import type { ToolDefinition, WorldSpec } from '../../../core/world-spec.js';
import {
  callToolResultToObservation,
  connectMcpServer,
  listAllTools,
  type McpAction,
  type McpServerConnection,
} from '../../../domains/mcp/index.js';
import { removeTree } from '../sandbox/remove-tree.js';
import { connectHttpMcpServer } from './http-connection.js';
import { type RealMcpServer, type SessionServer, sessionServerFor } from './real-mcp-server.js';

export interface RealMcpEngineOptions {
  /** The server each session talks to (default: the spec's `toolsFrom` command). */
  readonly server?: RealMcpServer | undefined;
  /** Per-call time limit in milliseconds (default 30 000); a slower call is ENGINE_TIMEOUT. */
  readonly callTimeoutMs?: number | undefined;
  /** Most sessions (server processes or connections) open at once; the least recently used closes first. */
  readonly maxSessions?: number | undefined;
}

/** JSON-RPC codes the SDK uses for transport failures (infra, not observations). */
const TRANSPORT_CODES = new Set<number>([ErrorCode.ConnectionClosed, ErrorCode.RequestTimeout]);

interface ServerSession {
  readonly connection: McpServerConnection;
  readonly server: SessionServer;
  readonly tools: ToolDefinition[];
  /** The actions this connection answered, as JSON: a session whose history differs gets a fresh server. */
  readonly actions: string[];
  /** Set when the connection closed under us (the server died). */
  closed: boolean;
}

/**
 * A proxy to a real MCP server (official SDK client, stdio or streamable HTTP): one server process or
 * connection per session, its tool list fetched when it starts; each action is a real `tools/call` whose result
 * is passed through unchanged as the turn's `rawResult` (content blocks, structuredContent, isError), with the
 * observation text the mcp domain reads from it. isError results and JSON-RPC errors the server answers are
 * observations; a dead, unreachable or silent server is ENGINE_UNAVAILABLE / ENGINE_TIMEOUT, and the session's
 * recorded turns stay as they were. A fork or restored session gets a fresh server that replays its history.
 */
export class RealMcpEngine implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly sessions = new Map<string, ServerSession>();
  private closed = false;

  constructor(private readonly options: RealMcpEngineOptions = {}) {}

  identity(): Record<string, unknown> {
    const server = this.options.server;
    return {
      engine: this.id,
      executor: 'mcp',
      ...(server === undefined
        ? {}
        : {
            server:
              server.kind === 'known'
                ? server.name
                : server.kind === 'http'
                  ? server.url
                  : [server.command.command, ...server.command.args].join(' '),
          }),
    };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.serverOf(spec);
  }

  /** The tools the session's server listed when it started (undefined before its first step). */
  toolsOf(sessionId: string): readonly ToolDefinition[] | undefined {
    return this.sessions.get(sessionId)?.tools;
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The real MCP engine is closed.');
    const session = await this.sessionFor(request, options);
    try {
      const answer = await this.call(session, request.action as McpAction, options);
      session.actions.push(JSON.stringify(request.action));
      return {
        ...answer,
        provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      };
    } catch (error) {
      await this.drop(request.sessionId);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.drop(id)));
  }

  /** Stops the server of a closed session (and removes its temporary directory). */
  releaseSession(sessionId: string): Promise<void> {
    return this.drop(sessionId);
  }

  /** Sessions whose server is running. */
  get openSessions(): number {
    return this.sessions.size;
  }

  private async call(
    session: ServerSession,
    action: McpAction,
    options: CallOptions,
  ): Promise<Omit<Prediction, 'provenance'>> {
    const events: SessionEvent[] = [];
    try {
      const result = await session.connection.client.callTool(
        { name: action.name, arguments: action.arguments },
        undefined,
        {
          timeout: this.options.callTimeoutMs ?? 30_000,
          ...(options.signal ? { signal: options.signal } : {}),
        },
      );
      if (result.isError === true) {
        events.push({
          type: 'mcp.tool-error',
          message: 'the server answered with isError: true',
          data: { isError: true },
        });
      }
      return { observation: callToolResultToObservation(result), events, rawResult: result };
    } catch (error) {
      if (error instanceof McpError && !TRANSPORT_CODES.has(error.code) && !session.closed) {
        events.push({ type: 'mcp.jsonrpc-error', message: error.message, data: { code: error.code } });
        return { observation: error.message, events };
      }
      throw this.infraError(error, session, options.signal);
    }
  }

  private async sessionFor(request: PredictRequest, options: CallOptions): Promise<ServerSession> {
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    const existing = this.sessions.get(request.sessionId);
    if (existing !== undefined && !existing.closed && sameActions(existing.actions, history)) {
      this.sessions.delete(request.sessionId);
      this.sessions.set(request.sessionId, existing);
      return existing;
    }
    await this.drop(request.sessionId);
    const server = sessionServerFor(this.serverOf(request.spec));
    let connection: McpServerConnection;
    try {
      connection =
        server.target.kind === 'http'
          ? await connectHttpMcpServer(server.target.url, server.target.headers, options)
          : await connectMcpServer(server.target.command, {
              clientName: 'agentworld-real',
              signal: options.signal,
            });
    } catch (error) {
      if (server.temporaryDirectory !== undefined) removeTree(server.temporaryDirectory);
      if (isAgentWorldError(error, 'ABORTED')) throw error;
      throw new AgentWorldError(
        'ENGINE_UNAVAILABLE',
        `The real MCP server did not start: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const session: ServerSession = { connection, server, tools: [], actions: [], closed: false };
    const previousOnClose = connection.client.onclose;
    connection.client.onclose = () => {
      session.closed = true;
      previousOnClose?.();
    };
    this.sessions.set(request.sessionId, session);
    try {
      session.tools.push(...(await listAllTools(connection, options)));
      for (const turn of request.history) {
        await this.call(session, turn.action as McpAction, options);
        session.actions.push(JSON.stringify(turn.action));
      }
    } catch (error) {
      await this.drop(request.sessionId);
      throw isAgentWorldError(error) ? error : this.infraError(error, session, options.signal);
    }
    const limit = this.options.maxSessions ?? 16;
    while (this.sessions.size > limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      await this.drop(oldest);
    }
    return session;
  }

  private serverOf(spec: WorldSpec): RealMcpServer {
    if (spec.domain !== 'mcp') {
      throw new AgentWorldError('UNSUPPORTED', `The real MCP engine runs mcp worlds, not ${spec.domain}.`);
    }
    if (this.options.server !== undefined) return this.options.server;
    if (spec.toolsFrom !== undefined) return { kind: 'stdio', command: spec.toolsFrom };
    throw new AgentWorldError(
      'CONFIG_INVALID',
      'The real MCP engine needs a server: name one (filesystem, memory, everything, a URL or a command line), or give the spec a toolsFrom command.',
    );
  }

  private async drop(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.sessions.delete(sessionId);
    await session.connection.close();
    if (session.server.temporaryDirectory !== undefined) removeTree(session.server.temporaryDirectory);
  }

  private infraError(
    error: unknown,
    session: ServerSession,
    signal: AbortSignal | undefined,
  ): AgentWorldError {
    if (error instanceof AgentWorldError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    if (signal?.aborted) return new AgentWorldError('ABORTED', `Aborted: ${reason}`, { cause: error });
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout && !session.closed;
    return new AgentWorldError(
      timedOut ? 'ENGINE_TIMEOUT' : 'ENGINE_UNAVAILABLE',
      `The real MCP server failed: ${reason}`,
      { cause: error, details: { stderr: session.connection.stderrTail() } },
    );
  }
}

function sameActions(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** A real MCP engine (see RealMcpEngine). */
export function createRealMcpEngine(options: RealMcpEngineOptions = {}): RealMcpEngine {
  return new RealMcpEngine(options);
}
