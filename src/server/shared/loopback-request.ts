import { AgentWorldError } from '../../core/errors.js';
import { isLoopbackHost } from './loopback.js';

/**
 * The rule a server without API keys applies to every request, plain HTTP and WebSocket upgrades alike. Such a
 * server listens on loopback only, but any web page the user opens can still send it requests: a page of
 * another site directly (its browser adds that site's `Origin`), or through DNS rebinding (the page's own name
 * made to resolve to 127.0.0.1, so the browser sends `Host: evil.example:8080`). So a keyless server answers a
 * request only when
 *
 * - its `Host` is a loopback name with any port: `localhost` (or `localhost.`), 127.0.0.0/8, `[::1]`, in any
 *   case; a missing or malformed `Host` is refused too;
 * - its `Origin` is absent (programs: curl, Python, Node) or same-origin: http(s) on a loopback host with the
 *   port of `Host` (`http://localhost:8080` may call `127.0.0.1:8080`). `Origin: null` (sandboxed frames,
 *   `file:` pages, some redirects) is cross-site.
 *
 * With API keys neither applies: a keyed server may be reached from other hosts by any name, and browsers
 * cannot send `Authorization` to another origin without a CORS preflight, which these servers never allow.
 */

/** The request headers the rule reads (undefined when absent). */
export interface RequestPlaceHeaders {
  readonly host: string | undefined;
  readonly origin: string | undefined;
}

interface Authority {
  readonly hostname: string;
  readonly port: string;
}

/** A `host[:port]` with nothing else in it (no user info, path or spaces); an IPv6 address in brackets. */
const AUTHORITY_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/;

/** Host name (normalised as URLs do: lower case, IPv4 shorthand expanded) and port, or undefined. */
function parseAuthority(text: string, scheme: 'http:' | 'https:'): Authority | undefined {
  if (!AUTHORITY_PATTERN.test(text)) return undefined;
  try {
    const url = new URL(`${scheme}//${text}`);
    return { hostname: url.hostname, port: url.port || (scheme === 'https:' ? '443' : '80') };
  } catch {
    return undefined;
  }
}

/** Whether a `Host` header names this machine (a loopback name or address, any port). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const authority = parseAuthority(host, 'http:');
  return authority !== undefined && isLoopbackHost(authority.hostname);
}

/** Whether an `Origin` header is absent, or an http(s) origin on a loopback host with the port of `Host`. */
export function isSameOriginHeader(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  const match = /^(https?:)\/\/(.*)$/i.exec(origin);
  if (match === null || host === undefined) return false;
  const scheme = (match[1] as string).toLowerCase() as 'http:' | 'https:';
  const from = parseAuthority(match[2] as string, scheme);
  const to = parseAuthority(host, 'http:');
  return from !== undefined && to !== undefined && isLoopbackHost(from.hostname) && from.port === to.port;
}

/** Why a keyless server refuses this request (FORBIDDEN, 403, naming the header), or undefined to go on. */
export function localRequestRefusal(headers: RequestPlaceHeaders): AgentWorldError | undefined {
  if (!isLoopbackHostHeader(headers.host)) {
    return new AgentWorldError(
      'FORBIDDEN',
      `A server without API keys answers only requests addressed to a loopback name (localhost, 127.0.0.1, ` +
        `[::1]); this one was addressed to ${describe(headers.host)}. Connect by a loopback address, or ` +
        'give the server API keys.',
      { details: { header: 'host', value: clip(headers.host) } },
    );
  }
  if (!isSameOriginHeader(headers.origin, headers.host)) {
    return new AgentWorldError(
      'FORBIDDEN',
      `A server without API keys refuses requests sent by web pages of other origins; this one came from ` +
        `${describe(headers.origin)}. Send it from a program (no Origin header), or give the server API keys.`,
      { details: { header: 'origin', value: clip(headers.origin) } },
    );
  }
  return undefined;
}

function clip(value: string | undefined): string | null {
  return value === undefined ? null : value.slice(0, 200);
}

function describe(value: string | undefined): string {
  return value === undefined ? 'no host at all' : JSON.stringify(value.slice(0, 200));
}
