import { createHash, timingSafeEqual } from 'node:crypto';
import { AgentWorldError } from '../../core/errors.js';
import { ANONYMOUS_OWNER, ownerHashOf } from '../sessions/owner.js';

/**
 * Checks `Authorization: Bearer <key>` against the configured keys and returns the caller's owner hash. With
 * no keys configured (allowed on loopback only) every caller is the anonymous owner.
 */
export class ApiKeyAuthenticator {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get required(): boolean {
    return this.digests.length > 0;
  }

  ownerOf(authorization: string | undefined): string {
    if (!this.required) return ANONYMOUS_OWNER;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const key = match?.[1];
    if (key === undefined) {
      throw unauthorized('Send the API key as "Authorization: Bearer <key>".');
    }
    const candidate = digest(key);
    // Compare against every key in constant time, so timing reveals nothing about which prefix matched.
    let known = false;
    for (const stored of this.digests) known = timingSafeEqual(stored, candidate) || known;
    if (!known) throw unauthorized('The API key is not valid.');
    return ownerHashOf(key);
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function unauthorized(message: string): AgentWorldError {
  return new AgentWorldError('UNAUTHORIZED', message);
}
