/**
 * The load balancer of the HTTP part: a small reverse proxy with no sticky sessions. It rotates over the
 * upstreams per session: a request naming a session (`session_id` in its JSON body or query) goes to the
 * upstream after the one that took that session's previous request, so with two servers every consecutive step
 * of a session lands on the other server (the hardest case for stateless servers; plain per-request round-robin
 * would, in a closed loop of sessions in lockstep, keep sending each session to the same server by accident).
 * Requests that name no session (`/reset`) go round-robin, and the session their answer names is remembered
 * on the upstream that created it. The body is read whole (JSON requests are small),
 * then forwarded over keep-alive connections. It counts the requests sent to each upstream, and how many
 * requests of a known session moved to another server.
 */
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyCounts {
  /** Requests forwarded to each upstream, in the order the upstreams were given. */
  readonly forwarded: number[];
  /** Requests of a session seen before that went to a different upstream than its previous request. */
  moved: number;
  /** Requests of a session seen before that went to the same upstream. */
  stayed: number;
}

export interface RoundRobinProxy {
  readonly url: string;
  readonly counts: ProxyCounts;
  close(): Promise<void>;
}

/** The session a request (or an answer) names: `session_id` of its query string, else of its JSON body. */
function sessionOf(incoming: IncomingMessage, body: Buffer, readQuery = true): string | undefined {
  const query = readQuery
    ? new URL(incoming.url ?? '/', 'http://proxy').searchParams.get('session_id')
    : null;
  if (query !== null) return query;
  if (body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { session_id?: unknown };
    return typeof parsed.session_id === 'string' ? parsed.session_id : undefined;
  } catch {
    return undefined;
  }
}

export interface ProxyOptions {
  /**
   * Keep each session on the upstream that created it (routing by session id, the optional optimisation of a
   * real deployment) instead of rotating it to the next upstream on every request.
   */
  readonly sticky?: boolean;
}

export async function startRoundRobinProxy(
  upstreams: readonly string[],
  options: ProxyOptions = {},
): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('the proxy needs at least one upstream');
  const targets = upstreams.map((upstream) => new URL(upstream));
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const counts: ProxyCounts = { forwarded: targets.map(() => 0), moved: 0, stayed: 0 };
  /** The upstream of each session's last request (sessions are few in a benchmark; never pruned). */
  const lastUpstream = new Map<string, number>();
  let next = 0;

  const choose = (session: string | undefined): number => {
    const previous = session === undefined ? undefined : lastUpstream.get(session);
    let index: number;
    if (previous === undefined) {
      index = next;
      next = (next + 1) % targets.length;
    } else {
      index = options.sticky === true ? previous : (previous + 1) % targets.length;
      if (index === previous) counts.stayed += 1;
      else counts.moved += 1;
    }
    if (session !== undefined) lastUpstream.set(session, index);
    counts.forwarded[index] = (counts.forwarded[index] ?? 0) + 1;
    return index;
  };

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const session = sessionOf(incoming, body);
      const index = choose(session);
      const target = targets[index] as URL;
      const upstream = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host, 'content-length': String(body.length) },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          if (session !== undefined) {
            answer.pipe(outgoing);
            return;
          }
          // A request that named no session (a reset) may answer with one: remember where it lives.
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const created = sessionOf(incoming, Buffer.concat(parts), false);
            if (created !== undefined) lastUpstream.set(created, index);
            outgoing.end(Buffer.concat(parts));
          });
        },
      );
      upstream.on('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: error.message } }));
      });
      upstream.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
