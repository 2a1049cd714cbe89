import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { SessionRecordSchema } from '../../core/turn.js';
import { engineContract } from '../../testing/engine-contract.js';
import { writeFormulaMcpModel, writeFormulaModel } from './formula-model.js';
import { createLocalEngine } from './local-engine.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';

const directory = mkdtempSync(join(tmpdir(), 'agentworld-local-contract-'));
const modelPath = join(directory, 'formula.gguf');
const mcpModelPath = join(directory, 'formula-mcp.gguf');
before(async () => {
  await writeFormulaModel(modelPath);
  await writeFormulaMcpModel(mcpModelPath);
});
after(() => rmSync(directory, { recursive: true, force: true }));

/** The spec of a real server-memory session (its tools inline, `serverName` as the mcp model's system line). */
const [firstLine] = readFileSync(
  join(process.cwd(), 'training', 'fixtures', 'mcp-sessions.jsonl'),
  'utf8',
).split('\n');
const memorySpec = SessionRecordSchema.parse(JSON.parse(firstLine ?? '')).spec;

if (await nodeLlamaCppInstalled()) {
  // The formula model's observations are noise; the contract is about shapes, determinism, close and errors.
  engineContract({
    name: 'local (random-weight GGUF on node-llama-cpp)',
    spec: { domain: 'terminal', task: 'List files.' },
    actions: [
      [{ keystrokes: 'ls\n', duration: 0.5 }],
      [{ keystrokes: 'pwd\n', duration: 0.5 }],
      [{ keystrokes: 'echo hi\n', duration: 0.5 }],
    ],
    seed: 7,
    makeEngine: () => createLocalEngine({ modelPath, maxTokens: 32, minTokenProbability: 0 }),
    invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
  });
  engineContract({
    name: 'local, mcp layout (random-weight GGUF on node-llama-cpp)',
    spec: memorySpec,
    actions: [
      {
        name: 'create_entities',
        arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: [] }] },
      },
      { name: 'search_nodes', arguments: { query: 'Ada' } },
      { name: 'read_graph', arguments: {} },
    ],
    seed: 7,
    makeEngine: () => createLocalEngine({ modelPath: mcpModelPath, maxTokens: 32, minTokenProbability: 0 }),
    invalidAction: { action: { name: 'read_graph', arguments: 'all' }, path: '$.arguments' },
  });
} else {
  describe('local engine contract', { skip: 'node-llama-cpp is not installed' }, () => {});
}
