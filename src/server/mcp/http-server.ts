import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { Session } from '../../session/session.js';
import { isLoopbackHost } from '../shared/loopback.js';
import { localRequestRefusal } from '../shared/loopback-request.js';
import { hasBearerKey, hasLoopbackHostHeader } from './http-auth.js';
import { openSimulatedConnection, type SimulatedConnection } from './simulated-connection.js';
import type { SimulatedWorld } from './simulated-world.js';

export const DEFAULT_MCP_HTTP_HOST = '127.0.0.1';
export const DEFAULT_MCP_HTTP_PATH = '/mcp';

export interface StartMcpHttpServerOptions extends CallOptions {
  /** Bind address; default 127.0.0.1. Any non-loopback address requires `apiKeys`. */
  readonly host?: string | undefined;
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number | undefined;
  /** The endpoint path; default `/mcp`. */
  readonly path?: string | undefined;
  /** When non-empty, every request must carry `Authorization: Bearer <key>` with one of these keys. */
  readonly apiKeys?: readonly string[] | undefined;
  /** Most MCP sessions open at once (default 64); an initialize beyond it gets HTTP 429. */
  readonly maxSessions?: number | undefined;
  /** A session without requests for this long is closed (default 30 minutes). */
  readonly idleTimeoutMs?: number | undefined;
  /** Most bytes of one request body (default 4 MiB). */
  readonly maxBodyBytes?: number | undefined;
  readonly onSessionEnd?: ((session: Session) => Promise<void> | void) | undefined;
}

export interface McpHttpServer {
  /** The endpoint URL, e.g. `http://127.0.0.1:41234/mcp`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** MCP sessions open now. */
  sessionCount(): number;
  /** Closes every session and stops listening. Idempotent. */
  close(): Promise<void>;
}

interface OpenSession {
  readonly transport: StreamableHTTPServerTransport;
  readonly connection: SimulatedConnection;
  lastSeen: number;
}

function sendJsonRpcError(
  response: ServerResponse,
  status: number,
  code: number,
  message: string,
  data?: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: { code, message, ...(data === undefined ? {} : { data }) },
    id: null,
  });
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
}

function sendError(
  response: ServerResponse,
  error: AgentWorldError,
  headers: Record<string, string> = {},
): void {
  const code = error.httpStatus >= 500 ? ErrorCode.InternalError : ErrorCode.InvalidRequest;
  sendJsonRpcError(response, error.httpStatus, code, error.message, { code: error.code }, headers);
}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      throw new AgentWorldError('INVALID_REQUEST', `The request body is larger than ${limit} bytes.`, {
        details: { status: 413 },
      });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `The request body is not valid JSON: ${(error as Error).message}`,
      {
        details: { parseError: true },
      },
    );
  }
}

function isInitializeBody(body: unknown): boolean {
  return Array.isArray(body)
    ? body.some((message) => isInitializeRequest(message))
    : isInitializeRequest(body);
}

/**
 * Serves a simulated world over MCP streamable HTTP (official SDK transport, stateful): each `initialize`
 * opens an MCP session with its own simulated session (created and reset then); later requests carry the
 * `Mcp-Session-Id` header; `DELETE` ends a session. Bound to 127.0.0.1 unless told otherwise; a loopback
 * server refuses requests whose Host header names another machine, and any other bind address needs an API
 * key, checked as `Authorization: Bearer <key>`.
 */
export async function startMcpHttpServer(
  world: SimulatedWorld,
  options: StartMcpHttpServerOptions = {},
): Promise<McpHttpServer> {
  throwIfAborted(options.signal);
  const host = options.host ?? DEFAULT_MCP_HTTP_HOST;
  const path = options.path ?? DEFAULT_MCP_HTTP_PATH;
  const apiKeys = (options.apiKeys ?? []).filter((key) => key.length > 0);
  const loopback = isLoopbackHost(host);
  if (!loopback && apiKeys.length === 0) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Refusing to serve MCP on ${host} without an API key: pass one (clients send it as "Authorization: Bearer <key>"), or bind to 127.0.0.1.`,
      { details: { host } },
    );
  }
  const maxSessions = options.maxSessions ?? 64;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const sessions = new Map<string, OpenSession>();
  let opening = 0;

  const endSession = async (id: string): Promise<void> => {
    const open = sessions.get(id);
    if (open === undefined) return;
    sessions.delete(id);
    await open.transport.close().catch(() => undefined);
    await open.connection.close();
  };

  const openSession = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!isInitializeBody(body)) {
      sendJsonRpcError(response, 400, ErrorCode.InvalidRequest, 'Bad Request: No valid session ID provided');
      return;
    }
    if (sessions.size + opening >= maxSessions) {
      throw new AgentWorldError('CAPACITY_REACHED', `This server already holds ${maxSessions} MCP sessions.`);
    }
    opening += 1;
    let connection: SimulatedConnection;
    try {
      connection = await openSimulatedConnection(world, { onSessionEnd: options.onSessionEnd });
    } finally {
      opening -= 1;
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, connection, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        void endSession(id);
      },
      maxRequestBodySize: maxBodyBytes,
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined) sessions.delete(id);
      void connection.close();
    };
    try {
      await connection.server.connect(transport);
      await transport.handleRequest(request, response, body);
    } finally {
      // An initialize the transport refused leaves no session behind.
      if (transport.sessionId === undefined || !sessions.has(transport.sessionId)) {
        await connection.server.close().catch(() => undefined);
        await connection.close();
      }
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path) {
      sendJsonRpcError(response, 404, ErrorCode.InvalidRequest, `Not found: the MCP endpoint is ${path}.`);
      return;
    }
    // Keyless: the shared rule for every local server (loopback Host, same-origin or no Origin), so neither a
    // page of another site nor DNS rebinding reaches the world. Keyed on loopback: the Host check alone.
    const refusal =
      apiKeys.length === 0
        ? localRequestRefusal({ host: request.headers.host, origin: request.headers.origin })
        : undefined;
    if (refusal !== undefined) {
      sendJsonRpcError(response, 403, ErrorCode.InvalidRequest, `Forbidden: ${refusal.message}`);
      return;
    }
    if (loopback && !hasLoopbackHostHeader(request)) {
      sendJsonRpcError(
        response,
        403,
        ErrorCode.InvalidRequest,
        'Forbidden: the Host header must name this machine.',
      );
      return;
    }
    if (apiKeys.length > 0 && !apiKeys.some((key) => hasBearerKey(request, key))) {
      sendJsonRpcError(
        response,
        401,
        ErrorCode.InvalidRequest,
        'Unauthorized: send the API key as "Authorization: Bearer <key>".',
        undefined,
        { 'www-authenticate': 'Bearer' },
      );
      return;
    }
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId === undefined) {
      if (request.method !== 'POST') {
        sendJsonRpcError(
          response,
          400,
          ErrorCode.InvalidRequest,
          'Bad Request: No valid session ID provided',
        );
        return;
      }
      await openSession(request, response);
      return;
    }
    const open = sessions.get(sessionId);
    if (open === undefined) {
      sendJsonRpcError(response, 404, -32001, 'Session not found');
      return;
    }
    open.lastSeen = Date.now();
    await open.transport.handleRequest(request, response);
  };

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure = toAgentWorldError(error);
      if (failure.details.parseError === true) {
        sendJsonRpcError(response, 400, ErrorCode.ParseError, failure.message);
      } else if (failure.details.status === 413) {
        sendJsonRpcError(response, 413, ErrorCode.InvalidRequest, failure.message);
      } else {
        sendError(response, failure);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new AgentWorldError(
          'CONFIG_INVALID',
          `Cannot listen on ${host}:${options.port ?? 0}: ${error.message}`,
          {
            cause: error,
          },
        ),
      );
    });
    httpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;

  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const [id, open] of sessions) if (now - open.lastSeen > idleTimeoutMs) void endSession(id);
    },
    Math.max(1000, Math.min(idleTimeoutMs, 60_000)),
  );
  sweeper.unref();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(sweeper);
      await Promise.all([...sessions.keys()].map((id) => endSession(id)));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    })();
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}${path}`, host, port, sessionCount: () => sessions.size, close };
}
