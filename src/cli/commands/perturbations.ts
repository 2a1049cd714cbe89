import { z } from 'zod';
import type { PerturbationContext } from '../../core/perturbation.js';
import { DOMAIN_IDS, type DomainId, WorldSpecSchema } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { bold, dim } from '../output.js';

export interface PerturbationsFlags {
  readonly json?: boolean | undefined;
}

/** One catalog entry as `agentworld perturbations --json` prints it. */
export interface CatalogListing {
  readonly domain: DomainId;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly params: Record<string, unknown>;
  readonly defaults: Record<string, unknown>;
  /** The instruction the world model gets with the default parameters, stated at reset. */
  readonly instruction: string;
}

/** Every catalog entry of the given domains, with its parameter schema and its default instruction. */
export function catalogListing(domains: readonly DomainId[]): CatalogListing[] {
  return domains.flatMap((domainId) => {
    const domain = getDomain(domainId);
    const spec = WorldSpecSchema.parse({ domain: domainId });
    const context: PerturbationContext = { spec, seed: 0, turnIndex: 0, actionText: '', tools: [] };
    return domain.perturbations.map((entry) => {
      const defaults = entry.params.parse({}) as Record<string, unknown>;
      return {
        domain: domainId,
        id: entry.id,
        title: entry.title,
        description: entry.description,
        params: z.toJSONSchema(entry.params, { io: 'input', unrepresentable: 'any' }) as Record<
          string,
          unknown
        >,
        defaults,
        instruction: entry.instruction(defaults, context),
      };
    });
  });
}

function describeParameters(listing: CatalogListing): string {
  const entries = Object.entries(listing.defaults);
  if (entries.length === 0) return 'no parameters';
  return entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ');
}

/** `agentworld perturbations [domain]`: lists the perturbation catalog. */
export async function runPerturbations(
  domain: string | undefined,
  flags: PerturbationsFlags,
): Promise<number> {
  const domains = domain === undefined ? [...DOMAIN_IDS] : [domain as DomainId];
  const listings = catalogListing(domains);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
    return 0;
  }
  for (const domainId of domains) {
    const entries = listings.filter((listing) => listing.domain === domainId);
    console.log(bold(`${domainId} (${entries.length})`));
    for (const listing of entries) {
      console.log(`  ${bold(listing.id)} — ${listing.title}`);
      console.log(`    ${listing.description}`);
      console.log(dim(`    params: ${describeParameters(listing)}`));
    }
  }
  console.log(
    dim(
      '\nUse one in a spec\'s "perturbations" list, or: agentworld sim SPEC --perturb ID[:key=value,...] (turn, tool, match, probability, every, from, until set when it fires).',
    ),
  );
  return 0;
}
