import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../shared/loopback.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether the request carries `Authorization: Bearer <apiKey>` (compared in constant time). */
export function hasBearerKey(request: IncomingMessage, apiKey: string): boolean {
  const header = request.headers.authorization;
  if (header === undefined) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (match?.[1] === undefined) return false;
  return timingSafeEqual(digest(match[1]), digest(apiKey));
}

/**
 * Whether the request's Host header names this machine. A server bound to a loopback address answers only such
 * requests, so a web page cannot reach it through DNS rebinding.
 */
export function hasLoopbackHostHeader(request: IncomingMessage): boolean {
  const header = request.headers.host;
  if (header === undefined) return false;
  try {
    return isLoopbackHost(new URL(`http://${header}`).hostname);
  } catch {
    return false;
  }
}
