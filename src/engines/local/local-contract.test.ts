import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { engineContract } from '../../testing/engine-contract.js';
import { writeFormulaModel } from './formula-model.js';
import { createLocalEngine } from './local-engine.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';

const directory = mkdtempSync(join(tmpdir(), 'agentworld-local-contract-'));
const modelPath = join(directory, 'formula.gguf');
before(() => writeFormulaModel(modelPath));
after(() => rmSync(directory, { recursive: true, force: true }));

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
    invalidAction: { action: [{ keystrokes: 'ls\n', duration: 'soon' }], path: '$[0].duration' },
  });
} else {
  describe('local engine contract', { skip: 'node-llama-cpp is not installed' }, () => {});
}
