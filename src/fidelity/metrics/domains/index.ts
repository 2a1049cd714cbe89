import type { DomainId } from '../../../core/world-spec.js';
import type { DomainMetrics } from '../domain-metrics.js';
import { androidMetrics } from './android.js';
import { mcpMetrics } from './mcp.js';
import { osMetrics } from './os.js';
import { searchMetrics } from './search.js';
import { sweMetrics } from './swe.js';
import { terminalMetrics } from './terminal.js';
import { webMetrics } from './web.js';

/** The judge-free metrics of each domain. */
export const DOMAIN_METRICS: Readonly<Record<DomainId, DomainMetrics>> = {
  mcp: mcpMetrics,
  search: searchMetrics,
  terminal: terminalMetrics,
  swe: sweMetrics,
  android: androidMetrics,
  web: webMetrics,
  os: osMetrics,
};
