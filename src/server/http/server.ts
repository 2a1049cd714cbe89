import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { AgentWorldError } from '../../core/errors.js';
import { isLoopbackHost } from '../shared/loopback.js';
import { createHttpApp, DEFAULT_MAX_BODY_BYTES, type HttpAppOptions } from './app.js';
import type { ServerMetrics } from './metrics.js';
import { attachWebSocketSessions } from './websocket-sessions.js';

export interface HttpServerOptions extends HttpAppOptions {
  /** Default 127.0.0.1. Any other address requires `apiKeys`. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Ping interval of `/ws` connections in ms (default 30 s; 0 turns it off). */
  readonly webSocketHeartbeatMs?: number;
}

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly metrics: ServerMetrics;
  /**
   * Stops listening and ends open connections (WebSocket sessions are closed first). The manager, store and
   * engine stay the caller's.
   */
  close(): Promise<void>;
}

/** Pending connections the kernel may queue for accept (capped by its own limit, net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/** Throws CONFIG_INVALID when a non-loopback bind address comes without API keys. */
export function assertSafeBinding(host: string, apiKeys: readonly string[]): void {
  if (isLoopbackHost(host)) return;
  if (apiKeys.length === 0) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Refusing to listen on ${host} without API keys: anyone who can reach it could drive the sessions. ` +
        'Pass at least one API key, or bind 127.0.0.1.',
      { details: { host } },
    );
  }
  if (apiKeys.some((key) => key.length < 16)) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      'API keys of a server reachable from other machines need 16+ characters.',
    );
  }
}

/**
 * Starts the HTTP env server (see `createHttpApp`) on a real socket, with OpenEnv's WebSocket protocol on `/ws`
 * (see `attachWebSocketSessions`).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  assertSafeBinding(host, options.apiKeys ?? []);
  const { app, metrics, auth } = createHttpApp(options);
  const server: Server = createServer(getRequestListener(app.fetch));
  const webSockets = attachWebSocketSessions(server, {
    manager: options.manager,
    auth,
    metrics,
    maxPayloadBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    defaultSpec: options.defaultSpec,
    tasks: options.tasks,
    ...(options.webSocketHeartbeatMs === undefined ? {} : { heartbeatMs: options.webSocketHeartbeatMs }),
  });
  // Keep idle connections longer than a trainer's pause between steps: a server that closes a keep-alive
  // socket while the client reuses it makes the client's next request fail with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  server.requestTimeout = 0; // steps may legitimately wait minutes for the model
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new AgentWorldError('CONFIG_INVALID', `Cannot listen on ${host}:${port}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    // A deep accept queue (Node's default is 511), so a thousand clients connecting at once are all queued.
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host,
    metrics,
    close: async () => {
      await webSockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
