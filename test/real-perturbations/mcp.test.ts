/**
 * Every perturbation of the mcp catalog on the real MCP engine, here the reference knowledge-graph server
 * @modelcontextprotocol/server-memory (one fresh server per session): the rule fires on a call it applies to and
 * the real result gets the entry's deterministic rendering (see harness.ts for what is asserted).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { getDomain } from '../../src/domains/index.js';
import { createRealMcpEngine } from '../../src/engines/real/index.js';
import { type CheckConflicts, catalogOnRealEngine, type PerturbationCase } from './harness.js';

const domain = getDomain('mcp');

const spec = JSON.parse(
  readFileSync(new URL('../../examples/mcp-memory.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const people = {
  name: 'create_entities',
  arguments: {
    entities: [
      { name: 'Ada', entityType: 'person', observations: ['works on the compiler'] },
      { name: 'Grace', entityType: 'person', observations: ['works on the linker'] },
      { name: 'Linus', entityType: 'person', observations: ['works on the kernel'] },
    ],
  },
};
const readGraph = { name: 'read_graph', arguments: {} };
const search = { name: 'search_nodes', arguments: { query: 'works' } };

/** A real session per catalog entry: setup calls, then the call the entry applies to (the last one). */
const CASES: Readonly<Record<string, PerturbationCase>> = {
  'intermittent-5xx': { actions: [people, readGraph] },
  'rate-limit': { actions: [people, search] },
  'paginated-results': { actions: [people, readGraph], params: { pageSize: 1 } },
  'partial-batch-failure': { actions: [people] },
  'expired-auth': { actions: [people, search] },
  'slow-timeout': { actions: [people] },
  'schema-drift': { actions: [people, readGraph] },
  'empty-result': { actions: [people, search] },
};

/**
 * Domain checks that fail on the rendered result although they passed on the real one: none. server-memory
 * declares a closed outputSchema for each tool, and paginated-results (a "nextCursor" key), partial-batch-failure
 * (a {succeeded, failed, summary} report) and schema-drift (the drift itself) change the result's shape on
 * purpose; each declares `overridesChecks: { 'output-schema': … }`, so the session reports that check as skipped,
 * naming the perturbation, on the turn it is injected (asserted below).
 */
const CHECK_CONFLICTS: CheckConflicts = {};

/** The entries whose manifestation overrides a domain check on this engine, and the check. */
const OVERRIDDEN: Readonly<Record<string, string>> = {
  'paginated-results': 'output-schema',
  'partial-batch-failure': 'output-schema',
  'schema-drift': 'output-schema',
};

/** Catalog entries that cannot manifest on the real MCP engine, each with the reason. None so far. */
const CANNOT_MANIFEST: Readonly<Record<string, string>> = {};

describe('mcp perturbations on the real engine (server-memory)', { timeout: 600_000 }, () => {
  catalogOnRealEngine({
    domain,
    spec,
    cases: CASES,
    makeEngine: () => createRealMcpEngine({ server: { kind: 'known', name: 'memory' } }),
    cannotManifest: CANNOT_MANIFEST,
    checkConflicts: CHECK_CONFLICTS,
    into: 'result',
    alsoCheck: (id, outcome) => {
      const overridden = OVERRIDDEN[id];
      if (overridden !== undefined) {
        const real = outcome.realChecks.find((check) => check.id === overridden);
        assert.equal(real?.status, 'pass', `${id}: ${overridden} passes on the real result`);
        const check = outcome.turn.checks.find((entry) => entry.id === overridden);
        assert.equal(check?.status, 'skip', `${id}: ${overridden} is overridden on the perturbed turn`);
        assert.match(
          check?.message ?? '',
          new RegExp(`^perturbation "${id}" \\(real-${id}\\) overrides this check: .+ \\(it failed: `),
        );
      }
    },
  });

  it('exactly the entries that declare an override of a domain check have one here', () => {
    const declared = Object.fromEntries(
      domain.perturbations.flatMap((entry) =>
        Object.keys(entry.overridesChecks ?? {}).map((check) => [entry.id, check] as const),
      ),
    );
    assert.deepEqual(declared, OVERRIDDEN);
  });
});
