import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { injectionReport } from '../../control/index.js';
import { followsControlInstructions } from '../../core/engine.js';
import type { PerturbationRuleInput } from '../../core/perturbation.js';
import type { Turn } from '../../core/turn.js';
import { mcpPerturbations } from '../../domains/mcp/perturbations.js';
import { terminalPerturbations } from '../../domains/terminal/perturbations.js';
import { createEnv } from '../../session/create-env.js';
import { findBundledModel } from './bundled-model.js';
import { createLocalEngine, type LocalEngine } from './local-engine.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';

// The embedded models were trained without control instructions: every perturbation a rule injects on a turn
// they answer must still show, through its deterministic rendering, and be labelled as injected.
const installed = await nodeLlamaCppInstalled();
const terminalModel = findBundledModel('terminal');
const mcpModel = findBundledModel('mcp');

const terminalSpec = JSON.parse(readFileSync('examples/terminal-embedded.json', 'utf8')) as Record<
  string,
  unknown
>;
// The spec of the recorded server-memory sessions: the server the shipped mcp model was trained on.
const mcpSpec = (
  JSON.parse(readFileSync('training/fixtures/mcp-sessions.jsonl', 'utf8').split('\n')[0] ?? '') as {
    spec: Record<string, unknown>;
  }
).spec;

/** One action per catalog entry that the entry applies to, and text the observation must then show. */
interface CatalogCase {
  readonly action: unknown;
  readonly shows: RegExp;
}

const typed = (command: string): unknown => [{ keystrokes: `${command}\n`, duration: 1 }];

const TERMINAL_CASES: Readonly<Record<string, CatalogCase>> = {
  'no-space-left': { action: typed('echo hello > a.txt'), shows: /No space left on device/ },
  'read-only-filesystem': { action: typed('mkdir notes'), shows: /Read-only file system/ },
  'permission-denied': { action: typed('cat notes.txt'), shows: /Permission denied/ },
  'file-missing': { action: typed('cat notes.txt'), shows: /No such file or directory/ },
  'command-not-found': { action: typed('ls -la'), shows: /bash: ls: command not found/ },
  'network-unreachable': {
    action: typed('curl http://example.com'),
    shows: /Could not resolve host|Temporary failure in name resolution/,
  },
  'command-hangs': { action: typed('ls'), shows: /^user@sim:~\$ ls$/ },
  'oom-killed': { action: typed('python3 train.py'), shows: /^Killed$/m },
};

const MCP_CASES: Readonly<Record<string, CatalogCase>> = {
  'intermittent-5xx': { action: { name: 'read_graph', arguments: {} }, shows: /503/ },
  'rate-limit': { action: { name: 'read_graph', arguments: {} }, shows: /429|rate limit/i },
  'paginated-results': { action: { name: 'read_graph', arguments: {} }, shows: /nextCursor/ },
  'partial-batch-failure': {
    action: {
      name: 'create_entities',
      arguments: {
        entities: [
          { name: 'Ada', entityType: 'person', observations: ['writes code'] },
          { name: 'Grace', entityType: 'person', observations: ['writes compilers'] },
        ],
      },
    },
    shows: /"Grace"[\s\S]*409 Conflict/,
  },
  'expired-auth': { action: { name: 'search_nodes', arguments: { query: 'Ada' } }, shows: /401|expired/i },
  'slow-timeout': { action: { name: 'read_graph', arguments: {} }, shows: /timed? ?out/i },
  'schema-drift': { action: { name: 'search_nodes', arguments: { query: 'Ada' } }, shows: /\S/ },
  'empty-result': { action: { name: 'search_nodes', arguments: { query: 'Ada' } }, shows: /\[\]|No results/ },
};

/** Runs one rule on turn 1 of a fresh session of `spec` and returns the turn. */
async function injectedTurn(
  engine: LocalEngine,
  spec: Record<string, unknown>,
  perturbation: string,
  action: unknown,
): Promise<Turn> {
  const rule: PerturbationRuleInput = { id: `catalog-${perturbation}`, perturbation, when: { turn: 1 } };
  const env = await createEnv({ ...spec, perturbations: [rule] }, { engine });
  try {
    await env.reset({ seed: 11 });
    return (await env.step(action)).info.turn;
  } finally {
    await env.close();
  }
}

function assertManifested(turn: Turn, perturbation: string, shows: RegExp): void {
  const report = injectionReport([turn]);
  assert.equal(report.injections, 1, `${perturbation} was injected: ${JSON.stringify(turn.events)}`);
  assert.equal(report.manifested, 1, `${perturbation} shows: ${JSON.stringify(turn.observation)}`);
  const event = turn.events.find((entry) => entry.type === 'perturbation.injected');
  assert.equal(event?.data?.rendered, true, 'rendered by the session, as for replay');
  assert.equal(
    turn.checks.find((check) => check.id === `perturbation:${perturbation}`)?.status,
    'pass',
    JSON.stringify(turn.checks),
  );
  assert.match(turn.observation, shows);
  // Where the rendering changed the model's observation, the provenance says so and keeps where it came from;
  // where the model's screen already showed the condition (a missing file in an empty home), it is unchanged.
  assert.equal(turn.provenance.engine, 'local');
  if (turn.provenance.source === 'injected') {
    assert.deepEqual(turn.provenance.origin, {
      source: 'simulated',
      engine: 'local',
      model: turn.provenance.model,
    });
  } else assert.equal(turn.provenance.source, 'simulated');
}

describe('control on the embedded models: every catalog entry manifests', () => {
  const skip = !installed && 'node-llama-cpp is not installed';

  describe('terminal (models/agentworld-terminal.gguf)', { skip: skip || !terminalModel }, () => {
    let engine: LocalEngine;
    before(async () => {
      engine = await createLocalEngine({ modelPath: terminalModel as string });
    });
    after(() => engine?.close());

    it('declares that it does not follow control instructions', () => {
      assert.equal(engine.followsControlInstructions, false);
      assert.equal(followsControlInstructions(engine), false);
      assert.equal(followsControlInstructions({ kind: 'model' }), true);
      assert.equal(followsControlInstructions({ kind: 'recorded' }), false);
    });

    it('has a case for every catalog entry', () => {
      assert.deepEqual(
        Object.keys(TERMINAL_CASES).sort(),
        terminalPerturbations.map((entry) => entry.id).sort(),
      );
    });

    for (const [perturbation, { action, shows }] of Object.entries(TERMINAL_CASES)) {
      it(`${perturbation} is rendered into the model's screen and counted as manifested`, async () => {
        const turn = await injectedTurn(engine, terminalSpec, perturbation, action);
        assertManifested(turn, perturbation, shows);
      });
    }

    it('the reproducer of issue 13: --perturb no-space-left on `echo hello > a.txt` then `mkdir d`', async () => {
      const rule: PerturbationRuleInput = { perturbation: 'no-space-left' };
      const env = await createEnv({ ...terminalSpec, perturbations: [rule] }, { engine });
      await env.reset({ seed: 7 });
      const first = await env.step(typed('echo hello > a.txt'));
      const second = await env.step(typed('mkdir d'));
      assert.match(first.observation, /^bash: echo: write error: No space left on device$/m);
      assert.match(second.observation, /^mkdir: cannot create directory 'd': No space left on device$/m);
      const report = injectionReport([first.info.turn, second.info.turn]);
      assert.deepEqual([report.injections, report.manifested], [2, 2]);
      await env.close();
    });
  });

  describe('mcp (models/agentworld-mcp.gguf)', { skip: skip || !mcpModel }, () => {
    let engine: LocalEngine;
    before(async () => {
      engine = await createLocalEngine({ modelPath: mcpModel as string });
    });
    after(() => engine?.close());

    it('has a case for every catalog entry', () => {
      assert.deepEqual(Object.keys(MCP_CASES).sort(), mcpPerturbations.map((entry) => entry.id).sort());
    });

    for (const [perturbation, { action, shows }] of Object.entries(MCP_CASES)) {
      it(`${perturbation} is rendered into the model's result and counted as manifested`, async () => {
        const turn = await injectedTurn(engine, mcpSpec, perturbation, action);
        assertManifested(turn, perturbation, shows);
      });
    }
  });
});
