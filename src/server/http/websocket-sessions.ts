import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { SessionManager } from '../sessions/session-manager.js';
import { localRequestRefusal } from '../shared/loopback-request.js';
import type { TaskEpisodes } from '../tasks/task-episodes.js';
import type { ApiKeyAuthenticator } from './auth.js';
import type { ServerMetrics } from './metrics.js';
import { WebSocketConnection } from './websocket-connection.js';

/** Where OpenEnv's `EnvClient` connects (`<base_url>/ws`). */
export const WEBSOCKET_PATH = '/ws';

/** Default interval of the server's pings; a client that misses one whole interval is cut off. */
export const DEFAULT_WEBSOCKET_HEARTBEAT_MS = 30_000;

export interface WebSocketSessionsOptions {
  readonly manager: SessionManager;
  readonly auth: ApiKeyAuthenticator;
  readonly metrics: ServerMetrics;
  /** Largest message in bytes; a bigger one closes the connection with 1009. */
  readonly maxPayloadBytes: number;
  /** The spec a `reset` without one uses. */
  readonly defaultSpec?: unknown;
  /** The server's tasks (`reset` by `task_id`). */
  readonly tasks?: TaskEpisodes | undefined;
  /** Ping interval in ms (default 30 s; 0 turns the heartbeat off). */
  readonly heartbeatMs?: number;
}

export interface WebSocketSessions {
  /** Connections open right now. */
  readonly openConnections: number;
  /** Closes every connection (1001) and its session, and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * Serves OpenEnv's WebSocket protocol on `/ws` of a node:http server: the upgrade is authenticated with the same
 * Bearer keys as the HTTP routes (401 with a JSON body, before any session exists), then each connection drives
 * one session with `{ type, data }` messages (see `WebSocketConnection`).
 */
export function attachWebSocketSessions(
  server: Server,
  options: WebSocketSessionsOptions,
): WebSocketSessions {
  const { manager, auth, metrics } = options;
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const connections = new Set<WebSocketConnection>();
  let accepting = true;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const outcome = accepting
      ? admitUpgrade(request, auth)
      : refusal(503, new AgentWorldError('ENGINE_UNAVAILABLE', 'The server is shutting down.'));
    if ('error' in outcome) {
      metrics.request(WEBSOCKET_PATH, outcome.status);
      rejectUpgrade(socket, outcome.status, outcome.error);
      return;
    }
    const { owner } = outcome;
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      metrics.request(WEBSOCKET_PATH, 101);
      if (!accepting) {
        webSocket.close(1001, 'server shutting down');
        return;
      }
      const connection = new WebSocketConnection(webSocket, owner, {
        manager,
        metrics,
        defaultSpec: options.defaultSpec,
        tasks: options.tasks,
      });
      connections.add(connection);
      metrics.webSocketOpened();
      webSocket.once('close', () => {
        connections.delete(connection);
        metrics.webSocketClosed();
      });
    });
  });

  const heartbeatMs = options.heartbeatMs ?? DEFAULT_WEBSOCKET_HEARTBEAT_MS;
  const timer =
    heartbeatMs > 0
      ? setInterval(() => {
          for (const connection of connections) connection.heartbeat();
        }, heartbeatMs)
      : undefined;
  timer?.unref();

  return {
    get openConnections() {
      return connections.size;
    },
    async close() {
      accepting = false;
      if (timer !== undefined) clearInterval(timer);
      await Promise.all([...connections].map((connection) => connection.shutdown()));
      webSockets.close();
    },
  };
}

interface Refusal {
  readonly status: number;
  readonly error: AgentWorldError;
}

function refusal(status: number, error: AgentWorldError): Refusal {
  return { status, error };
}

/**
 * The owner hash of an upgrade to `/ws`, or why it is refused: 404 elsewhere, 401 bad key; without keys, 403 for
 * a Host that is not a loopback name or an Origin of another site (WebSockets are not bound by CORS, so a page
 * could otherwise drive a loopback server; see `localRequestRefusal`).
 */
function admitUpgrade(request: IncomingMessage, auth: ApiKeyAuthenticator): { owner: string } | Refusal {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== WEBSOCKET_PATH) {
    return refusal(
      404,
      new AgentWorldError(
        'NOT_FOUND',
        `No WebSocket endpoint at ${path.slice(0, 200)}; connect to ${WEBSOCKET_PATH}.`,
      ),
    );
  }
  if (!auth.required) {
    const refused = localRequestRefusal({ host: request.headers.host, origin: request.headers.origin });
    if (refused !== undefined) return refusal(refused.httpStatus, refused);
  }
  try {
    return { owner: auth.ownerOf(request.headers.authorization) };
  } catch (error) {
    const failure = toAgentWorldError(error);
    return refusal(failure.httpStatus, failure);
  }
}

/** Answers the upgrade request with a plain HTTP error and a JSON body, then ends the socket. */
function rejectUpgrade(socket: Duplex, status: number, error: AgentWorldError): void {
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify(error.toJSON());
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(status === 401 ? ['WWW-Authenticate: Bearer'] : []),
    'Connection: close',
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
