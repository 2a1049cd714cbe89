/**
 * The only way out of a session's browser: an HTTP proxy on 127.0.0.1 that Chromium is told to use for every
 * request, loopback included (Playwright adds `<-loopback>` to the bypass list). It answers the spec's own
 * origins from the spec's pages, forwards other loopback requests (plain HTTP and CONNECT tunnels) to the
 * loopback host itself, and refuses every other host without touching the network: a plain request has its
 * connection closed and a CONNECT is answered 403, so the browser reports a network error the agent reads.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, isIPv4, type Socket } from 'node:net';
import type { WebSite } from './web-site.js';

export interface SiteProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's `--proxy-server`. */
  readonly url: string;
  /** The hosts (host:port) the proxy refused, oldest first. */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

const NOT_FOUND =
  '<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>';

/** Whether a host name is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

function servePage(site: WebSite, url: URL, response: ServerResponse): void {
  const page = site.pages.get(url.origin + url.pathname);
  if (page !== undefined) {
    response.writeHead(page.status, { 'content-type': page.contentType });
    response.end(page.body);
  } else if (url.pathname === '/favicon.ico') {
    // No icon, and no 404 either: a missing icon would log a console error on whichever page asked first.
    response.writeHead(204);
    response.end();
  } else {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(NOT_FOUND);
  }
}

function forward(request: IncomingMessage, response: ServerResponse, url: URL): void {
  const upstream = httpRequest(
    {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? 80 : Number(url.port),
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
    },
    (answer) => {
      // A server that resets mid-answer ends this answer, never the process.
      answer.on('error', () => response.destroy());
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => request.socket.destroy());
  request.pipe(upstream);
}

/** Starts the proxy of one site on an ephemeral loopback port. */
export function startSiteProxy(site: WebSite): Promise<SiteProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '');
    } catch {
      response.writeHead(400);
      response.end();
      return;
    }
    if (site.origins.has(url.origin)) servePage(site, url, response);
    else if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) forward(request, response, url);
    else {
      refused.push(url.host);
      request.socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    // The browser may reset a tunnel at any time (a closed page, a refused host): an error ends that socket only.
    client.on('error', () => client.destroy());
    const target = request.url ?? '';
    const match = /^(.*):(\d+)$/.exec(target);
    const host = match?.[1] ?? '';
    if (match === null || !isLoopbackHost(host)) {
      refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    socket.on('error', () => undefined);
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        refused,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
