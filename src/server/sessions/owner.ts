import { createHash, randomBytes } from 'node:crypto';

/** The owner of every session when the server runs without API keys (loopback only). */
export const ANONYMOUS_OWNER = ownerHashOf(undefined);

/**
 * The stored identity of an API key: its sha256, so the database never holds a key itself. A request without
 * a key (a loopback server with no keys configured) belongs to one anonymous owner.
 */
export function ownerHashOf(apiKey: string | undefined): string {
  const material = apiKey === undefined ? 'anonymous' : `key:${apiKey}`;
  return createHash('sha256').update(material).digest('hex');
}

/** An unguessable session id: 144 random bits in URL-safe base64, prefixed so it reads as a session id. */
export function newSessionId(): string {
  return `s_${randomBytes(18).toString('base64url')}`;
}
