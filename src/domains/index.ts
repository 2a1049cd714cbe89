import type { AnyDomain } from '../core/domain.js';
import { AgentWorldError } from '../core/errors.js';
import { DOMAIN_IDS, type DomainId } from '../core/world-spec.js';
import { androidDomain } from './android/index.js';
import { mcpDomain } from './mcp/index.js';
import { osDomain } from './os/index.js';
import { searchDomain } from './search/index.js';
import { sweDomain } from './swe/index.js';
import { terminalDomain } from './terminal/index.js';
import { webDomain } from './web/index.js';

export * from './android/index.js';
export * from './mcp/index.js';
export * from './os/index.js';
export * from './search/index.js';
export * from './swe/index.js';
export * from './terminal/index.js';
export * from './web/index.js';

const DOMAINS: Partial<Record<DomainId, AnyDomain>> = {
  android: androidDomain,
  terminal: terminalDomain,
  mcp: mcpDomain,
  os: osDomain,
  search: searchDomain,
  swe: sweDomain,
  web: webDomain,
};

/** The domains this build implements. */
export function availableDomains(): DomainId[] {
  return DOMAIN_IDS.filter((id) => DOMAINS[id] !== undefined);
}

export function getDomain(id: DomainId): AnyDomain {
  const domain = DOMAINS[id];
  if (domain === undefined) {
    throw new AgentWorldError(
      'UNSUPPORTED',
      `Domain "${id}" is not implemented yet; available: ${availableDomains().join(', ')}.`,
    );
  }
  return domain;
}
